package dev.arb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bounds the bytes allocated per message on the market-data path, frame bytes → venue decoder →
 * book → spread → threshold decision ({@link DecisionPipeline}), measured with
 * {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} after a warm-up that lets the JIT
 * compile (and scalar-replace) the path. A regression that allocates per message fails here.
 */
class MarketDataAllocationTest {
    private static final int WARMUP = 60_000;
    private static final int MEASURED = 20_000;
    /** Bytes per message tolerated: 0 is expected; a little slack for a one-off (e.g. a logger on first use). */
    private static final double MAX_BYTES_PER_MESSAGE = 8.0;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private DecisionPipeline pipeline;
    private byte[] vest;
    private byte[] json;
    private UnsafeBuffer sbeSnapshot;
    private UnsafeBuffer sbeDelta;
    private long seq;

    @BeforeEach
    void setUp() {
        pipeline = new DecisionPipeline(0.05);
        vest = BenchFrames.vestDepth();
        json = BenchFrames.paradexJsonSnapshot();
        sbeSnapshot = new UnsafeBuffer(BenchFrames.paradexSbeSnapshot(1000));
        sbeDelta = new UnsafeBuffer(BenchFrames.paradexSbeDelta(1001));
        seq = 1000;
        final long now = System.nanoTime();
        pipeline.onParadexJson(json, 0, json.length, now);
        pipeline.onParadexSbe(sbeSnapshot, 0, sbeSnapshot.capacity(), now);
        pipeline.onVestFrame(vest, 0, vest.length, now, false);
    }

    private double bytesPerMessage(final Runnable message) {
        for (int i = 0; i < WARMUP; i++) {
            message.run();
        }
        final long tid = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < MEASURED; i++) {
            message.run();
        }
        final long after = threads.getThreadAllocatedBytes(tid);
        return (after - before) / (double) MEASURED;
    }

    @Test
    void shouldDecideOnVestDepthFramesWithoutAllocating() {
        final long now = System.nanoTime();
        final double perMessage = bytesPerMessage(() -> pipeline.onVestFrame(vest, 0, vest.length, now, false));
        assertThat(pipeline.snapshot().usable()).isTrue();
        assertThat(pipeline.vestBook().bidLevels()).isEqualTo(20);
        assertThat(perMessage).as("bytes per Vest depth frame").isLessThanOrEqualTo(MAX_BYTES_PER_MESSAGE);
    }

    @Test
    void shouldDecideOnParadexJsonSnapshotsWithoutAllocating() {
        final long now = System.nanoTime();
        final double perMessage = bytesPerMessage(() -> pipeline.onParadexJson(json, 0, json.length, now));
        assertThat(pipeline.paradexJsonBook().bidLevels()).isEqualTo(BenchFrames.PARADEX_LEVELS);
        assertThat(pipeline.snapshot().usable()).isTrue();
        assertThat(perMessage).as("bytes per Paradex JSON snapshot").isLessThanOrEqualTo(MAX_BYTES_PER_MESSAGE);
    }

    @Test
    void shouldDecideOnParadexSbeSnapshotsAndDeltasWithoutAllocating() {
        final long now = System.nanoTime();
        final int seqOffset = BenchFrames.sbeSeqOffset();
        final double perMessage = bytesPerMessage(() -> {
            seq++;
            if ((seq & 7) == 0) {
                sbeSnapshot.putLong(seqOffset, seq, ByteOrder.LITTLE_ENDIAN);
                pipeline.onParadexSbe(sbeSnapshot, 0, sbeSnapshot.capacity(), now);
            } else {
                sbeDelta.putLong(seqOffset, seq, ByteOrder.LITTLE_ENDIAN);
                pipeline.onParadexSbe(sbeDelta, 0, sbeDelta.capacity(), now);
            }
        });
        assertThat(pipeline.paradexSbeBook().isValid()).isTrue();
        assertThat(pipeline.paradexSbeBook().bidLevels()).isEqualTo(BenchFrames.PARADEX_LEVELS);
        assertThat(perMessage).as("bytes per Paradex SBE frame").isLessThanOrEqualTo(MAX_BYTES_PER_MESSAGE);
    }
}
