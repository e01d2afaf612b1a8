package dev.arb.paradex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.FixedPoint;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.ParadexOrderJsonWriter;
import dev.arb.paradex.internal.ParadexSignedOrder;
import dev.arb.paradex.internal.RestDecoders;
import java.math.BigDecimal;
import java.util.function.ToLongBiFunction;

/**
 * Turns an {@link OrderRequest} into the venue's order: checked against the market's rules (step size, minimum size,
 * tick size, minimum notional, the notional of a market order priced at the best opposite price), then encoded as
 * the {@code POST /v1/orders} / {@code order.create} body and signed by {@link ParadexSigner} (protocol reference §3.5
 * order fields, §5 order signing). Prices and sizes are at scale 8 (chain decimals).
 *
 * <p><b>Note:</b> thread-safe: stateless apart from the signer, which is thread-safe.
 */
final class ParadexOrderEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENUE = ParadexErrors.VENUE;
    private static final int SCALE = RestDecoders.SCALE;
    /** Offsets in ticks from the last limit price of the prices a pre-signing signer hashes ahead. */
    static final long[] CANDIDATE_TICKS = {0, 1, -1, 2, -2};

    private final ParadexSigner signer;
    private final ToLongBiFunction<String, Side> referencePrice;

    /**
     * @param signer         the order signer, or null in public-only mode (then {@link #sign} must not be called)
     * @param referencePrice the best opposite price of a market at scale 8, 0 if unknown (market and order side)
     */
    ParadexOrderEncoder(final ParadexSigner signer, final ToLongBiFunction<String, Side> referencePrice) {
        this.signer = signer;
        this.referencePrice = referencePrice;
    }

    /**
     * @param r    the order
     * @param spec its market's rules
     * @throws InvalidOrderException with code {@code INVALID_ORDER_SIZE} or {@code INVALID_PRICE_PRECISION} (as the
     *     venue would answer), or without code for a negative price
     */
    void validate(final OrderRequest r, final MarketSpec spec) {
        if (r.size() % spec.stepSize() != 0) {
            throw new InvalidOrderException(VENUE, "INVALID_ORDER_SIZE", "size " + spec.formatSize(r.size())
                + " is not a multiple of the step size " + spec.formatSize(spec.stepSize()));
        }
        if (r.size() < spec.minSize()) {
            throw new InvalidOrderException(VENUE, "INVALID_ORDER_SIZE", "size below the minimum");
        }
        if (r.type() == OrderType.LIMIT && r.limitPrice() % spec.tickSize() != 0) {
            throw new InvalidOrderException(VENUE, "INVALID_PRICE_PRECISION", "price " + spec.formatPrice(r.limitPrice())
                + " is not a multiple of the tick size " + spec.formatPrice(spec.tickSize()));
        }
        if (r.type() == OrderType.MARKET && r.limitPrice() < 0) {
            throw new InvalidOrderException(VENUE, null, "negative price");
        }
        final long refPrice = r.limitPrice() > 0 ? r.limitPrice() : referencePrice.applyAsLong(r.market(), r.side());
        if (refPrice > 0 && spec.minNotionalUsd().signum() > 0) {
            final BigDecimal notional = FixedPoint.toBigDecimal(r.size(), spec.sizeScale())
                .multiply(FixedPoint.toBigDecimal(refPrice, spec.priceScale()));
            if (notional.compareTo(spec.minNotionalUsd()) < 0) {
                throw new InvalidOrderException(VENUE, "INVALID_ORDER_SIZE", "notional " + notional.stripTrailingZeros()
                    .toPlainString() + " USD below the minimum " + spec.minNotionalUsd().toPlainString());
            }
        }
    }

    /**
     * Signs the order now. {@code signature_timestamp} is the current time, ms since the epoch, or, with a
     * pre-signing signer whose hash of this order was ready, the (at most a minute older) time it was hashed at
     * ({@link ParadexSigner#signOrderNow}). After a miss (the order was hashed now), tells a pre-signing signer to hash
     * the same order ahead at the same limit price and one and two ticks either side ({@link #CANDIDATE_TICKS}), the
     * likeliest next order of this leg when the caller gives no hint. After a hit the expectation that produced it
     * (the caller's {@link dev.arb.api.ExchangeAdapter#expectOrder} or this one) stays, and is hashed again at a new
     * timestamp: re-expecting would only make the pre-signer hash a chain the caller's next hint replaces.
     * The JSON is written from the result by {@link ParadexOrderJsonWriter}, or built as a tree by {@link #tree}.
     *
     * @param r    the order, already validated
     * @param spec its market's rules (the tick size)
     * @return the signed order
     */
    ParadexSignedOrder signOrder(final OrderRequest r, final MarketSpec spec) {
        final String size = FixedPoint.formatTrimmed(r.size(), SCALE);
        final String price = r.type() == OrderType.MARKET ? "0" : FixedPoint.formatTrimmed(r.limitPrice(), SCALE);
        final long nowMs = System.currentTimeMillis();
        final ParadexOrderSignature signed = signer.signOrderNow(nowMs, r.market(), r.side(), r.type(), size, price);
        if (signer.isPresigning() && signed.signatureTimestampMs() == nowMs) {
            signer.expectOrder(r.market(), r.side(), r.type(), r.size(), candidatePrices(r, spec));
        }
        return new ParadexSignedOrder(r, signed.signature().wireString(), signed.signatureTimestampMs());
    }

    /**
     * Signs the order now ({@link #signOrder}) and builds its body as a Jackson tree.
     *
     * @param r    the order, already validated
     * @param spec its market's rules (the tick size)
     * @return the signed body
     */
    ObjectNode sign(final OrderRequest r, final MarketSpec spec) {
        return tree(signOrder(r, spec));
    }

    /**
     * The order's body as a Jackson tree: the reference {@link ParadexOrderJsonWriter} matches byte for byte, and the
     * element of an {@code order.create_batch}.
     *
     * @param o the signed order
     * @return the body
     */
    static ObjectNode tree(final ParadexSignedOrder o) {
        final OrderRequest r = o.request();
        final ObjectNode body = JSON.createObjectNode();
        body.put("market", r.market());
        body.put("side", r.side().name());
        body.put("type", r.type().name());
        body.put("size", FixedPoint.formatTrimmed(r.size(), SCALE));
        body.put("price", r.type() == OrderType.MARKET ? "0" : FixedPoint.formatTrimmed(r.limitPrice(), SCALE));
        body.put("instruction", instruction(r.timeInForce()));
        body.put("client_id", r.clientOrderId());
        if (r.reduceOnly()) {
            body.putArray("flags").add("REDUCE_ONLY");
        }
        body.put("signature", o.signatureWire());
        body.put("signature_timestamp", o.signatureTimestampMs());
        return body;
    }

    /** Limit prices hashed ahead after an order: its price, then ±1 and ±2 ticks (at scale 8). */
    private static long[] candidatePrices(final OrderRequest r, final MarketSpec spec) {
        if (r.type() == OrderType.MARKET) {
            return new long[] {0};
        }
        return candidatePrices(r.limitPrice(), spec.tickSize());
    }

    /**
     * @param price the likeliest limit price, scale 8
     * @param step  the distance between candidates, scale 8 (&gt; 0)
     * @return {@code price}, then ±1 and ±2 steps ({@link #CANDIDATE_TICKS}), likeliest first, never below 0
     */
    static long[] candidatePrices(final long price, final long step) {
        final long[] out = new long[CANDIDATE_TICKS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, price + CANDIDATE_TICKS[i] * step);
        }
        return out;
    }

    private static String instruction(final TimeInForce tif) {
        return switch (tif) {
            case IOC -> "IOC";
            case GTC -> "GTC";
            case POST_ONLY -> "POST_ONLY";
        };
    }
}
