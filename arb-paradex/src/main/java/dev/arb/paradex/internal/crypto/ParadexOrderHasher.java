package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Hashes Paradex {@code Order} and auth {@code Request} typed data (StarkNet typed data revision 0,
 * Pedersen) for one chain and one account, with everything constant precomputed: the type hashes,
 * the domain struct hash, the message prefix {@code H(H(H(0, "StarkNet Message"), domain), account)}
 * as a {@link StarkPedersen.Prefix}, the first step of each struct hash, and the short-string felts
 * of market symbols and order types (cached).
 *
 * <p>{@code msgHash = H(["StarkNet Message", domainHash, account, structHash])} and
 * {@code structHash = H([typeHash, field...])}, where {@code H} is {@code compute_hash_on_elements}
 * (length appended). An order hash then costs 9 Pedersen hashes, none of them with a constant left
 * operand recomputed.
 *
 * <p>Sources: protocol reference §4.3 (auth {@code Request}), §5.1 (Order fields), §5.2 (hashing,
 * type hashes, {@code "StarkNet Message"}), §5.3 (felt encoding); SNIP-12 (revision 0).
 *
 * <p><b>Note:</b> immutable apart from a concurrent felt cache; thread-safe.
 */
public final class ParadexOrderHasher {
    /** {@code starknet_keccak("StarkNetDomain(name:felt,chainId:felt,version:felt)")}. */
    public static final BigInteger DOMAIN_TYPE_HASH = starknetKeccak("StarkNetDomain(name:felt,chainId:felt,version:felt)");
    /** {@code starknet_keccak} of the {@code Order} type (§5.2). */
    public static final BigInteger ORDER_TYPE_HASH =
        starknetKeccak("Order(timestamp:felt,market:felt,side:felt,orderType:felt,size:felt,price:felt)");
    /** {@code starknet_keccak} of the auth {@code Request} type (§4.3). */
    public static final BigInteger REQUEST_TYPE_HASH =
        starknetKeccak("Request(method:felt,path:felt,body:felt,timestamp:felt,expiration:felt)");
    private static final BigInteger STARKNET_MESSAGE = shortString("StarkNet Message");
    private static final long[] ORDER_LENGTH = {6 + 1, 0, 0, 0};
    private static final long[] REQUEST_LENGTH = {5 + 1, 0, 0, 0};
    private static final long[] MESSAGE_LENGTH = {4, 0, 0, 0};
    private static final ConcurrentHashMap<String, long[]> SHORT_STRINGS = new ConcurrentHashMap<>();

    private final BigInteger domainHash;
    private final StarkPedersen.Prefix messagePrefix;
    private final StarkPedersen.Prefix orderStart;
    private final StarkPedersen.Prefix authStart;

    /**
     * @param chainIdFelt chain id as a felt (the short string of e.g. {@code PRIVATE_SN_PARACLEAR_MAINNET})
     * @param account     the account address as a felt
     * @throws IllegalArgumentException if a value is not a field element below p
     */
    public ParadexOrderHasher(final BigInteger chainIdFelt, final BigInteger account) {
        this.domainHash = StarkPedersen.hashOnElements(DOMAIN_TYPE_HASH, shortString("Paradex"), chainIdFelt,
            BigInteger.ONE);
        final BigInteger prefix = StarkPedersen.hash(StarkPedersen.hash(StarkPedersen.hash(BigInteger.ZERO,
            STARKNET_MESSAGE), domainHash), account);
        this.messagePrefix = StarkPedersen.prefix(prefix);
        this.orderStart = StarkPedersen.prefix(StarkPedersen.hash(BigInteger.ZERO, ORDER_TYPE_HASH));
        final BigInteger authPrefix = StarkPedersen.hash(StarkPedersen.hash(StarkPedersen.hash(BigInteger.ZERO,
            REQUEST_TYPE_HASH), shortString("POST")), shortString("/v1/auth"));
        this.authStart = StarkPedersen.prefix(authPrefix);
    }

    /** @return the {@code StarkNetDomain} struct hash of this chain */
    public BigInteger domainHash() {
        return domainHash;
    }

    /**
     * @param timestampMs signature timestamp, ms since the epoch
     * @param market      market symbol, e.g. {@code BTC-USD-PERP} (short string, cached)
     * @param buy         {@code true} for BUY (side felt 1), {@code false} for SELL (2)
     * @param orderType   REST order type, e.g. {@code LIMIT} (short string, cached)
     * @param chainSize   size × 10^8, non-negative
     * @param chainPrice  price × 10^8 (0 for MARKET), non-negative
     * @return the message hash that is signed
     * @throws IllegalArgumentException if a string is not a short string or a number is negative
     */
    public BigInteger orderMessageHash(final long timestampMs, final String market, final boolean buy,
        final String orderType, final long chainSize, final long chainPrice) {
        if (timestampMs < 0 || chainSize < 0 || chainPrice < 0) {
            throw new IllegalArgumentException("negative timestamp, size or price");
        }
        final long[] acc = new long[4];
        orderPrefix(timestampMs, market, buy, orderType, chainSize, acc);
        return orderHashFromPrefix(acc, chainPrice, acc);
    }

