package dev.arb.bench;

import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.ParadexOrderSignature;
import dev.arb.paradex.ParadexSignature;
import dev.arb.paradex.ParadexSigner;
import dev.arb.paradex.internal.crypto.StarkEcdsa;
import dev.arb.paradex.internal.crypto.StarkPedersen;
import dev.arb.vest.VestSignature;
import dev.arb.vest.VestSigner;
import dev.arb.vest.internal.crypto.Secp256k1NoncePool;
import dev.arb.vest.internal.crypto.Secp256k1Signer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 14 §2, decision to signed order, old signer against the pre-signed path in one run, with the keys of
 * {@link OrderSignBenchmark}. {@code *Old}: the deterministic signers ({@code VestSigner.fromPrivateKey},
 * {@code new ParadexSigner}, RFC 6979 and the whole hash). {@code *Presigned}: a pooled nonce and, for Paradex, the
 * message hash of the expected order ready; the pool and the hash are refilled in an untimed per-invocation setup on
 * the benchmark thread (so JMH's {@code gc.alloc.rate.norm} of these two includes the refill's garbage; the
 * allocation of the signature alone is what {@link PresignProbe} reports). {@code *Cold}: a pre-signing signer with
 * nothing precomputed (empty pool: the counted fallback). {@code paradexHashMiss}: a pooled nonce but no ready hash
 * (the 9 Pedersen hashes at decision time).
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PresignBenchmark {
    static final String VEST_KEY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
    static final String PARADEX_KEY = "0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815";
    static final String PARADEX_ACCOUNT = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";
    static final String CHAIN = "PRIVATE_SN_PARACLEAR_MAINNET";
    /** The expected order's price, × 10^8 ({@code "65000.5"}). */
    static final long PRICE_E8 = 6_500_050_000_000L;

    private VestSigner vestOld;
    private VestSigner vestCold;
    private ParadexSigner paradexOld;
    private ParadexSigner paradexCold;
    private long timeMs;

    /** A pre-signing Vest signer whose pool is topped up before each invocation. */
    @State(Scope.Thread)
    public static class VestPool {
        Secp256k1NoncePool pool;
        VestSigner signer;

        /** Builds the signer and fills the pool. */
        @Setup(Level.Trial)
        public void setUp() {
            pool = new Secp256k1NoncePool(64);
            signer = VestSigner.withPool(Secret.of(VEST_KEY), pool);
            pool.doWork();
        }

        /** Refills the pool when it is empty (untimed). */
        @Setup(Level.Invocation)
        public void refill() {
            if (pool.available() == 0) {
                pool.doWork();
            }
        }
    }

    /** A pre-signing Paradex signer whose expected order's hash and nonce are made ready before each invocation. */
    @State(Scope.Thread)
    public static class ParadexReady {
        ParadexSigner signer;

        /** Builds the signer and expects a BTC buy of 0.1 at 65000.5. */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            signer = ParadexSigner.presigningUnstarted(CHAIN, PARADEX_ACCOUNT, Secret.of(PARADEX_KEY), 64);
            signer.expectOrder("BTC-USD-PERP", Side.BUY, OrderType.LIMIT, 10_000_000L, new long[] {PRICE_E8});
            refill();
        }

        /** Rolls the timestamp and hashes the expected order again, refills nonces (untimed). */
        @Setup(Level.Invocation)
        public void refill() throws Exception {
            while (signer.presignAgent().doWork() > 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** Builds signers and tables. */
    @Setup
    public void setUp() {
        vestOld = VestSigner.fromPrivateKey(Secret.of(VEST_KEY));
        vestCold = VestSigner.withPool(Secret.of(VEST_KEY), new Secp256k1NoncePool(2));
        paradexOld = new ParadexSigner(CHAIN, PARADEX_ACCOUNT, Secret.of(PARADEX_KEY));
        paradexCold = ParadexSigner.presigningUnstarted(CHAIN, PARADEX_ACCOUNT, Secret.of(PARADEX_KEY), 2);
        StarkPedersen.warmUp();
        StarkEcdsa.warmUp();
        Secp256k1Signer.warmUp();
        timeMs = 1_762_097_336_031L;
    }

    /** @return Vest order signature, RFC 6979 (today's signer) */
    @Benchmark
    public VestSignature vestOld() {
        timeMs++;
        return vestOld.signOrder(timeMs, timeMs, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false);
    }

    /** @return Vest order signature with a pooled nonce and the static ABI arguments pre-encoded */
    @Benchmark
    public VestSignature vestPresigned(final VestPool p) {
        timeMs++;
        return p.signer.signOrder(timeMs, timeMs, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false);
    }

    /** @return Vest order signature of a pre-signing signer with an empty pool (the fallback) */
    @Benchmark
    public VestSignature vestCold() {
        timeMs++;
        return vestCold.signOrder(timeMs, timeMs, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false);
    }

    /** @return Paradex order signature, 9 Pedersen + RFC 6979 (today's signer) */
    @Benchmark
    public ParadexSignature paradexOld() {
        timeMs++;
        return paradexOld.signOrder(timeMs, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1", "65000.5");
    }

    /** @return Paradex order signature from the expected order's ready hash and a pooled nonce */
    @Benchmark
    public ParadexOrderSignature paradexPresigned(final ParadexReady p) {
        timeMs++;
        return p.signer.signOrderNow(System.currentTimeMillis(), "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1",
            "65000.5");
    }

    /** @return Paradex order signature of a pre-signing signer with nothing ready (hash now, RFC 6979 fallback) */
    @Benchmark
    public ParadexOrderSignature paradexCold() {
        timeMs++;
        return paradexCold.signOrderNow(timeMs, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1", "65000.5");
    }
}
