package dev.arb.vest;

import dev.arb.api.Secret;
import dev.arb.vest.internal.VestAbi;
import dev.arb.vest.internal.crypto.OrderArgsEncoder;
import dev.arb.vest.internal.crypto.Secp256k1NoncePool;
import dev.arb.vest.internal.crypto.Secp256k1PooledSigner;
import dev.arb.vest.internal.crypto.Secp256k1Signer;
import java.security.SignatureException;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Signs Vest order, cancel and registration payloads with secp256k1 keys.
 *
 * <p>Orders and cancels: {@code keccak256(abi.encode(args))}, then EIP-191 {@code personal_sign} of
 * the 32 hash bytes ({@code "\x19Ethereum Signed Message:\n32" ‖ hash}) with the <em>signing</em>
 * key. Registration: EIP-712 {@code SignerProof} digest (domain {@code VestRouterV2}/{@code 0.0.1}/
 * verifyingContract, no chainId), raw-signed by the <em>primary</em> key. Signatures are RFC 6979
 * deterministic, low-s, {@code 0x r s v} with v in {27, 28}. Source: Vest API docs (HB-DOC "Signing",
 * "Authentication"), protocol reference §2, §3, §8.
 *
 * <p>Orders and cancels take the fast path: ABI encoding into a per-thread reused buffer and
 * {@link Secp256k1Signer} (recovery id computed while signing, fixed-base table for G) instead of
 * web3j's {@code TypeEncoder} and four-way public-key recovery; the output is byte-identical.
 *
 * <p>{@link #fromPrivateKey} signs deterministically (RFC 6979: {@code arb sign}, the reference vectors).
 * {@link #presigning} signs orders and cancels with precomputed nonces ({@link Secp256k1NoncePool},
 * refilled on a daemon thread; issue 14 §2): the same digest, a valid low-s signature, but a random
 * {@code r}; an empty pool falls back to the deterministic signature ({@link #fallbackSignatures()}).
 * {@link #close()} stops the pool's thread.
 *
 * <p><b>Note:</b> thread-safe (the key is immutable; the nonce pool hands each nonce to one caller).
 */
public final class VestSigner {
    private static final ThreadLocal<OrderArgsEncoder> ENCODER = ThreadLocal.withInitial(OrderArgsEncoder::new);

    private final Secp256k1Signer fastSigner;
    private final Secp256k1PooledSigner pooled;
    private final String address;

    private VestSigner(final ECKeyPair keyPair, final Secp256k1NoncePool pool) {
        this.fastSigner = new Secp256k1Signer(keyPair.getPrivateKey());
        this.pooled = pool == null ? null : new Secp256k1PooledSigner(keyPair.getPrivateKey(), pool);
        this.address = "0x" + Keys.getAddress(keyPair.getPublicKey()).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param signingKey secp256k1 private key, 64 hex digits with or without {@code 0x}
     * @return a signer for that key
     * @throws IllegalArgumentException if the key is not 32 bytes of hex or not in 1..n-1 of secp256k1 (the
     *     message never contains the key)
     */
    public static VestSigner fromPrivateKey(final Secret signingKey) {
        return new VestSigner(keyPair(signingKey), null);
    }

    /**
     * A signer whose order and cancel signatures use precomputed random nonces: a pool of
     * {@value Secp256k1NoncePool#DEFAULT_CAPACITY} entries refilled by a daemon thread named
     * {@code vest-nonce-pool}, started here; {@link #close()} stops it.
     *
     * @param signingKey secp256k1 private key, 64 hex digits with or without {@code 0x}
     * @return a pre-signing signer for that key
     * @throws IllegalArgumentException as {@link #fromPrivateKey}
     */
    public static VestSigner presigning(final Secret signingKey) {
        final ECKeyPair keyPair = keyPair(signingKey);
        final Secp256k1NoncePool pool = new Secp256k1NoncePool(Secp256k1NoncePool.DEFAULT_CAPACITY);
        pool.start("vest-nonce-pool");
        return new VestSigner(keyPair, pool);
    }

    /**
     * A signer drawing nonces from a given pool, for benchmarks and tests (a pool not started is filled by its
     * caller with {@link Secp256k1NoncePool#doWork()}); other modules use {@link #presigning}.
     *
     * @param signingKey secp256k1 private key, 64 hex digits with or without {@code 0x}
     * @param pool       the nonce pool; its owner closes it
     * @return a pre-signing signer for that key
     * @throws IllegalArgumentException as {@link #fromPrivateKey}
     */
    public static VestSigner withPool(final Secret signingKey, final Secp256k1NoncePool pool) {
        return new VestSigner(keyPair(signingKey), Objects.requireNonNull(pool, "pool"));
    }

    /** @return {@code true} if order and cancel signatures use the nonce pool ({@link #presigning}) */
    public boolean isPresigning() {
        return pooled != null;
    }

    /** @return order and cancel signatures made with a pooled nonce (0 for a deterministic signer) */
    public long pooledSignatures() {
        return pooled == null ? 0 : pooled.pooledCount();
    }

    /** @return signatures of a {@link #presigning} signer that fell back to RFC 6979 because the pool was empty */
    public long fallbackSignatures() {
        return pooled == null ? 0 : pooled.fallbackCount();
    }

    /** Stops the nonce pool's thread and wipes its ready nonces; a no-op for a deterministic signer. */
    public void close() {
        if (pooled != null) {
            pooled.pool().close();
        }
    }

    /** @return the signer's address: {@code 0x} + 40 lowercase hex digits */
    public String address() {
        return address;
    }

    /**
     * Signs a {@code POST /orders} body's arguments. Strings must be byte-identical to the JSON values.
     *
     * @param timeMs     order {@code time}, ms since the epoch
     * @param nonce      order {@code nonce}
     * @param orderType  {@code "MARKET"} or {@code "LIMIT"}
     * @param symbol     market symbol, e.g. {@code "BTC-PERP"}
     * @param isBuy      {@code true} for a buy
     * @param size       size in base units with exactly the market's sizeDecimals, e.g. {@code "1.0000"}
     * @param limitPrice USD price with exactly the market's priceDecimals, e.g. {@code "50000.00"}
     * @param reduceOnly reduce-only flag
     * @return the args hash and the EIP-191 signature
     */
    public VestSignature signOrder(final long timeMs, final long nonce, final String orderType, final String symbol,
        final boolean isBuy, final String size, final String limitPrice, final boolean reduceOnly) {
        final byte[] hash = new byte[32];
        ENCODER.get().orderArgsHash(timeMs, nonce, orderType, symbol, isBuy, size, limitPrice, reduceOnly, hash);
        return signPrefixed(hash);
    }

    /**
     * Signs a {@code POST /orders/cancel} body's arguments {@code (time, nonce, id)}.
     *
     * @param timeMs  request time, ms since the epoch
     * @param nonce   request nonce
     * @param orderId the venue order id
     * @return the args hash and the EIP-191 signature
     */
    public VestSignature signCancel(final long timeMs, final long nonce, final String orderId) {
        final byte[] hash = new byte[32];
        ENCODER.get().cancelArgsHash(timeMs, nonce, orderId, hash);
        return signPrefixed(hash);
    }

    /**
     * Signs the EIP-712 {@code SignerProof} that {@code POST /register} needs, with the primary key.
     *
     * @param primaryKey        the primary (funded) wallet's private key
     * @param signingAddress    the delegate signing key's address
     * @param verifyingContract VestRouterV2 address of the environment
     * @param signerExpiryMs    expiry of the delegation, ms since the epoch (also sent as {@code expiryTime})
     * @return the EIP-712 digest and its raw (non-EIP-191) signature
     * @throws IllegalArgumentException if the key or an address is malformed
     */
    public static VestSignature signRegistration(final Secret primaryKey, final String signingAddress,
        final String verifyingContract, final long signerExpiryMs) {
        final byte[] digest = VestAbi.registrationDigest(signingAddress, verifyingContract, signerExpiryMs);
        final Sign.SignatureData sig = Sign.signMessage(digest, keyPair(primaryKey), false);
        return new VestSignature(Numeric.toHexString(digest), toHex(sig));
    }

    /**
     * Recovers the address that EIP-191-signed a 32-byte order or cancel args hash.
     *
     * @param argsHashHex  0x + 64 hex digits
     * @param signatureHex 0x + r(32) s(32) v(1)
     * @return the signer's address, {@code 0x} + 40 lowercase hex digits
     * @throws IllegalArgumentException if the hash or signature is malformed or unrecoverable
     */
    public static String recoverOrderSigner(final String argsHashHex, final String signatureHex) {
        final byte[] hash = Numeric.hexStringToByteArray(Objects.requireNonNull(argsHashHex, "argsHashHex"));
        final Sign.SignatureData data = signatureData(hash, signatureHex);
        try {
            return "0x" + Keys.getAddress(Sign.signedPrefixedMessageToKey(hash, data));
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("unrecoverable signature: " + e.getMessage(), e);
        }
    }

    /**
     * Recovers the address that raw-signed a registration EIP-712 digest (the primary wallet).
     *
     * @param digestHex    0x + 64 hex digits, as {@link #signRegistration} returns in {@code hashHex}
     * @param signatureHex 0x + r(32) s(32) v(1)
     * @return the signer's address, {@code 0x} + 40 lowercase hex digits
     * @throws IllegalArgumentException if the digest or signature is malformed or unrecoverable
     */
    public static String recoverRegistrationSigner(final String digestHex, final String signatureHex) {
        final byte[] digest = Numeric.hexStringToByteArray(Objects.requireNonNull(digestHex, "digestHex"));
        try {
            return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, signatureData(digest, signatureHex)));
        } catch (SignatureException | RuntimeException e) {
            throw new IllegalArgumentException("unrecoverable signature: " + e.getMessage(), e);
        }
    }

    private static Sign.SignatureData signatureData(final byte[] hash, final String signatureHex) {
        final byte[] sig = Numeric.hexStringToByteArray(Objects.requireNonNull(signatureHex, "signatureHex"));
        if (hash.length != 32 || sig.length != 65) {
            throw new IllegalArgumentException("need a 32-byte hash and a 65-byte signature");
        }
        byte v = sig[64];
        if (v < 27) {
            v += 27;
        }
        return new Sign.SignatureData(v, java.util.Arrays.copyOfRange(sig, 0, 32),
            java.util.Arrays.copyOfRange(sig, 32, 64));
    }

    private VestSignature signPrefixed(final byte[] hash) {
        final byte[] sig = pooled != null ? pooled.signPrefixed(hash) : fastSigner.signPrefixed(hash);
        return new VestSignature(Numeric.toHexString(hash), Numeric.toHexString(sig));
    }

    private static ECKeyPair keyPair(final Secret key) {
        final String hex = Numeric.cleanHexPrefix(Objects.requireNonNull(key, "key").reveal().trim());
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("private key must be 32 bytes of hex");
        }
        return ECKeyPair.create(Numeric.toBigInt(hex));
    }

    private static String toHex(final Sign.SignatureData sig) {
        final byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return Numeric.toHexString(out);
    }
}
