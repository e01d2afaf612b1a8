package dev.arb.paradex;

import com.swmansion.starknet.data.types.Felt;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.internal.ParadexTypedData;
import dev.arb.paradex.internal.StarkVerifier;
import dev.arb.paradex.internal.crypto.ParadexOrderHasher;
import dev.arb.paradex.internal.crypto.StarkEcdsa;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

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
 * <p>The private key never reaches {@link #toString()}, a log line or an exception message.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class ParadexSigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String chainId;
    private final String accountAddress;
    private final Secret privateKey;
    private final BigInteger privateKeyValue;
    private final String publicKey;
    private final ParadexOrderHasher hasher;

    /**
     * @param chainId        chain id name, e.g. {@code PRIVATE_SN_PARACLEAR_MAINNET} (§3.1), or its felt as hex
     * @param accountAddress the Paradex (L2) account address, {@code 0x} hex
     * @param privateKey     the STARK private key, {@code 0x} hex
     * @throws IllegalArgumentException if the key or address is not hex, or the key is outside 1..n-1
     * @throws NullPointerException if an argument is null
     */
    public ParadexSigner(final String chainId, final String accountAddress, final Secret privateKey) {
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
        final BigInteger[] rs = StarkEcdsa.sign(privateKeyValue, hash);
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
