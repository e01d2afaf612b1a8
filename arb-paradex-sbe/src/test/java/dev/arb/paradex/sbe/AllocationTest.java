package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderBook;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes allocated per frame on the decode + apply path, measured with
 * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes} after a warm-up. A bound on
 * allocation, not a timing.
 */
class AllocationTest {
    private static final int WARMUP_CYCLES = 3_000;
    private static final int MEASURED_CYCLES = 10_000;

    private final List<ByteBuf> frames = new ArrayList<>();

    @AfterEach
    void release() {
        frames.forEach(ByteBuf::release);
    }

    @Test
    void shouldAllocateAlmostNothingPerFrameInSteadyState() {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        final CountingListener listener = new CountingListener();
        final ParadexSbeDecoder decoder = new ParadexSbeDecoder(listener);
        final OrderBook book = new OrderBook(ParadexSbe.VENUE, Fixtures.BTC, 8, 8, 256);
        decoder.addBook(book);
        // one cycle: the captured snapshot and its ten deltas (gap-free, so every cycle re-anchors and applies),
        // plus a BBO, a trade, a market summary and a heartbeat
        for (final byte[] frame : Fixtures.captureBinaryFrames()) {
            frames.add(direct(frame));
        }
        frames.add(direct(Fixtures.hex("bbo.sbe.txt")));
        frames.add(direct(Fixtures.hex("trade.sbe.txt")));
        frames.add(direct(SbeFrames.marketSummary(1)));
        frames.add(direct(Fixtures.hex("heartbeat.sbe.txt")));

        runCycles(decoder, WARMUP_CYCLES);
        final long before = threads.getCurrentThreadAllocatedBytes();
        runCycles(decoder, MEASURED_CYCLES);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        final long framesMeasured = (long) MEASURED_CYCLES * frames.size();
        System.out.printf("allocated %d bytes over %d frames (%.3f B/frame)%n", allocated, framesMeasured,
            (double) allocated / framesMeasured);
        assertThat(decoder.framesDecoded()).isEqualTo((long) (WARMUP_CYCLES + MEASURED_CYCLES) * frames.size());
        assertThat(decoder.gaps()).isZero();
        assertThat(book.isValid()).isTrue();
        assertThat(listener.books).isEqualTo((long) (WARMUP_CYCLES + MEASURED_CYCLES) * 11);
        assertThat((double) allocated / framesMeasured)
            .as("bytes allocated per frame (%d bytes over %d frames)", allocated, framesMeasured)
            .isLessThan(16.0);
    }

    private void runCycles(final ParadexSbeDecoder decoder, final int cycles) {
        final int n = frames.size();
        for (int c = 0; c < cycles; c++) {
            for (int i = 0; i < n; i++) {
                decoder.decode(frames.get(i));
            }
        }
    }

    private static ByteBuf direct(final byte[] bytes) {
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }

    /** Reads every event without allocating. */
    private static final class CountingListener implements ParadexSbeListener {
        long books;
        long checksum;

        @Override
        public void onBook(final OrderBook book) {
            books++;
            checksum += book.bestBid() + book.bestAsk();
        }

        @Override
        public void onBbo(final BboUpdate bbo) {
            checksum += bbo.bidPrice() + bbo.market().length();
        }

        @Override
        public void onTrade(final TradeUpdate trade) {
            checksum += trade.price() + trade.side().ordinal();
        }

        @Override
        public void onMarketSummary(final MarketSummaryUpdate summary) {
            checksum += summary.markPrice() + summary.fundingRatePrecise();
        }

        @Override
        public void onHeartbeat(final long seq, final long tsMicros) {
            checksum += tsMicros;
        }
    }
}
