package dev.arb.bench;

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
 * Frame bytes → book applied, and frame in → opportunity out (the whole decision: decoder → book →
 * {@code SpreadCalculator} → threshold), per venue and message kind: Vest 20-level {@code @depth}
 * JSON; Paradex 15-level JSON snapshot; Paradex SBE 15-level snapshot and 2-level delta. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per frame.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default), as on the single event loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MarketDataBenchmark {
    private DecisionPipeline pipeline;
    private byte[] vest;
    private byte[] paradexJson;
    private UnsafeBuffer sbeSnapshot;
    private UnsafeBuffer sbeDelta;
    private int seqOffset;
    private long seq;
    private long now;

    /** Builds the frames and primes every book with a snapshot. */
    @Setup
    public void setUp() {
        pipeline = new DecisionPipeline(0.05);
        vest = BenchFrames.vestDepth();
        paradexJson = BenchFrames.paradexJsonSnapshot();
        sbeSnapshot = new UnsafeBuffer(BenchFrames.paradexSbeSnapshot(1000));
        sbeDelta = new UnsafeBuffer(BenchFrames.paradexSbeDelta(1001));
        seqOffset = BenchFrames.sbeSeqOffset();
        now = System.nanoTime();
        pipeline.onParadexJson(paradexJson, 0, paradexJson.length, now);
        pipeline.onParadexSbe(sbeSnapshot, 0, sbeSnapshot.capacity(), now);
        pipeline.onVestFrame(vest, 0, vest.length, now, false);
        seq = 1000;
        if (!pipeline.snapshot().usable() || !pipeline.paradexSbeBook().isValid()) {
            throw new IllegalStateException("books not usable: " + pipeline.snapshot().unusableReason());
        }
    }

    /** @return decision after a Vest 20-level depth frame (vs the JSON-fed Paradex book) */
    @Benchmark
    public boolean vestDepthToDecision() {
        return pipeline.onVestFrame(vest, 0, vest.length, now, false);
    }

    /** @return decision after a Paradex 15-level JSON snapshot frame */
    @Benchmark
    public boolean paradexJsonSnapshotToDecision() {
        return pipeline.onParadexJson(paradexJson, 0, paradexJson.length, now);
    }

    /** @return decision after a Paradex 15-level SBE snapshot frame */
    @Benchmark
    public boolean paradexSbeSnapshotToDecision() {
        seq++;
        sbeSnapshot.putLong(seqOffset, seq, ByteOrder.LITTLE_ENDIAN);
        return pipeline.onParadexSbe(sbeSnapshot, 0, sbeSnapshot.capacity(), now);
    }

    /** @return decision after a Paradex 2-level SBE delta frame (next sequence number) */
    @Benchmark
    public boolean paradexSbeDeltaToDecision() {
        seq++;
        sbeDelta.putLong(seqOffset, seq, ByteOrder.LITTLE_ENDIAN);
        return pipeline.onParadexSbe(sbeDelta, 0, sbeDelta.capacity(), now);
    }
}
