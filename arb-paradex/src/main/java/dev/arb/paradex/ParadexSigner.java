package dev.arb.paradex;

import com.swmansion.starknet.crypto.StarknetCurve;
import com.swmansion.starknet.crypto.StarknetCurveSignature;
import com.swmansion.starknet.data.types.Felt;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.internal.ParadexTypedData;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Signs Paradex orders and auth requests with a STARK private key: builds the StarkNet typed data
 * (legacy revision 0, Pedersen; domain {@code {name:"Paradex", chainId, version:"1"}}), hashes it
 * with the account address and signs the hash with STARK-curve ECDSA (starknet-jvm
 * {@code StarknetCurve}).
 *
 * <p>Sources: protocol reference §4.3 (auth {@code Request}), §5.1–§5.5 (Order typed data, Pedersen
 * hashing, felt encoding, curve, wire format); paradex-py {@code message/order.py},
 * {@code message/auth.py}. Signatures use starknet-jvm's deterministic nonce, not RFC 6979, so
 * {@code (r, s)} differ from starknet.js but verify with the same public key (§5.4).
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
    private final Felt privateKeyFelt;
    private final String publicKey;

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
        if (key.signum() <= 0 || key.compareTo(StarknetCurve.CURVE_ORDER) >= 0) {
            throw new IllegalArgumentException("private key outside 1..n-1 of the STARK curve");
        }
        this.privateKeyFelt = new Felt(key);
        this.publicKey = StarknetCurve.getPublicKey(privateKeyFelt).hexString();
    }

    /**
     * @return a uniformly random private key in {@code 1..n-1} of the STARK curve ({@code 0x} hex), from
     *     {@link SecureRandom}; for simulators and the bot's simulation mode
     */
    public static Secret randomPrivateKey() {
        final BigInteger n = StarknetCurve.CURVE_ORDER;
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
        final Felt hash = ParadexTypedData.orderMessageHash(chainId, accountAddress, timestampMs, market, side, type,
            chainSize, chainPrice);
        return sign(hash);
    }

    /**
     * Signs the auth {@code Request} (§4.3: POST, {@code /v1/auth}, empty body).
     *
     * @param timestampSeconds  {@code PARADEX-TIMESTAMP}, s since the epoch
     * @param expirationSeconds {@code PARADEX-SIGNATURE-EXPIRATION}, s since the epoch
     * @return the message hash and signature
     */
    public ParadexSignature signAuth(final long timestampSeconds, final long expirationSeconds) {
        return sign(ParadexTypedData.authMessageHash(chainId, accountAddress, timestampSeconds, expirationSeconds));
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
            return StarknetCurve.verify(Felt.fromHex(publicKeyHex), Felt.fromHex(messageHashHex), new Felt(r), new Felt(s));
        } catch (final RuntimeException e) {
            return false;
        }
    }

    private ParadexSignature sign(final Felt hash) {
        final StarknetCurveSignature sig = StarknetCurve.sign(privateKeyFelt, hash);
        return new ParadexSignature(hash.hexString(), sig.getR().getValue(), sig.getS().getValue());
    }

    private static String strip0x(final String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }

    @Override
    public String toString() {
        return "ParadexSigner{chainId=" + chainId + ", account=" + accountAddress + ", publicKey=" + publicKey + '}';
    }
}
