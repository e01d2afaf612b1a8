package dev.arb.spread;

import dev.arb.api.BookView;
import dev.arb.api.FixedPoint;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * Computes both directions' gross and net spread between venue A's and venue B's books of one
 * instrument, allocation-free once warmed up.
 *
 * <p>The books may have different scales (for example prices with 2 decimals on one venue and 8 on
 * the other): each price is turned into a ratio in {@code double} from its own scaled {@code long},
 * never mixed as raw longs. With a configured {@link SpreadConfig#sizeBase()} every side's price is
 * the volume-weighted average price (VWAP) of the levels needed to fill that size, computed exactly
 * in {@code long} arithmetic and rounded against us (ask up, bid down; a double fallback is used
 * only if the sum could overflow a long, i.e. when |deepest price − best price| × size does not fit); if a side lacks that depth the snapshot is
 * unusable. The size is converted to a book's size scale the first time that scale is seen (rounded
 * up, so the measured depth is never less than asked) and cached per scale.
 *
 * <p>Fees: net spread = gross spread − (taker fee A + taker fee B), both legs being taker (IOC) orders.
 *
 * <p><b>Note:</b> not thread-safe. Single writer: call it on the event loop that owns both books.
 */
public final class SpreadCalculator {
    private static final long UNCONVERTED = -1;

    private final SpreadConfig config;
    private final boolean topOfBook;
    private final double feesPct;
    private final long maxBookAgeMs;
    private final long[] sizeByScale = new long[FixedPoint.MAX_SCALE + 1];

    // results of the last side walk (avoids allocating a result object)
    private long walkVwap;
    private long walkWorst;

    /**
     * @param config fees, measured size and maximum book age
     * @throws NullPointerException if {@code config} is null
     */
    public SpreadCalculator(final SpreadConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.topOfBook = config.sizeBase().signum() == 0;
        this.feesPct = config.totalTakerFeePct();
        this.maxBookAgeMs = config.maxBookAgeMs();
        Arrays.fill(sizeByScale, UNCONVERTED);
    }

    /** @return the configuration */
    public SpreadConfig config() {
        return config;
    }

    /**
     * Computes both directions from the two books into {@code out}, allocation-free (the first call
     * for a new size scale converts the configured size once).
     *
     * @param bookA    venue A's live book
     * @param bookB    venue B's live book
     * @param nowNanos a {@link System#nanoTime()} reading, for the books' ages
     * @param out      the snapshot to overwrite
     * @throws ArithmeticException if the configured size does not fit a long at a book's size scale
     */
    public void compute(final BookView bookA, final BookView bookB, final long nowNanos, final SpreadSnapshot out) {
        out.stamp(nowNanos, bookA, bookB);
        out.pricesA(bookA.bestAsk(), bookA.bestAsk(), bookA.bestBid(), bookA.bestBid());
        out.pricesB(bookB.bestAsk(), bookB.bestAsk(), bookB.bestBid(), bookB.bestBid());
        if (!bookA.isValid()) {
            out.unusable(SpreadSnapshot.BOOK_A_INVALID);
            return;
        }
        if (!bookB.isValid()) {
            out.unusable(SpreadSnapshot.BOOK_B_INVALID);
            return;
        }
        if (bookA.isCrossed()) {
            out.unusable(SpreadSnapshot.BOOK_A_CROSSED);
            return;
        }
        if (bookB.isCrossed()) {
            out.unusable(SpreadSnapshot.BOOK_B_CROSSED);
            return;
        }
        if (out.bookAgeMsA() > maxBookAgeMs || out.bookAgeMsA() < 0) {
            out.unusable(SpreadSnapshot.BOOK_A_STALE);
            return;
        }
        if (out.bookAgeMsB() > maxBookAgeMs || out.bookAgeMsB() < 0) {
            out.unusable(SpreadSnapshot.BOOK_B_STALE);
            return;
        }
        if (!side(bookA, false)) {
            out.unusable(SpreadSnapshot.BOOK_A_THIN);
            return;
        }
        final long askA = walkVwap;
        final long worstAskA = walkWorst;
        if (!side(bookA, true)) {
            out.unusable(SpreadSnapshot.BOOK_A_THIN);
            return;
        }
        out.pricesA(askA, worstAskA, walkVwap, walkWorst);
        if (!side(bookB, false)) {
            out.unusable(SpreadSnapshot.BOOK_B_THIN);
            return;
        }
        final long askB = walkVwap;
        final long worstAskB = walkWorst;
        if (!side(bookB, true)) {
            out.unusable(SpreadSnapshot.BOOK_B_THIN);
            return;
        }
        out.pricesB(askB, worstAskB, walkVwap, walkWorst);

        final double askAd = FixedPoint.toDouble(out.askA(), bookA.priceScale());
        final double bidAd = FixedPoint.toDouble(out.bidA(), bookA.priceScale());
        final double askBd = FixedPoint.toDouble(out.askB(), bookB.priceScale());
        final double bidBd = FixedPoint.toDouble(out.bidB(), bookB.priceScale());
        out.spreads((bidBd - askAd) / askAd * 100.0, (bidAd - askBd) / askBd * 100.0, feesPct);
    }

