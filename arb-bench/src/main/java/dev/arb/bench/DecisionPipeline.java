package dev.arb.bench;

import dev.arb.api.OrderBook;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.sbe.FrameStatus;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeListener;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import dev.arb.vest.internal.VestDepthDecoder;
import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;

/**
 * The whole in-process market-data decision on one thread, as the bot runs it on its event loop:
 * frame bytes → venue decoder → book → {@link SpreadCalculator} (top of book) →
 * threshold check on the net entry spread. Venue A is Vest ({@code @depth} JSON, 20 levels), venue B
 * Paradex, fed either by JSON ({@link BookFeed}) or by SBE ({@link ParadexSbeDecoder}).
 *
 * <p><b>Note:</b> not thread-safe; one instance per thread.
 */
final class DecisionPipeline {
    private static final byte[] VEST_CHANNEL = "NDX-USD-PERP@depth".getBytes(StandardCharsets.US_ASCII);

    private final VestDepthDecoder vestDecoder = new VestDepthDecoder();
    private final OrderBook vestBook = new OrderBook("vest", "NDX-USD-PERP", 2, 4, 32);
    private final BookFeed paradexFeed = new BookFeed(s -> { });
    private final MarketBookState paradexJson =
        new MarketBookState(BenchFrames.PARADEX_MARKET, "order_book.NDX-USD-PERP.snapshot@15@50ms", 32);
    private final ParadexSbeDecoder sbeDecoder = new ParadexSbeDecoder(new ParadexSbeListener() { });
    private final OrderBook paradexSbeBook = new OrderBook("paradex", BenchFrames.PARADEX_MARKET, 8, 8, 32);
    private final SpreadCalculator calculator;
    private final SpreadSnapshot snapshot = new SpreadSnapshot();
    private final double thresholdPct;
    private long opportunities;

    /** @param thresholdPct net entry spread, percent, at or above which a decision is an opportunity */
    DecisionPipeline(final double thresholdPct) {
        this.thresholdPct = thresholdPct;
        this.calculator = new SpreadCalculator(SpreadConfig.builder().takerFeeBpsA(2).takerFeeBpsB(2)
            .maxBookAgeMs(Long.MAX_VALUE / 1_000_000L).build());
        paradexFeed.add(paradexJson);
        sbeDecoder.addBook(paradexSbeBook);
    }

    /** @return the Vest book (venue A) */
    OrderBook vestBook() {
        return vestBook;
    }

    /** @return the Paradex book fed by JSON */
    OrderBook paradexJsonBook() {
        return paradexJson.book();
    }

    /** @return the Paradex book fed by SBE */
    OrderBook paradexSbeBook() {
        return paradexSbeBook;
    }

    /** @return the last spread snapshot */
    SpreadSnapshot snapshot() {
        return snapshot;
    }

    /** @return decisions that crossed the threshold so far */
    long opportunities() {
        return opportunities;
    }

    /**
     * A Vest depth frame: decode into the Vest book, then decide against the Paradex book.
     *
     * @param sbe whether the Paradex side is the SBE-fed book
     * @return whether the net entry spread reached the threshold
     */
    boolean onVestFrame(final byte[] frame, final int offset, final int length, final long nowNanos, final boolean sbe) {
        if (vestDecoder.scan(frame, offset, length) == VestDepthDecoder.FRAME_CHANNEL
            && vestDecoder.channelEquals(VEST_CHANNEL)) {
            vestDecoder.applyDepth(vestBook, nowNanos);
        }
        return decide(sbe ? paradexSbeBook : paradexJson.book(), nowNanos);
    }

    /** A Paradex JSON book frame: apply, then decide. @return whether the threshold was reached */
    boolean onParadexJson(final byte[] frame, final int offset, final int length, final long nowNanos) {
        paradexFeed.onFrame(frame, offset, length, nowNanos);
        return decide(paradexJson.book(), nowNanos);
    }

    /** A Paradex SBE frame: apply, then decide. @return whether the threshold was reached */
    boolean onParadexSbe(final DirectBuffer frame, final int offset, final int length, final long nowNanos) {
        final FrameStatus status = sbeDecoder.decode(frame, offset, length, nowNanos);
        if (status != FrameStatus.DECODED) {
            return false;
        }
        return decide(paradexSbeBook, nowNanos);
    }

    private boolean decide(final OrderBook paradexBook, final long nowNanos) {
        calculator.compute(vestBook, paradexBook, nowNanos, snapshot);
        if (snapshot.usable() && snapshot.buyASellBNetPct() >= thresholdPct) {
            opportunities++;
            return true;
        }
        return false;
    }
}
