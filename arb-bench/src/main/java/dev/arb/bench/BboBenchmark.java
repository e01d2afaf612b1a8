package dev.arb.bench;

import dev.arb.paradex.internal.SbeBookFeed;
import dev.arb.paradex.sbe.BboUpdate;
import dev.arb.paradex.sbe.FrameStatus;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * BBO frame bytes → a listener holding the best bid and ask: the Paradex SBE {@code BboEvent} (template 2,
 * the {@code bbo.{market}} channel; fixture {@code bbo.sbe.txt}) decoded by {@link ParadexSbeDecoder}, and the
 * same frame through the Paradex adapter's {@link SbeBookFeed} (the decoder plus the per-market listener
 * routing the adapter's {@code subscribeMarketData} uses) from a Netty {@link ByteBuf}.
 *
 * <p>Not covered, because the adapters have no such path: Paradex JSON {@code bbo.{market}} (the venue serves
 * public channels only as SBE since 2026-09-21 and the adapter subscribes {@code bbo} only on the SBE socket),
 * and any Vest BBO (Vest has no BBO channel; its top of book is read from the {@code @depth} snapshot,
 * {@link VestDepthBenchmark}). Run with {@code -prof gc}.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the single event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BboBenchmark {
    private final TopOfBookListener direct = new TopOfBookListener();
    private final TopOfBookListener routed = new TopOfBookListener();
    private final ParadexSbeDecoder decoder = new ParadexSbeDecoder(direct);
    private final SbeBookFeed feed = new SbeBookFeed(s -> { });
    private UnsafeBuffer frame;
    private ByteBuf nettyFrame;

    /** Wraps the fixture frame and checks that both paths decode it. */
    @Setup
    public void setUp() {
        final byte[] bytes = PrivateStreamFrames.paradexSbeBbo();
        frame = new UnsafeBuffer(bytes);
        nettyFrame = Unpooled.wrappedBuffer(bytes);
        feed.addMarketDataListener(PrivateStreamFrames.PARADEX_MARKET, routed);
        if (paradexSbeBbo() != 6_200_050_000_000L || paradexSbeBboThroughAdapterFeed() != 6_200_100_000_000L) {
            throw new IllegalStateException("BBO frame not decoded");
        }
    }

    /** @return the best bid (scale 8) after decoding one SBE BBO frame */
    @Benchmark
    public long paradexSbeBbo() {
        if (decoder.decode(frame, 0, frame.capacity(), 1L) != FrameStatus.DECODED) {
            return -1;
        }
        return direct.bid;
    }

    /** @return the best ask (scale 8) after the adapter's SBE feed routed one BBO frame to its listener */
    @Benchmark
    public long paradexSbeBboThroughAdapterFeed() {
        if (feed.onFrame(nettyFrame, 1L) != FrameStatus.DECODED) {
            return -1;
        }
        return routed.ask;
    }

    /** Keeps the top of book of the last BBO, as a strategy would. */
    static final class TopOfBookListener implements ParadexSbeListener {
        long bid;
        long bidSize;
        long ask;
        long askSize;
        long seq;

        @Override
        public void onBbo(final BboUpdate bbo) {
            bid = bbo.bidPrice();
            bidSize = bbo.bidSize();
            ask = bbo.askPrice();
            askSize = bbo.askSize();
            seq = bbo.seq();
        }
    }
}
