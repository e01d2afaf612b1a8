package dev.arb.paradex;

import com.swmansion.starknet.data.types.Felt;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.paradex.internal.ParadexTypedData;
import java.math.BigInteger;

/**
 * The SNIP-12 (revision 0, Pedersen) message hashes Paradex verifies signatures against, for those who check
 * signatures rather than make them: simulators, auditors, tests. Signing goes through {@link ParadexSigner}.
 * Sources: Paradex protocol reference §5 (the {@code Order} and {@code Request} typed data), paradex-py
 * {@code build_order_message} and {@code build_auth_message}.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class ParadexSignedMessages {
    private ParadexSignedMessages() {
    }

    /**
     * @param decimal a non-negative size or price as sent, e.g. {@code "0.01"}
     * @return the value × 10^8, as the typed data carries it
     * @throws IllegalArgumentException if malformed, negative, or with more than 8 decimals
     */
    public static BigInteger toChainUnits(final String decimal) {
        return ParadexTypedData.toChainUnits(decimal);
    }

    /**
     * @param chainId     chain id, name (e.g. {@code PRIVATE_SN_PARACLEAR_MAINNET}) or hex
     * @param account     account address, hex
     * @param timestampMs the order's {@code signature_timestamp}, ms
     * @param market      market symbol, e.g. {@code BTC-USD-PERP}
     * @param side        side
     * @param type        {@code LIMIT} or {@code MARKET}
     * @param chainSize   size × 10^8 ({@link #toChainUnits})
     * @param chainPrice  price × 10^8 (0 for MARKET)
     * @return the message hash the order's signature covers
     * @throws IllegalArgumentException if size or price does not fit 63 bits, or an address is not hex
     */
    public static Felt orderMessageHash(final String chainId, final String account, final long timestampMs,
        final String market, final Side side, final OrderType type, final BigInteger chainSize,
        final BigInteger chainPrice) {
        return ParadexTypedData.orderMessageHash(chainId, account, timestampMs, market, side, type, chainSize, chainPrice);
    }

    /**
     * @param chainId           chain id, name or hex
     * @param account           account address, hex
     * @param timestampSeconds  {@code PARADEX-TIMESTAMP}, s
     * @param expirationSeconds {@code PARADEX-SIGNATURE-EXPIRATION}, s
     * @return the message hash the {@code POST /auth} signature covers
     * @throws IllegalArgumentException if an address is not hex
     */
    public static Felt authMessageHash(final String chainId, final String account, final long timestampSeconds,
        final long expirationSeconds) {
        return ParadexTypedData.authMessageHash(chainId, account, timestampSeconds, expirationSeconds);
    }
}
