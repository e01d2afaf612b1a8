package dev.arb.bench;

import dev.arb.api.OrderBook;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.sbe.FrameStatus;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeListener;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frame bytes → Paradex book applied, without the spread decision: the 15-level JSON snapshot through
 * {@link BookFeed} (specialised byte scanner), and SBE snapshot / delta through
 * {@link ParadexSbeDecoder}. The Vest equivalent is {@link VestDepthBenchmark}. Run with
 * {@code -prof gc}.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the single event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BookApplyBenchmark {
    private final BookFeed feed = new BookFeed(s -> { });
    private final MarketBookState state =
        new MarketBookState(BenchFrames.PARADEX_MARKET, "order_book.NDX-USD-PERP.snapshot@15@50ms", 32);
    private final ParadexSbeDecoder sbe = new ParadexSbeDecoder(new ParadexSbeListener() { });
    private final OrderBook sbeBook = new OrderBook("paradex", BenchFrames.PARADEX_MARKET, 8, 8, 32);
    private byte[] json;
    private UnsafeBuffer snapshot;
    private UnsafeBuffer delta;
    private int seqOffset;
    private long seq;

    /** Builds frames, registers the books and applies a first snapshot. */
    @Setup
    public void setUp() {
        feed.add(state);
        sbe.addBook(sbeBook);
        json = BenchFrames.paradexJsonSnapshot();
        snapshot = new UnsafeBuffer(BenchFrames.paradexSbeSnapshot(1000));
        delta = new UnsafeBuffer(BenchFrames.paradexSbeDelta(1001));
        seqOffset = BenchFrames.sbeSeqOffset();
        seq = 1000;
        feed.onFrame(json, 0, json.length, 1L);
        if (sbe.decode(snapshot, 0, snapshot.capacity(), 1L) != FrameStatus.DECODED || !state.book().isValid()) {
            throw new IllegalStateException("frames not applied");
        }
    }

    /** @return the book after a 15-level JSON snapshot */
    @Benchmark
    public OrderBook paradexJsonSnapshot() {
        feed.onFrame(json, 0, json.length, 1L);
        return state.book();
    }

    /** @return status of a 15-level SBE snapshot */
    @Benchmark
    public FrameStatus paradexSbeSnapshot() {
        seq++;
        snapshot.putLong(seqOffset, seq, ByteOrder.LITTLE_ENDIAN);
        return sbe.decode(snapshot, 0, snapshot.capacity(), 1L);
    }

    /** @return status of a 2-level SBE delta */
    @Benchmark
    public FrameStatus paradexSbeDelta() {
        seq++;
        delta.putLong(seqOffset, seq, ByteOrder.LITTLE_ENDIAN);
        return sbe.decode(delta, 0, delta.capacity(), 1L);
    }
}
