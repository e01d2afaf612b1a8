package dev.arb.spread;

import dev.arb.api.BookView;
import dev.arb.api.OrderBook;

/**
 * The spread between two books at one instant, written by {@link SpreadCalculator#compute} and
 * reused for every tick (allocate one per executor, never one per tick).
 *
 * <p>Direction A→B buys on venue A at its ask and sells on venue B at its bid
 * ({@link #buyASellBPct()}); direction B→A buys on B and sells on A ({@link #buyBSellAPct()}),
 * which is also how an A→B position is closed. Prices are at each book's own price scale; with a
 * configured size they are the VWAP of the depth that fills that size, else the best level.
 *
 * <p>When {@link #usable()} is {@code false} the spreads are {@link Double#NaN} and prices the
 * ones that could be read ({@link OrderBook#NO_PRICE} otherwise); ages and receive times are always
 * filled in.
 *
 * <p><b>Note:</b> not thread-safe. Written and read on the single thread that owns the books
 * (the market-data event loop).
 */
public final class SpreadSnapshot {
    /** Reason: venue A's book is not valid (no snapshot yet, gap or disconnect). */
    public static final String BOOK_A_INVALID = "book A invalid";
    /** Reason: venue B's book is not valid (no snapshot yet, gap or disconnect). */
    public static final String BOOK_B_INVALID = "book B invalid";
    /** Reason: venue A's book is crossed (best bid ≥ best ask). */
    public static final String BOOK_A_CROSSED = "book A crossed";
    /** Reason: venue B's book is crossed (best bid ≥ best ask). */
    public static final String BOOK_B_CROSSED = "book B crossed";
    /** Reason: venue A's last update is older than the configured maximum age. */
    public static final String BOOK_A_STALE = "book A stale";
    /** Reason: venue B's last update is older than the configured maximum age. */
    public static final String BOOK_B_STALE = "book B stale";
    /** Reason: venue A's book lacks the depth (or a side) to fill the configured size. */
    public static final String BOOK_A_THIN = "book A too thin for size";
    /** Reason: venue B's book lacks the depth (or a side) to fill the configured size. */
    public static final String BOOK_B_THIN = "book B too thin for size";
    /** Reason: nothing computed yet. */
    public static final String NOT_COMPUTED = "not computed";

    private boolean usable;
    private String unusableReason = NOT_COMPUTED;
    private double buyASellBPct = Double.NaN;
    private double buyBSellAPct = Double.NaN;
    private double buyASellBNetPct = Double.NaN;
    private double buyBSellANetPct = Double.NaN;
    private long askA = OrderBook.NO_PRICE;
    private long bidA = OrderBook.NO_PRICE;
    private long askB = OrderBook.NO_PRICE;
    private long bidB = OrderBook.NO_PRICE;
    private long worstAskA = OrderBook.NO_PRICE;
    private long worstBidA = OrderBook.NO_PRICE;
    private long worstAskB = OrderBook.NO_PRICE;
    private long worstBidB = OrderBook.NO_PRICE;
    private long bookAgeMsA;
    private long bookAgeMsB;
    private long receivedNanosA;
    private long receivedNanosB;
    private long computedNanos;

    /** Creates an empty, unusable snapshot ({@link #NOT_COMPUTED}). */
    public SpreadSnapshot() {
    }

    /** @return {@code true} when both books are valid, not crossed, fresh and deep enough for the size */
    public boolean usable() {
        return usable;
    }

    /** @return one of this class's constant reasons when not {@link #usable()}, else null (never allocates) */
    public String unusableReason() {
        return unusableReason;
    }

    /** @return {@code (bidB - askA) / askA × 100}: gross spread of buying A and selling B, percent */
    public double buyASellBPct() {
        return buyASellBPct;
    }

    /** @return {@code (bidA - askB) / askB × 100}: gross spread of buying B and selling A, percent */
    public double buyBSellAPct() {
        return buyBSellAPct;
    }

    /** @return {@link #buyASellBPct()} minus both venues' taker fees, percent */
    public double buyASellBNetPct() {
        return buyASellBNetPct;
    }

    /** @return {@link #buyBSellAPct()} minus both venues' taker fees, percent */
    public double buyBSellANetPct() {
        return buyBSellANetPct;
    }

