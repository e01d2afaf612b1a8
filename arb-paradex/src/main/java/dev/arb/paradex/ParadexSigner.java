package dev.arb.paradex;

import com.swmansion.starknet.data.types.Felt;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.internal.ParadexTypedData;
import dev.arb.paradex.internal.StarkVerifier;
import dev.arb.paradex.internal.crypto.ParadexOrderHasher;
import dev.arb.paradex.internal.crypto.ParadexOrderPrehash;
import dev.arb.paradex.internal.crypto.StarkEcdsa;
import dev.arb.paradex.internal.crypto.StarkNoncePool;
import dev.arb.paradex.internal.crypto.StarkPooledSigner;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;

/**
 * Signs Paradex orders and auth requests with a STARK private key: builds the StarkNet typed data
 * (legacy revision 0, Pedersen; domain {@code {name:"Paradex", chainId, version:"1"}}), hashes it
 * with the account address and signs the hash with STARK-curve ECDSA (pure-Java Pedersen and
 * fixed-base ECDSA of {@code dev.arb.paradex.internal.crypto}, differential-tested against
 * starknet-jvm {@code TypedData} and {@code StarknetCurve}).
 *
 * <p>Sources: protocol reference §4.3 (auth {@code Request}), §5.1–§5.5 (Order typed data, Pedersen
 * hashing, felt encoding, curve, wire format); paradex-py {@code message/order.py},
 * {@code message/auth.py}. Signatures use RFC 6979 nonces (HMAC-SHA256, as the official Java code
 * samples), so {@code (r, s)} equal starknet.js's byte for byte (§5.4); starknet-jvm's JNI
 * {@code StarknetCurve.sign} is not used because it is two orders of magnitude slower.
 *
 * <p><b>Pre-signing</b> (issue 14 §2; {@link #presigning}): signatures use precomputed random nonces
 * ({@link StarkNoncePool}) and {@link #signOrderNow} takes the message hash of an expected order
 * ({@link #expectOrder}) hashed ahead at a signature timestamp of the signer's choosing
 * ({@link ParadexOrderPrehash}, which documents the venue's window); both are refilled by one daemon
 * thread, {@code paradex-presign}, which {@link #close()} stops. A miss hashes the order now; an
 * empty pool falls back to the deterministic RFC 6979 signature (counted). The constructor's signer
 * is deterministic (what {@code arb sign} and the reference vectors use).
 *
 * <p>The private key never reaches {@link #toString()}, a log line or an exception message.
 *
 * <p><b>Note:</b> thread-safe (the key is immutable; nonces and hashes change hands through the
 * pre-signer's concurrent queues and slots).
 */
