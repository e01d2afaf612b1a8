package dev.arb.paradex.internal;

import com.swmansion.starknet.data.TypedData;
import com.swmansion.starknet.data.types.Felt;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.paradex.internal.crypto.ParadexOrderHasher;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and hashes the Paradex StarkNet typed data (legacy revision 0, Pedersen): the
 * {@code Order} and the auth {@code Request} messages, with the {@code StarkNetDomain}
 * {@code {name:"Paradex", chainId, version:"1"}} in the order name, chainId, version.
 *
 * <p>Source: protocol reference §4.3 (auth {@code Request}), §5.1 (Order fields: timestamp ms,
 * market short string, side 1 BUY / 2 SELL, orderType short string, size and price × 10^8, price 0
 * for MARKET), §5.2 (revision-0 Pedersen hashing), §5.3 (felt encoding); paradex-py
 * {@code message/order.py}, {@code message/auth.py}. Hashing is delegated to starknet-jvm
 * {@link TypedData}.
 *
 * <p>{@link #orderMessageHash} and {@link #authMessageHash} compute the same revision-0 hash with the
 * pure-Java {@link ParadexOrderHasher} (cached per chain and account); the {@link TypedData}
 * builders are the reference the tests check it against.
 *
 * <p>Shared by {@code ParadexSigner} and the simulator (which recomputes hashes to verify).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class ParadexTypedData {
    /** Decimal places of chain values (size and price on the signed Order): 8 (§5.1, §3.1 {@code paraclear_decimals}). */
    public static final int CHAIN_DECIMALS = 8;

    private static final String DOMAIN_TYPE =
        "\"StarkNetDomain\":[{\"name\":\"name\",\"type\":\"felt\"},{\"name\":\"chainId\",\"type\":\"felt\"},"
            + "{\"name\":\"version\",\"type\":\"felt\"}]";
    private static final String ORDER_TYPE =
        "\"Order\":[{\"name\":\"timestamp\",\"type\":\"felt\"},{\"name\":\"market\",\"type\":\"felt\"},"
            + "{\"name\":\"side\",\"type\":\"felt\"},{\"name\":\"orderType\",\"type\":\"felt\"},"
            + "{\"name\":\"size\",\"type\":\"felt\"},{\"name\":\"price\",\"type\":\"felt\"}]";
    private static final String REQUEST_TYPE =
        "\"Request\":[{\"name\":\"method\",\"type\":\"felt\"},{\"name\":\"path\",\"type\":\"felt\"},"
            + "{\"name\":\"body\",\"type\":\"felt\"},{\"name\":\"timestamp\",\"type\":\"felt\"},"
            + "{\"name\":\"expiration\",\"type\":\"felt\"}]";

    private static final Map<String, Felt> DOMAIN_HASHES = new ConcurrentHashMap<>();
    private static final Map<String, ParadexOrderHasher> HASHERS = new ConcurrentHashMap<>();

    private ParadexTypedData() {
    }

    /**
     * @param chainId chain id name or hex
     * @return the {@code StarkNetDomain} struct hash of {@code {name:"Paradex", chainId, version:"1"}} (cached)
     */
    public static Felt domainHash(final String chainId) {
        return DOMAIN_HASHES.computeIfAbsent(chainIdHex(chainId), hex -> domainOnly(hex).getStructHash("StarkNetDomain",
            "{\"name\":\"Paradex\",\"chainId\":\"" + hex + "\",\"version\":\"1\"}"));
    }

    /**
     * @param chainId chain id name such as {@code PRIVATE_SN_PARACLEAR_MAINNET}, or its felt as {@code 0x} hex
     * @return the chain id felt as {@code 0x} hex (Cairo short-string encoding, §3.1)
     * @throws IllegalArgumentException if the name is longer than 31 characters or not ASCII
     */
    public static String chainIdHex(final String chainId) {
        if (chainId.startsWith("0x")) {
            return chainId;
        }
        return shortString(chainId).hexString();
    }

    /**
     * @param text ASCII text of at most 31 characters
     * @return its Cairo short-string felt (§5.3)
     * @throws IllegalArgumentException if too long or not ASCII
     */
    public static Felt shortString(final String text) {
        if (text.length() > 31) {
            throw new IllegalArgumentException("short string longer than 31 characters: " + text);
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                throw new IllegalArgumentException("short string must be ASCII: " + text);
            }
        }
        return Felt.fromShortString(text);
    }

    /**
     * Converts a decimal such as {@code "0.1"} into chain units (× 10^8) exactly (§5.1).
     *
     * @param decimal non-negative decimal text
     * @return the value × 10^8
     * @throws IllegalArgumentException if malformed, negative, or with more than 8 significant decimals
     */
    public static BigInteger toChainUnits(final String decimal) {
        final BigDecimal value;
        try {
            value = new BigDecimal(decimal);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal: '" + decimal + "'", e);
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative value: " + decimal);
        }
        try {
            return value.movePointRight(CHAIN_DECIMALS).toBigIntegerExact();
        } catch (final ArithmeticException e) {
            throw new IllegalArgumentException("more than " + CHAIN_DECIMALS + " decimals: " + decimal, e);
        }
    }

    /**
     * @param side order side
     * @return {@code "1"} for BUY, {@code "2"} for SELL (§5.1, paradex-py {@code OrderSide.chain_side})
     */
    public static String chainSide(final Side side) {
        return side == Side.BUY ? "1" : "2";
    }

    /**
     * @param chainId chain id name or hex
     * @return typed data JSON of an {@code Order} with placeholder values, for type and domain hashes
     */
    public static TypedData domainOnly(final String chainId) {
        return TypedData.fromJsonString(orderJson(chainId, 0, "A", Side.BUY, OrderType.LIMIT, BigInteger.ZERO,
            BigInteger.ZERO));
    }

    /**
     * @param chainId     chain id name or hex
     * @param timestampMs signature timestamp, ms
     * @param market      market symbol, e.g. {@code BTC-USD-PERP}
     * @param side        side
     * @param type        order type ({@code LIMIT} or {@code MARKET})
     * @param chainSize   size × 10^8
     * @param chainPrice  price × 10^8 (0 for MARKET)
     * @return the typed data of the order
     */
    public static TypedData order(final String chainId, final long timestampMs, final String market, final Side side,
        final OrderType type, final BigInteger chainSize, final BigInteger chainPrice) {
        return TypedData.fromJsonString(orderJson(chainId, timestampMs, market, side, type, chainSize, chainPrice));
    }

    /**
     * @param chainId          chain id name or hex
     * @param timestampSeconds {@code PARADEX-TIMESTAMP}, s
     * @param expirationSeconds {@code PARADEX-SIGNATURE-EXPIRATION}, s
     * @return the typed data of the auth {@code Request} (method POST, path /v1/auth, body "")
     */
    public static TypedData authRequest(final String chainId, final long timestampSeconds, final long expirationSeconds) {
        return TypedData.fromJsonString("{\"types\":{" + DOMAIN_TYPE + ',' + REQUEST_TYPE + "},\"primaryType\":\"Request\","
            + domainJson(chainId) + ",\"message\":{\"method\":\"POST\",\"path\":\"/v1/auth\",\"body\":\"\",\"timestamp\":\""
            + timestampSeconds + "\",\"expiration\":\"" + expirationSeconds + "\"}}");
    }

    /**
     * @param chainId     chain id
     * @param account     account address hex
     * @param timestampMs signature timestamp, ms
     * @param market      market symbol
     * @param side        side
     * @param type        order type
     * @param chainSize   size × 10^8
     * @param chainPrice  price × 10^8
     * @return the message hash that is signed
     */
    public static Felt orderMessageHash(final String chainId, final String account, final long timestampMs,
        final String market, final Side side, final OrderType type, final BigInteger chainSize, final BigInteger chainPrice) {
        if (chainSize.bitLength() > 63 || chainPrice.bitLength() > 63) {
            throw new IllegalArgumentException("size or price too large");
        }
        return new Felt(hasher(chainId, account).orderMessageHash(timestampMs, market, side == Side.BUY, type.name(),
            chainSize.longValue(), chainPrice.longValue()));
    }

    /**
     * @param chainId           chain id
     * @param account           account address hex
     * @param timestampSeconds  s
     * @param expirationSeconds s
     * @return the auth message hash that is signed
     */
    public static Felt authMessageHash(final String chainId, final String account, final long timestampSeconds,
        final long expirationSeconds) {
        return new Felt(hasher(chainId, account).authMessageHash(timestampSeconds, expirationSeconds));
    }

    private static ParadexOrderHasher hasher(final String chainId, final String account) {
        final String chainHex = chainIdHex(chainId);
        final BigInteger accountValue = Felt.fromHex(account).getValue();
        return HASHERS.computeIfAbsent(chainHex + '|' + accountValue, k -> new ParadexOrderHasher(
            Felt.fromHex(chainHex).getValue(), accountValue));
    }

    private static String orderJson(final String chainId, final long timestampMs, final String market, final Side side,
        final OrderType type, final BigInteger chainSize, final BigInteger chainPrice) {
        shortString(market);
        if (market.indexOf('"') >= 0 || market.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("invalid market symbol: " + market);
        }
        return "{\"types\":{" + DOMAIN_TYPE + ',' + ORDER_TYPE + "},\"primaryType\":\"Order\"," + domainJson(chainId)
            + ",\"message\":{\"timestamp\":\"" + timestampMs + "\",\"market\":\"" + market + "\",\"side\":\""
            + chainSide(side) + "\",\"orderType\":\"" + type.name() + "\",\"size\":\"" + chainSize + "\",\"price\":\""
            + chainPrice + "\"}}";
    }

    private static String domainJson(final String chainId) {
        return "\"domain\":{\"name\":\"Paradex\",\"chainId\":\"" + chainIdHex(chainId) + "\",\"version\":\"1\"}";
    }
}