    /**
     * @return {@link #buyASellBPct()}
     * @deprecated the name said "entry" although either direction can enter; use {@link #buyASellBPct()}
     *     (kept so strategy scripts written against the old name still compile)
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public double entrySpreadPct() {
        return buyASellBPct;
    }

    /**
     * @return {@link #buyBSellAPct()}
     * @deprecated the name said "exit" although this direction also enters; use {@link #buyBSellAPct()}
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public double exitSpreadPct() {
        return buyBSellAPct;
    }

    /**
     * @return {@link #buyASellBNetPct()}
     * @deprecated use {@link #buyASellBNetPct()}
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public double entryNetPct() {
        return buyASellBNetPct;
    }

    /**
     * @return {@link #buyBSellANetPct()}
     * @deprecated use {@link #buyBSellANetPct()}
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public double exitNetPct() {
        return buyBSellANetPct;
    }

    /** @return venue A's ask (VWAP for the size), at book A's price scale */
    public long askA() {
        return askA;
    }

    /** @return venue A's bid (VWAP for the size), at book A's price scale */
    public long bidA() {
        return bidA;
    }

    /** @return venue B's ask (VWAP for the size), at book B's price scale */
    public long askB() {
        return askB;
    }

    /** @return venue B's bid (VWAP for the size), at book B's price scale */
    public long bidB() {
        return bidB;
    }

    /**
     * @return the highest ask level of venue A the size reaches (the best ask for top of book), at
     *     book A's price scale: the least limit price a buy IOC of that size needs
     */
    public long worstAskA() {
        return worstAskA;
    }

    /** @return the lowest bid level of venue A the size reaches, at book A's price scale */
    public long worstBidA() {
        return worstBidA;
    }

    /** @return the highest ask level of venue B the size reaches, at book B's price scale */
    public long worstAskB() {
        return worstAskB;
    }

    /** @return the lowest bid level of venue B the size reaches, at book B's price scale */
    public long worstBidB() {
        return worstBidB;
    }

    /** @return ms between book A's last received update and the compute time */
    public long bookAgeMsA() {
        return bookAgeMsA;
    }

    /** @return ms between book B's last received update and the compute time */
    public long bookAgeMsB() {
        return bookAgeMsB;
    }

    /** @return {@link System#nanoTime()} at which book A's last update was received */
    public long receivedNanosA() {
        return receivedNanosA;
    }

    /** @return {@link System#nanoTime()} at which book B's last update was received */
    public long receivedNanosB() {
        return receivedNanosB;
    }

    /** @return the {@code nowNanos} ({@link System#nanoTime()}) the snapshot was computed for */
    public long computedNanos() {
        return computedNanos;
    }

    void stamp(final long nowNanos, final BookView a, final BookView b) {
        computedNanos = nowNanos;
        receivedNanosA = a.receivedNanos();
        receivedNanosB = b.receivedNanos();
        bookAgeMsA = a.ageMs(nowNanos);
        bookAgeMsB = b.ageMs(nowNanos);
    }

    void pricesA(final long ask, final long worstAsk, final long bid, final long worstBid) {
        askA = ask;
        worstAskA = worstAsk;
        bidA = bid;
        worstBidA = worstBid;
    }

    void pricesB(final long ask, final long worstAsk, final long bid, final long worstBid) {
        askB = ask;
        worstAskB = worstAsk;
        bidB = bid;
        worstBidB = worstBid;
    }

    void unusable(final String reason) {
        usable = false;
        unusableReason = reason;
        buyASellBPct = Double.NaN;
        buyBSellAPct = Double.NaN;
        buyASellBNetPct = Double.NaN;
        buyBSellANetPct = Double.NaN;
    }

    void spreads(final double entryPct, final double exitPct, final double feesPct) {
        usable = true;
        unusableReason = null;
        buyASellBPct = entryPct;
        buyBSellAPct = exitPct;
        buyASellBNetPct = entryPct - feesPct;
        buyBSellANetPct = exitPct - feesPct;
    }

    @Override
    public String toString() {
        return "SpreadSnapshot{" + (usable ? "usable" : unusableReason) + " entry=" + buyASellBPct + "% exit="
            + buyBSellAPct + "% entryNet=" + buyASellBNetPct + "% exitNet=" + buyBSellANetPct + "% askA=" + askA + " bidA="
            + bidA + " askB=" + askB + " bidB=" + bidB + " ageMsA=" + bookAgeMsA + " ageMsB=" + bookAgeMsB + '}';
    }
}
