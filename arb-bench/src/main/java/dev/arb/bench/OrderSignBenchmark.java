package dev.arb.bench;

import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.ParadexSignature;
import dev.arb.paradex.ParadexSigner;
import dev.arb.paradex.internal.crypto.ParadexOrderHasher;
import dev.arb.paradex.internal.crypto.StarkEcdsa;
import dev.arb.paradex.internal.crypto.StarkPedersen;
import dev.arb.vest.VestSignature;
import dev.arb.vest.VestSigner;
import dev.arb.vest.internal.VestAbi;
import dev.arb.vest.internal.crypto.OrderArgsEncoder;
import dev.arb.vest.internal.crypto.Secp256k1Signer;
import java.math.BigInteger;
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
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * Order encode + sign, per venue, with the keys and orders of the published vectors: Vest
 * ({@code keccak256(abi.encode(args))}, EIP-191, secp256k1 RFC 6979 with the recovery id from R)
 * through the public {@link VestSigner} and its parts, against web3j's path (TypeEncoder + 4-way
 * public-key recovery); Paradex (typed data revision 0: 9 Pedersen hashes with the domain, type hashes
 * and message prefix precomputed, 11-bit Pedersen tables, then STARK ECDSA RFC 6979 with an 8-bit
 * fixed-base table) through the public {@link ParadexSigner} and its parts. The timestamp changes on every call so no hash
 * is reused. starknet-jvm's own JNI signer (~200 ms CPU, 300–900 ms wall per signature here) is not in
 * the suite; {@code CpuTimeProbe} times it.
 *
 * <p><b>Note:</b> one benchmark thread per state (JMH default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OrderSignBenchmark {
    private static final String VEST_KEY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
    private static final String PARADEX_KEY = "0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815";
    private static final String PARADEX_ACCOUNT = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";

    private VestSigner vestSigner;
    private OrderArgsEncoder vestEncoder;
    private Secp256k1Signer vestFast;
    private ECKeyPair vestWeb3j;
    private final byte[] hash = new byte[32];
    private ParadexSigner paradexSigner;
    private ParadexOrderHasher paradexHasher;
    private BigInteger paradexKey;
    private long timeMs;

    /** Builds signers and tables. */
    @Setup
    public void setUp() {
        vestSigner = VestSigner.fromPrivateKey(Secret.of(VEST_KEY));
        vestEncoder = new OrderArgsEncoder();
        vestFast = new Secp256k1Signer(new BigInteger(VEST_KEY.substring(2), 16));
        vestWeb3j = ECKeyPair.create(new BigInteger(VEST_KEY.substring(2), 16));
        paradexSigner = new ParadexSigner("PRIVATE_SN_PARACLEAR_MAINNET", PARADEX_ACCOUNT, Secret.of(PARADEX_KEY));
        paradexHasher = new ParadexOrderHasher(ParadexOrderHasher.shortString("PRIVATE_SN_PARACLEAR_MAINNET"),
            new BigInteger(PARADEX_ACCOUNT.substring(2), 16));
        paradexKey = new BigInteger(PARADEX_KEY.substring(2), 16);
        StarkPedersen.warmUp();
        StarkEcdsa.warmUp();
        Secp256k1Signer.warmUp();
        timeMs = 1_762_097_336_031L;
    }

    /** @return signature of a Vest LIMIT order through the public {@link VestSigner} */
    @Benchmark
    public VestSignature vestSignerSignOrder() {
        timeMs++;
        return vestSigner.signOrder(timeMs, timeMs, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false);
    }

    /** @return r‖s‖v of a Vest order: ABI encoding into a reused buffer, keccak, EIP-191, fast sign */
    @Benchmark
    public byte[] vestEncodeAndSignFast() {
        timeMs++;
        vestEncoder.orderArgsHash(timeMs, timeMs, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false, hash);
        return vestFast.signPrefixed(hash);
    }

    /** @return the Vest args hash alone (ABI encoding + keccak, no signature) */
    @Benchmark
    public byte[] vestEncodeOnly() {
        timeMs++;
        vestEncoder.orderArgsHash(timeMs, timeMs, "LIMIT", "BTC-PERP", true, "1.0000", "50000.00", false, hash);
        return hash;
    }

    /** @return web3j's path: TypeEncoder ABI encoding, then Sign.signPrefixedMessage (recovery search) */
    @Benchmark
    public Sign.SignatureData vestEncodeAndSignWeb3j() {
        timeMs++;
        return Sign.signPrefixedMessage(VestAbi.orderArgsHash(timeMs, timeMs, "LIMIT", "BTC-PERP", true, "1.0000",
            "50000.00", false), vestWeb3j);
    }

    /** @return signature of a Paradex LIMIT order through the public {@link ParadexSigner} */
    @Benchmark
    public ParadexSignature paradexSignerSignOrder() {
        timeMs++;
        return paradexSigner.signOrder(timeMs, "BTC-USD-PERP", Side.BUY, OrderType.LIMIT, "0.1", "65000.5");
    }

    /** @return the Paradex order message hash alone (9 Pedersen hashes) */
    @Benchmark
    public BigInteger paradexOrderHashOnly() {
        timeMs++;
        return paradexHasher.orderMessageHash(timeMs, "BTC-USD-PERP", true, "LIMIT", 10_000_000L, 6_500_050_000_000L);
    }

    /** @return hash + STARK ECDSA of a Paradex order, without the decimal-to-chain-units parsing */
    @Benchmark
    public BigInteger[] paradexHashAndSignFast() {
        timeMs++;
        return StarkEcdsa.sign(paradexKey, paradexHasher.orderMessageHash(timeMs, "BTC-USD-PERP", true, "LIMIT",
            10_000_000L, 6_500_050_000_000L));
    }

    /** @return one Pedersen hash of two full-width field elements */
    @Benchmark
    public BigInteger pedersenOne() {
        timeMs++;
        return StarkPedersen.hash(BigInteger.valueOf(timeMs).shiftLeft(190), BigInteger.valueOf(timeMs).shiftLeft(188));
    }
}