    /**
     * Walks one side of a book for the configured size; leaves the VWAP and the deepest level's
     * price in {@link #walkVwap}/{@link #walkWorst}.
     *
     * @return false if the side is empty or too thin
     */
    private boolean side(final BookView book, final boolean bids) {
        final int levels = bids ? book.bidLevels() : book.askLevels();
        if (levels == 0) {
            return false;
        }
        final long best = bids ? book.bidPrice(0) : book.askPrice(0);
        if (topOfBook) {
            walkVwap = best;
            walkWorst = best;
            return true;
        }
        final long size = sizeAt(book.sizeScale());
        long remaining = size;
        long offsetSum = 0; // Σ |price - best| × take
        long worst = best;
        for (int i = 0; i < levels && remaining > 0; i++) {
            final long price = bids ? book.bidPrice(i) : book.askPrice(i);
            final long take = Math.min(bids ? book.bidSize(i) : book.askSize(i), remaining);
            remaining -= take;
            worst = price;
            offsetSum += (bids ? best - price : price - best) * take;
        }
        if (remaining > 0) {
            return false;
        }
        // levels are sorted, so the sum is at most |worst - best| × size: if that fits, the sum is exact
        final long worstDiff = bids ? best - worst : worst - best;
        final long bound = worstDiff * size;
        final long offset = Math.multiplyHigh(worstDiff, size) == 0 && bound >= 0
            ? ceilDiv(offsetSum, size) : offsetInDouble(book, bids, best, size);
        walkVwap = bids ? best - offset : best + offset;
        walkWorst = worst;
        return true;
    }

    /** Slow path when the exact sum would overflow a long: the same walk in {@code double}. */
    private static long offsetInDouble(final BookView book, final boolean bids, final long best, final long size) {
        final int levels = bids ? book.bidLevels() : book.askLevels();
        long remaining = size;
        double offsetSum = 0;
        for (int i = 0; i < levels && remaining > 0; i++) {
            final long price = bids ? book.bidPrice(i) : book.askPrice(i);
            final long take = Math.min(bids ? book.bidSize(i) : book.askSize(i), remaining);
            remaining -= take;
            offsetSum += (double) (bids ? best - price : price - best) * take;
        }
        return (long) Math.ceil(offsetSum / size);
    }

    private long sizeAt(final int scale) {
        long size = sizeByScale[scale];
        if (size == UNCONVERTED) {
            size = config.sizeBase().setScale(scale, RoundingMode.CEILING).unscaledValue().longValueExact();
            sizeByScale[scale] = size;
        }
        return size;
    }

    private static long ceilDiv(final long x, final long y) {
        return -Math.floorDiv(-x, y);
    }
}
