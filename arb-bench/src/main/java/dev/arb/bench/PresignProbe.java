package dev.arb.bench;

import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.ParadexSigner;
import dev.arb.paradex.internal.crypto.StarkEcdsa;
import dev.arb.paradex.internal.crypto.StarkPedersen;
import dev.arb.vest.VestSigner;
import dev.arb.vest.internal.crypto.Secp256k1NoncePool;
import dev.arb.vest.internal.crypto.Secp256k1Signer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Thread CPU time and allocated bytes per signature of {@link PresignBenchmark}'s paths, counting only the signing
 * calls: the refill of nonces and expected hashes runs between the timed batches, on the same thread, untimed. Each
 * path: 2 s of warm-up, then 200 batches, the whole list twice; prints min / median ns per signature and bytes per signature.
 *
 * <p>Run: {@code java -cp arb-bench/target/benchmarks.jar dev.arb.bench.PresignProbe}.
 *
 * <p><b>Note:</b> single-threaded main program.
 */
public final class PresignProbe {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static long sink;

    private PresignProbe() {
    }

    /**
     * @param args unused
     * @throws Exception if a refill fails
     */
    public static void main(final String[] args) throws Exception {
        StarkPedersen.warmUp();
        StarkEcdsa.warmUp();
        Secp256k1Signer.warmUp();
        final VestSigner vestOld = VestSigner.fromPrivateKey(Secret.of(PresignBenchmark.VEST_KEY));
        final Secp256k1NoncePool pool = new Secp256k1NoncePool(64);
        final VestSigner vestFast = VestSigner.withPool(Secret.of(PresignBenchmark.VEST_KEY), pool);
        final ParadexSigner paradexOld = new ParadexSigner(PresignBenchmark.CHAIN, PresignBenchmark.PARADEX_ACCOUNT,
            Secret.of(PresignBenchmark.PARADEX_KEY));
        final ParadexSigner paradexFast = ParadexSigner.presigningUnstarted(PresignBenchmark.CHAIN,
            PresignBenchmark.PARADEX_ACCOUNT, Secret.of(PresignBenchmark.PARADEX_KEY), 64);
        final long[] prices = new long[5];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = PresignBenchmark.PRICE_E8 + 10_000_000L * i; // 65000.5, 65000.6, ...
        }
        final String[] priceText = {"65000.5", "65000.6", "65000.7", "65000.8", "65000.9"};
        paradexFast.expectOrder("BTC-USD-PERP", Side.BUY, OrderType.LIMIT, 10_000_000L, prices);
        final long t0 = 1_762_097_336_031L;

        for (int pass = 1; pass <= 2; pass++) { // pass 1 warms every path's code; quote pass 2
            System.out.printf(Locale.ROOT, "pass %d%n%-52s %12s %12s %10s%n", pass, "path (thread CPU per signature)",
                "min ns", "median ns", "B/op");
            run(vestOld, pool, vestFast, paradexOld, paradexFast, priceText, t0);
        }
    }

    private static void run(final VestSigner vestOld, final Secp256k1NoncePool pool, final VestSigner vestFast,
        final ParadexSigner paradexOld, final ParadexSigner paradexFast, final String[] priceText, final long t0)
        throws Exception {
        probe("Vest old (VestSigner.fromPrivateKey, RFC 6979)", 16, () -> { }, i ->
            sink += vestOld.signOrder(t0 + i, i, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false)
                .signatureHex().length());
        probe("Vest pre-signed (pooled nonce, ABI pre-encoded)", 64, () -> {
            while (pool.available() < 64) {
                pool.doWork();
            }
        }, i -> sink += vestFast.signOrder(t0 + i, i, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false)
            .signatureHex().length());
        final VestSigner vestCold = VestSigner.withPool(Secret.of(PresignBenchmark.VEST_KEY), new Secp256k1NoncePool(2));
        probe("Vest cold (pre-signing signer, empty pool)", 16, () -> { }, i -> sink += vestCold.signOrder(t0 + i, i, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false)
            .signatureHex().length());
        probe("Paradex old (new ParadexSigner, 9 Pedersen + RFC 6979)", 2, () -> { }, i ->
            sink += paradexOld.signOrder(t0 + i, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1", "65000.5")
                .r().bitLength());
        probe("Paradex pre-signed (hash ready, pooled nonce)", 5, () -> {
            while (paradexFast.presignAgent().doWork() > 0) {
                Thread.onSpinWait();
            }
        }, i -> sink += paradexFast.signOrderNow(System.currentTimeMillis(), "BTC-USD-PERP", Side.BUY,
            OrderType.LIMIT, "0.1", priceText[(int) (i % 5)]).signature().r().bitLength());
        final long hitsBefore = paradexFast.prehashHits();
        probe("Paradex hash miss (pooled nonce, 9 Pedersen now)", 2, () -> {
            while (paradexFast.presignAgent().doWork() > 0) {
                Thread.onSpinWait();
            }
        }, i -> sink += paradexFast.signOrderNow(t0 + i, "BTC-USD-PERP", Side.SELL, OrderType.LIMIT, "0.1",
            "65000.5").signature().r().bitLength());
        final ParadexSigner paradexCold = ParadexSigner.presigningUnstarted(PresignBenchmark.CHAIN,
            PresignBenchmark.PARADEX_ACCOUNT, Secret.of(PresignBenchmark.PARADEX_KEY), 2);
        probe("Paradex cold (nothing ready: hash now, RFC 6979)", 2, () -> { }, i ->
            sink += paradexCold.signOrderNow(t0 + i, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1", "65000.5")
                .signature().r().bitLength());
        System.out.printf(Locale.ROOT, "Vest pooled %d, fallbacks %d; Paradex hits %d (miss probe %d), misses %d,"
                + " pooled %d, fallbacks %d (sink %d)%n", vestFast.pooledSignatures(), vestFast.fallbackSignatures(),
            paradexFast.prehashHits(), paradexFast.prehashHits() - hitsBefore, paradexFast.prehashMisses(),
            paradexFast.pooledSignatures(), paradexFast.fallbackSignatures(), sink);
    }

    /** A refill step that may throw. */
    private interface Refill {
        void run() throws Exception;
    }

    private static void probe(final String name, final int batch, final Refill refill, final LongConsumer op)
        throws Exception {
        long index = 0;
        final long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            refill.run();
            for (int i = 0; i < batch; i++) {
                op.accept(index++);
            }
        }
        final int batches = 200;
        final double[] perOp = new double[batches];
        long bytes = 0;
        final long self = Thread.currentThread().getId();
        for (int b = 0; b < batches; b++) {
            refill.run();
            final long a0 = THREADS.getThreadAllocatedBytes(self);
            final long c0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                op.accept(index++);
            }
            final long c1 = THREADS.getCurrentThreadCpuTime();
            bytes += THREADS.getThreadAllocatedBytes(self) - a0;
            perOp[b] = (c1 - c0) / (double) batch;
        }
        Arrays.sort(perOp);
        System.out.printf(Locale.ROOT, "%-52s %12.0f %12.0f %10d%n", name, perOp[0], perOp[batches / 2],
            bytes / ((long) batches * batch));
    }
}