    /**
     * The order's struct-hash chain up to, excluding, the price: the 5 Pedersen hashes that depend on
     * the timestamp, market, side, type and size only (a pre-signer computes them once per order
     * template and signature timestamp).
     *
     * @param timestampMs signature timestamp, ms since the epoch, non-negative
     * @param market      market symbol (short string, cached)
     * @param buy         {@code true} for BUY, {@code false} for SELL
     * @param orderType   REST order type (short string, cached)
     * @param chainSize   size × 10^8, non-negative
     * @param prefixOut   receives the chain state, four little-endian limbs
     * @throws IllegalArgumentException if a string is not a short string or a number is negative
     */
    public void orderPrefix(final long timestampMs, final String market, final boolean buy, final String orderType,
        final long chainSize, final long[] prefixOut) {
        if (timestampMs < 0 || chainSize < 0) {
            throw new IllegalArgumentException("negative timestamp or size");
        }
        final long[] acc = prefixOut;
        acc[0] = timestampMs;
        acc[1] = 0;
        acc[2] = 0;
        acc[3] = 0;
        orderStart.hash(acc, acc);
        StarkPedersen.hash(acc, cachedShortString(market), acc);
        StarkPedersen.hash(acc, new long[] {buy ? 1 : 2, 0, 0, 0}, acc);
        StarkPedersen.hash(acc, cachedShortString(orderType), acc);
        StarkPedersen.hash(acc, new long[] {chainSize, 0, 0, 0}, acc);
    }

    /**
     * Finishes an order message hash from {@link #orderPrefix}: the price, the length, the message
     * prefix and its length (4 Pedersen hashes).
     *
     * @param prefix     the chain state from {@link #orderPrefix} (not modified unless it is {@code work})
     * @param chainPrice price × 10^8 (0 for MARKET), non-negative
     * @param work       four limbs of scratch, may be {@code prefix}
     * @return the message hash that is signed
     * @throws IllegalArgumentException if the price is negative
     */
    public BigInteger orderHashFromPrefix(final long[] prefix, final long chainPrice, final long[] work) {
        if (chainPrice < 0) {
            throw new IllegalArgumentException("negative price");
        }
        StarkPedersen.hash(prefix, new long[] {chainPrice, 0, 0, 0}, work);
        StarkPedersen.hash(work, ORDER_LENGTH, work);
        return finish(work);
    }

    /**
     * @param timestampSeconds  {@code PARADEX-TIMESTAMP}, s since the epoch
     * @param expirationSeconds {@code PARADEX-SIGNATURE-EXPIRATION}, s since the epoch
     * @return the message hash of the auth {@code Request} (POST, {@code /v1/auth}, empty body)
     */
    public BigInteger authMessageHash(final long timestampSeconds, final long expirationSeconds) {
        final long[] acc = {0, 0, 0, 0};
        authStart.hash(acc, acc);
        StarkPedersen.hash(acc, new long[] {timestampSeconds, 0, 0, 0}, acc);
        StarkPedersen.hash(acc, new long[] {expirationSeconds, 0, 0, 0}, acc);
        StarkPedersen.hash(acc, REQUEST_LENGTH, acc);
        return finish(acc);
    }

    private BigInteger finish(final long[] structHash) {
        messagePrefix.hash(structHash, structHash);
        StarkPedersen.hash(structHash, MESSAGE_LENGTH, structHash);
        return StarkField.toBig(structHash);
    }

    private static long[] cachedShortString(final String s) {
        final long[] cached = SHORT_STRINGS.get(s);
        if (cached != null) {
            return cached;
        }
        final long[] limbs = StarkField.fromBig(shortString(s));
        if (SHORT_STRINGS.size() < 4096) {
            SHORT_STRINGS.putIfAbsent(s, limbs);
        }
        return limbs;
    }

    /**
     * @param text ASCII text of at most 31 characters
     * @return its Cairo short-string felt (§5.3)
     * @throws IllegalArgumentException if longer than 31 characters or not ASCII
     */
    public static BigInteger shortString(final String text) {
        if (text.length() > 31) {
            throw new IllegalArgumentException("short string longer than 31 characters: " + text);
        }
        BigInteger v = BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c > 127) {
                throw new IllegalArgumentException("short string must be ASCII: " + text);
            }
            v = v.shiftLeft(8).or(BigInteger.valueOf(c));
        }
        return v;
    }

    /**
     * @param text ASCII text
     * @return {@code starknet_keccak}: keccak-256 masked to 250 bits (§5.2)
     */
    public static BigInteger starknetKeccak(final String text) {
        final KeccakDigest keccak = new KeccakDigest(256);
        final byte[] in = text.getBytes(StandardCharsets.US_ASCII);
        keccak.update(in, 0, in.length);
        final byte[] out = new byte[32];
        keccak.doFinal(out, 0);
        return new BigInteger(1, out).and(BigInteger.ONE.shiftLeft(250).subtract(BigInteger.ONE));
    }
}
