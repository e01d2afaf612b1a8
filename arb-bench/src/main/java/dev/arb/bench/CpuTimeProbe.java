package dev.arb.bench;

import dev.arb.api.OrderBook;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.ParadexSigner;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import dev.arb.vest.VestSigner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The hot paths timed in <em>thread CPU time</em> ({@link ThreadMXBean#getCurrentThreadCpuTime()})
 * instead of wall time, so that a loaded machine (other processes competing for the cores) does not
 * inflate the per-operation cost the way it inflates JMH's wall-clock averages. Each path is warmed
 * up, then timed in batches of about 20 ms of CPU; the minimum and median batch cost per operation
 * are reported. Cache and frequency effects of the load remain: quote JMH for allocation and for an
 * idle machine, this for a shared one.
 *
 * <p>Run: {@code java -cp arb-bench/target/benchmarks.jar dev.arb.bench.CpuTimeProbe}.
 *
 * <p><b>Note:</b> not thread-safe; a command-line tool.
 */
public final class CpuTimeProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    private CpuTimeProbe() {
    }

    /**
     * @param args unused
     */
    public static void main(final String[] args) {
        final long now = System.nanoTime();
        final OrderBook a = BenchBooks.bookA(now);
        final OrderBook b = BenchBooks.bookB(now);
        final SpreadConfig.Builder config = SpreadConfig.builder().takerFeeBpsA(2).takerFeeBpsB(2)
            .maxBookAgeMs(Long.MAX_VALUE / 1_000_000L);
        final SpreadCalculator top = new SpreadCalculator(config.build());
        final SpreadCalculator vwap = new SpreadCalculator(config.sizeBase(new BigDecimal("0.95")).build());
        final SpreadSnapshot out = new SpreadSnapshot();
        final DecisionPipeline pipeline = new DecisionPipeline(0.05);
        final byte[] vest = BenchFrames.vestDepth();
        final byte[] json = BenchFrames.paradexJsonSnapshot();
        final UnsafeBuffer sbeSnapshot = new UnsafeBuffer(BenchFrames.paradexSbeSnapshot(1000));
        final UnsafeBuffer sbeDelta = new UnsafeBuffer(BenchFrames.paradexSbeDelta(1001));
        final int seqOffset = BenchFrames.sbeSeqOffset();
        pipeline.onParadexJson(json, 0, json.length, now);
        pipeline.onParadexSbe(sbeSnapshot, 0, sbeSnapshot.capacity(), now);
        final long[] seq = {1000};
        final VestSigner vestSigner = VestSigner.fromPrivateKey(
            Secret.of("0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb"));
        final ParadexSigner paradexSigner = new ParadexSigner("PRIVATE_SN_PARACLEAR_MAINNET",
            "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa",
            Secret.of("0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815"));

        System.out.printf(Locale.ROOT, "%-44s %14s %14s%n", "path (thread CPU time per op)", "min", "median");
        probe("spread, top of book", i -> {
            top.compute(a, b, now, out);
            sink += (long) out.buyASellBNetPct();
        });
        probe("spread, VWAP 10 levels", i -> {
            vwap.compute(a, b, now, out);
            sink += (long) out.buyASellBNetPct();
        });
        probe("Vest 20-level depth frame -> decision", i -> {
            sink += pipeline.onVestFrame(vest, 0, vest.length, now, false) ? 1 : 0;
        });
        probe("Paradex 15-level JSON snapshot -> decision", i -> {
            sink += pipeline.onParadexJson(json, 0, json.length, now) ? 1 : 0;
        });
        probe("Paradex SBE 15-level snapshot -> decision", i -> {
            sbeSnapshot.putLong(seqOffset, ++seq[0], ByteOrder.LITTLE_ENDIAN);
            sink += pipeline.onParadexSbe(sbeSnapshot, 0, sbeSnapshot.capacity(), now) ? 1 : 0;
        });
        probe("Paradex SBE 2-level delta -> decision", i -> {
            sbeDelta.putLong(seqOffset, ++seq[0], ByteOrder.LITTLE_ENDIAN);
            sink += pipeline.onParadexSbe(sbeDelta, 0, sbeDelta.capacity(), now) ? 1 : 0;
        });
        probe("Vest order sign (VestSigner.signOrder)", i -> {
            sink += vestSigner.signOrder(1_762_097_336_031L + i, i, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00",
                false).signatureHex().length();
        });
        probe("Paradex order sign (ParadexSigner.signOrder)", i -> {
            sink += paradexSigner.signOrder(1_762_097_336_031L + i, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1",
                "65000.5").r().bitLength();
        });
        final org.web3j.crypto.ECKeyPair web3jKey = org.web3j.crypto.ECKeyPair.create(
            new java.math.BigInteger("ac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb", 16));
        probe("Vest order sign, web3j path (baseline)", i -> {
            sink += org.web3j.crypto.Sign.signPrefixedMessage(dev.arb.vest.internal.VestAbi.orderArgsHash(
                1_762_097_336_031L + i, i, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false), web3jKey).getV()[0];
        });
        final com.swmansion.starknet.data.types.Felt starkKey = com.swmansion.starknet.data.types.Felt.fromHex(
            "0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815");
        final double[] jni = new double[3];
        for (int i = 0; i < jni.length; i++) {
            final long t0 = THREADS.getCurrentThreadCpuTime();
            sink += com.swmansion.starknet.crypto.StarknetCurve.sign(starkKey,
                new com.swmansion.starknet.data.types.Felt(java.math.BigInteger.valueOf(1_000_003L * (i + 1)).shiftLeft(200)))
                .getR().getValue().bitLength();
            jni[i] = THREADS.getCurrentThreadCpuTime() - t0;
        }
        Arrays.sort(jni);
        System.out.printf(Locale.ROOT, "%-44s %14s %14s%n", "STARK sign only, starknet-jvm JNI (baseline)", human(jni[0]),
            human(jni[1]));
        System.out.println("(checksum " + sink + ")");
    }

    private static void probe(final String name, final LongConsumer op) {
        // calibrate: how many calls make ~20 ms of CPU
        long calls = 1;
        long index = 0;
        while (true) {
            final long t0 = THREADS.getCurrentThreadCpuTime();
            for (long i = 0; i < calls; i++) {
                op.accept(index++);
            }
            if (THREADS.getCurrentThreadCpuTime() - t0 > 20_000_000L || calls > (1L << 40)) {
                break;
            }
            calls *= 2;
        }
        final long warmUntil = THREADS.getCurrentThreadCpuTime() + 2_000_000_000L;
        while (THREADS.getCurrentThreadCpuTime() < warmUntil) {
            for (long i = 0; i < calls; i++) {
                op.accept(index++);
            }
        }
        final double[] perOp = new double[25];
        for (int batch = 0; batch < perOp.length; batch++) {
            final long t0 = THREADS.getCurrentThreadCpuTime();
            for (long i = 0; i < calls; i++) {
                op.accept(index++);
            }
            perOp[batch] = (THREADS.getCurrentThreadCpuTime() - t0) / (double) calls;
        }
        Arrays.sort(perOp);
        System.out.printf(Locale.ROOT, "%-44s %14s %14s%n", name, human(perOp[0]), human(perOp[perOp.length / 2]));
    }

    private static String human(final double ns) {
        if (ns >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        if (ns >= 1_000) {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ns", ns);
    }
}
