package dev.arb.bench;

import dev.arb.api.OrderBook;
import dev.arb.vest.internal.VestDepthDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of turning one Vest {@code NDX-USD-PERP@depth} frame (a real 20-level-a-side capture, ~1 KB,
 * with {@code rx} and {@code tsMs}; protocol reference §5) into a valid {@link OrderBook}: scan the
 * top-level object, match the channel, parse 80 decimal strings and write the full snapshot. Two
 * sources: a {@code byte[]} (heap frame) and a pooled direct {@link ByteBuf} copied into a reused
 * scratch array first, as {@code VestAdapter} does for direct frames. Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} should be ~0 B/op.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the single event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VestDepthBenchmark {
    /** The captured frame (BookDepthIQ-Vest tests/fixtures, via the shared Vest fixture ws-depth-ndx.json). */
    static final String NDX_FRAME = "{\"rx\":1791415136718,\"channel\":\"NDX-USD-PERP@depth\",\"data\":{\"bids\":[[\"31478.75\",\""
        + "4.8135\"],[\"31478.25\",\"3.2090\"],[\"31478.00\",\"3.2090\"],[\"31477.75\",\"3.2090\"],[\"314"
        + "77.50\",\"3.2090\"],[\"31477.00\",\"3.2090\"],[\"31476.75\",\"3.2090\"],[\"31476.50\",\"3.2090"
        + "\"],[\"31476.25\",\"3.2090\"],[\"31475.75\",\"3.2090\"],[\"31475.50\",\"4.8135\"],[\"31475.00\""
        + ",\"6.4181\"],[\"31474.25\",\"6.4181\"],[\"31473.75\",\"6.4181\"],[\"31473.00\",\"6.4181\"],[\"3"
        + "1472.50\",\"9.6271\"],[\"31471.25\",\"12.8362\"],[\"31470.00\",\"12.8362\"],[\"31468.75\",\"12"
        + ".8362\"],[\"31467.50\",\"12.8362\"]],\"asks\":[[\"31480.00\",\"4.8135\"],[\"31480.50\",\"3.209"
        + "0\"],[\"31480.75\",\"3.2090\"],[\"31481.00\",\"3.2090\"],[\"31481.25\",\"3.2090\"],[\"31481.75"
        + "\",\"3.2090\"],[\"31482.00\",\"3.2090\"],[\"31482.25\",\"3.2090\"],[\"31482.50\",\"3.2090\"],[\""
        + "31483.00\",\"3.2090\"],[\"31483.25\",\"4.8135\"],[\"31483.75\",\"6.4181\"],[\"31484.50\",\"6.4"
        + "181\"],[\"31484.75\",\"15.9969\"],[\"31485.00\",\"6.4900\"],[\"31485.75\",\"6.4181\"],[\"31486"
        + ".25\",\"9.6271\"],[\"31487.50\",\"12.8362\"],[\"31488.75\",\"12.8362\"],[\"31490.00\",\"12.836"
        + "2\"]]},\"tsMs\":1791415136507}";

    private static final byte[] CHANNEL = "NDX-USD-PERP@depth".getBytes(StandardCharsets.US_ASCII);

    private final VestDepthDecoder decoder = new VestDepthDecoder();
    private byte[] frame;
    private ByteBuf direct;
    private byte[] scratch;
    private OrderBook book;

    /** Loads the frame into a heap array and a pooled direct buffer. */
    @Setup
    public void setUp() {
        frame = NDX_FRAME.getBytes(StandardCharsets.US_ASCII);
        direct = PooledByteBufAllocator.DEFAULT.directBuffer(frame.length);
        direct.writeBytes(frame);
        scratch = new byte[4096];
        book = new OrderBook("vest", "NDX-USD-PERP", 2, 4, 32);
    }

    /** Releases the direct buffer. */
    @TearDown
    public void tearDown() {
        direct.release();
    }

    /** @return the book after decoding the frame from a byte array */
    @Benchmark
    public OrderBook decodeFromBytes() {
        if (decoder.scan(frame, 0, frame.length) == VestDepthDecoder.FRAME_CHANNEL && decoder.channelEquals(CHANNEL)) {
            decoder.applyDepth(book, 1L);
        }
        return book;
    }

    /** @return the book after copying the direct frame into scratch and decoding it */
    @Benchmark
    public OrderBook decodeFromDirectByteBuf() {
        final int length = direct.readableBytes();
        direct.getBytes(direct.readerIndex(), scratch, 0, length);
        if (decoder.scan(scratch, 0, length) == VestDepthDecoder.FRAME_CHANNEL && decoder.channelEquals(CHANNEL)) {
            decoder.applyDepth(book, 1L);
        }
        return book;
    }
}