public final class ParadexSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String chainId;
    private final String accountAddress;
    private final Secret privateKey;
    private final BigInteger privateKeyValue;
    private final String publicKey;
    private final ParadexOrderHasher hasher;
    private final StarkPooledSigner pooled;
    /** One per side (index 0 buy, 1 sell), so the likely next order of either side stays hashed; null if none. */
    private final ParadexOrderPrehash[] prehash;
    private final Agent presignAgent;
    private final AgentRunner runner;
    private final AtomicLong prehashHits = new AtomicLong();
    private final AtomicLong prehashMisses = new AtomicLong();

    /**
     * @param chainId        chain id name, e.g. {@code PRIVATE_SN_PARACLEAR_MAINNET} (§3.1), or its felt as hex
     * @param accountAddress the Paradex (L2) account address, {@code 0x} hex
     * @param privateKey     the STARK private key, {@code 0x} hex
     * @throws IllegalArgumentException if the key or address is not hex, or the key is outside 1..n-1
     * @throws NullPointerException if an argument is null
     */
    public ParadexSigner(final String chainId, final String accountAddress, final Secret privateKey) {
        this(chainId, accountAddress, privateKey, 0, false);
    }

    private ParadexSigner(final String chainId, final String accountAddress, final Secret privateKey,
        final int nonces, final boolean start) {
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.accountAddress = Objects.requireNonNull(accountAddress, "accountAddress");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        ParadexTypedData.chainIdHex(chainId);
        Felt.fromHex(accountAddress);
        final BigInteger key;
        try {
            key = new BigInteger(strip0x(privateKey.reveal()), 16);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("private key is not hex");
        }
        if (key.signum() <= 0 || key.compareTo(StarkVerifier.N) >= 0) {
            throw new IllegalArgumentException("private key outside 1..n-1 of the STARK curve");
        }
        this.privateKeyValue = key;
        this.publicKey = "0x" + StarkEcdsa.publicKey(key).toString(16);
        this.hasher = new ParadexOrderHasher(new BigInteger(strip0x(ParadexTypedData.chainIdHex(chainId)), 16),
            new BigInteger(strip0x(accountAddress), 16));
        if (nonces > 0) {
            this.pooled = new StarkPooledSigner(key, new StarkNoncePool(nonces));
            this.prehash = new ParadexOrderPrehash[] {new ParadexOrderPrehash(hasher, System::currentTimeMillis),
                new ParadexOrderPrehash(hasher, System::currentTimeMillis)};
            this.presignAgent = new CompositeAgent(pooled.pool(), prehash[0], prehash[1]);
        } else {
            this.pooled = null;
            this.prehash = null;
            this.presignAgent = null;
        }
        if (start && presignAgent != null) {
            this.runner = new AgentRunner(new BackoffIdleStrategy(1, 1, TimeUnit.MILLISECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(100)), t -> { }, null, presignAgent);
            AgentRunner.startOnThread(runner, r -> {
                final Thread t = new Thread(r, "paradex-presign");
                t.setDaemon(true);
                return t;
            });
        } else {
            this.runner = null;
        }
    }

    /**
     * A pre-signing signer: {@value StarkNoncePool#DEFAULT_CAPACITY} pooled nonces and the expected order's hashes,
     * refilled by a daemon thread {@code paradex-presign} started here; {@link #close()} stops it.
     *
     * @param chainId        chain id name or felt hex, as for the constructor
     * @param accountAddress the Paradex (L2) account address, {@code 0x} hex
     * @param privateKey     the STARK private key, {@code 0x} hex
     * @return the signer
     * @throws IllegalArgumentException as the constructor
     */
    public static ParadexSigner presigning(final String chainId, final String accountAddress, final Secret privateKey) {
        return new ParadexSigner(chainId, accountAddress, privateKey, StarkNoncePool.DEFAULT_CAPACITY, true);
    }

    /**
     * A pre-signing signer whose refill work the caller runs ({@link #presignAgent()}), for benchmarks and tests.
     *
     * @param chainId        chain id name or felt hex, as for the constructor
     * @param accountAddress the Paradex (L2) account address, {@code 0x} hex
     * @param privateKey     the STARK private key, {@code 0x} hex
     * @param nonces         capacity of the nonce pool, at least 2
     * @return the signer, with empty pools
     * @throws IllegalArgumentException as the constructor, or if nonces is below 2
     */
    public static ParadexSigner presigningUnstarted(final String chainId, final String accountAddress,
        final Secret privateKey, final int nonces) {
        if (nonces < 2) {
            throw new IllegalArgumentException("nonces must be >= 2, was " + nonces);
        }
        return new ParadexSigner(chainId, accountAddress, privateKey, nonces, false);
    }

    /**
     * @return the refill work of a pre-signing signer (nonce pool and order hashes), or null for a deterministic
     *     one; {@link Agent#doWork()} must run on one thread only, and only if no {@code paradex-presign} thread runs
     */
    public Agent presignAgent() {
        return presignAgent;
    }

    /** @return {@code true} for a pre-signing signer ({@link #presigning}) */
    public boolean isPresigning() {
        return pooled != null;
    }

    /**
     * Tells a pre-signing signer the likely next order, so that its hashes are computed ahead (a no-op for a
     * deterministic signer). Call it from any thread; the newest expectation of a side replaces that side's
     * previous one, so one order of each side is kept hashed ahead (a leg's entry and its exit are opposite
     * sides).
     *
     * @param market   market symbol
     * @param side     side
     * @param type     order type
     * @param sizeE8   size × 10^8 (chain units, §5.1)
     * @param pricesE8 candidate limit prices × 10^8, the likeliest first (at most 8 are kept; 0 for MARKET)
     */
    public void expectOrder(final String market, final Side side, final OrderType type, final long sizeE8,
        final long[] pricesE8) {
        if (prehash != null) {
            prehash[side == Side.BUY ? 0 : 1].expect(market, side == Side.BUY, type.name(), sizeE8, pricesE8);
        }
    }

    /** @return signatures made with a pooled nonce (0 for a deterministic signer) */
    public long pooledSignatures() {
        return pooled == null ? 0 : pooled.pooledCount();
    }

    /** @return signatures of a pre-signing signer that fell back to RFC 6979 because the nonce pool was empty */
    public long fallbackSignatures() {
        return pooled == null ? 0 : pooled.fallbackCount();
    }

    /** @return {@link #signOrderNow} calls that found their message hash ready */
    public long prehashHits() {
        return prehashHits.get();
    }

    /** @return {@link #signOrderNow} calls that hashed the order themselves */
    public long prehashMisses() {
        return prehashMisses.get();
    }

    /** Stops the {@code paradex-presign} thread, if any, and wipes the ready nonces. */
    public void close() {
        if (runner != null) {
            runner.close();
        } else if (pooled != null) {
            pooled.pool().onClose();
        }
    }

    /**
     * @return a uniformly random private key in {@code 1..n-1} of the STARK curve ({@code 0x} hex), from
     *     {@link SecureRandom}; for simulators and the bot's simulation mode
     */
    public static Secret randomPrivateKey() {
        final BigInteger n = StarkVerifier.N;
        BigInteger k;
        do {
            k = new BigInteger(n.bitLength(), RANDOM);
        } while (k.signum() == 0 || k.compareTo(n) >= 0);
        return Secret.of("0x" + k.toString(16));
    }

    /** @return the STARK public key (x coordinate of priv·G), {@code 0x} hex */
    public String publicKey() {
        return publicKey;
    }

    /** @return the account address, as given */
    public String accountAddress() {
        return accountAddress;
    }

    /** @return the chain id, as given */
    public String chainId() {
        return chainId;
    }

    /**
     * Signs an {@code Order} (§5.1): size and price are converted to chain units (× 10^8) exactly;
     * a MARKET order signs price 0 whatever {@code price} says.
     *
     * @param timestampMs signature timestamp, ms since the epoch (also sent as {@code signature_timestamp})
     * @param market      market symbol, e.g. {@code BTC-USD-PERP}
     * @param side        side
     * @param type        order type
     * @param size        size in base units, decimal text as sent in the body
     * @param price       limit price in USD, decimal text as sent in the body ({@code "0"} for MARKET)
     * @return the message hash and signature
     * @throws IllegalArgumentException if size or price is malformed, negative or has more than 8 decimals
     */
    public ParadexSignature signOrder(final long timestampMs, final String market, final Side side, final OrderType type,
        final String size, final String price) {
        final BigInteger chainSize = ParadexTypedData.toChainUnits(size);
        final BigInteger chainPrice = type == OrderType.MARKET ? BigInteger.ZERO : ParadexTypedData.toChainUnits(price);
        if (chainSize.bitLength() > 63 || chainPrice.bitLength() > 63) {
            throw new IllegalArgumentException("size or price too large");
        }
        return sign(hasher.orderMessageHash(timestampMs, market, side == Side.BUY, type.name(), chainSize.longValue(),
            chainPrice.longValue()));
    }

    /**
     * Signs an order now, at a signature timestamp of the signer's choosing: a pre-signing signer uses the hash of a
     * matching expected order if one is ready ({@link #expectOrder}; its timestamp is at most
     * {@value ParadexOrderPrehash#MAX_AGE_MS} ms old), else it hashes the order at {@code nowMs}. A deterministic
     * signer always signs at {@code nowMs}, exactly as {@link #signOrder}.
     *
     * @param nowMs  the current time, ms since the epoch
     * @param market market symbol
     * @param side   side
     * @param type   order type
     * @param size   size in base units, decimal text as sent in the body
     * @param price  limit price in USD, decimal text as sent in the body ({@code "0"} for MARKET)
     * @return the signature and the timestamp to send as {@code signature_timestamp}
     * @throws IllegalArgumentException if size or price is malformed, negative or has more than 8 decimals
     */
    public ParadexOrderSignature signOrderNow(final long nowMs, final String market, final Side side,
        final OrderType type, final String size, final String price) {
        if (prehash == null) {
            return new ParadexOrderSignature(nowMs, signOrder(nowMs, market, side, type, size, price));
        }
        final long chainSize = chainUnits(size);
        final long chainPrice = type == OrderType.MARKET ? 0 : chainUnits(price);
        final BigInteger[] hash = new BigInteger[1];
        long ts = prehash[side == Side.BUY ? 0 : 1].take(market, side == Side.BUY, type.name(), chainSize, chainPrice, nowMs, hash);
        if (ts >= 0) {
            prehashHits.incrementAndGet();
        } else {
            prehashMisses.incrementAndGet();
            ts = nowMs;
            hash[0] = hasher.orderMessageHash(ts, market, side == Side.BUY, type.name(), chainSize, chainPrice);
        }
        return new ParadexOrderSignature(ts, sign(hash[0]));
    }

    private static long chainUnits(final String decimal) {
        final BigInteger v = ParadexTypedData.toChainUnits(decimal);
        if (v.bitLength() > 63) {
            throw new IllegalArgumentException("size or price too large");
        }
        return v.longValue();
    }

    /**
     * Signs the auth {@code Request} (§4.3: POST, {@code /v1/auth}, empty body).
     *
     * @param timestampSeconds  {@code PARADEX-TIMESTAMP}, s since the epoch
     * @param expirationSeconds {@code PARADEX-SIGNATURE-EXPIRATION}, s since the epoch
     * @return the message hash and signature
     */
    public ParadexSignature signAuth(final long timestampSeconds, final long expirationSeconds) {
        return sign(hasher.authMessageHash(timestampSeconds, expirationSeconds));
    }

    /**
     * Verifies a STARK ECDSA signature (§5.4).
     *
     * @param publicKeyHex   public key, {@code 0x} hex
     * @param messageHashHex message hash, {@code 0x} hex
     * @param r              signature r
     * @param s              signature s
     * @return {@code true} if valid; {@code false} for an invalid signature or malformed input
     */
    public static boolean verify(final String publicKeyHex, final String messageHashHex, final BigInteger r,
        final BigInteger s) {
        try {
            return StarkVerifier.verify(new BigInteger(strip0x(publicKeyHex), 16), new BigInteger(strip0x(messageHashHex), 16),
                r, s);
        } catch (final RuntimeException e) {
            return false;
        }
    }

    private ParadexSignature sign(final BigInteger hash) {
        final BigInteger[] rs = pooled != null ? pooled.sign(hash) : StarkEcdsa.sign(privateKeyValue, hash);
        return new ParadexSignature("0x" + hash.toString(16), rs[0], rs[1]);
    }

    private static String strip0x(final String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }

    @Override
    public String toString() {
        return "ParadexSigner{chainId=" + chainId + ", account=" + accountAddress + ", publicKey=" + publicKey + '}';
    }
}
