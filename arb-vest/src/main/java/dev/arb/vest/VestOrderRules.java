package dev.arb.vest;

import dev.arb.api.AuthenticationException;
import dev.arb.api.FixedPoint;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.TimeInForce;

/**
 * What an order must satisfy before anything is sent: size a multiple of the step and at least the
 * minimum, a limit price (the slippage guard of a MARKET order) on the tick, the minimum notional, no
 * POST_ONLY (Vest is taker-only), and credentials to sign with. A limit price off the tick is snapped
 * on the safe side first (a buy's down, a sell's up). Sources: protocol reference §4 (exchangeInfo),
 * §6 (taker-only).
 *
 * <p><b>Note:</b> thread-safe (stateless).
 */
final class VestOrderRules {
    private VestOrderRules() {
    }

    /**
     * Snaps the limit price to the tick on the safe side: a buy's worst price down, a sell's up.
     *
     * @param r    the order
     * @param spec its market
     * @return {@code r} itself when on the tick (or without a limit price), else a copy with the snapped price
     * @throws InvalidOrderException when the snapped price would be below one tick
     */
    static OrderRequest snapToTick(final OrderRequest r, final MarketSpec spec) {
        if (r.limitPrice() <= 0 || r.limitPrice() % spec.tickSize() == 0) {
            return r;
        }
        final long snapped = spec.snapPriceToTick(r.limitPrice(), r.side());
        if (snapped <= 0) {
            throw new InvalidOrderException(VestMarkets.VENUE, null, "limit price below one tick");
        }
        return OrderRequest.builder().market(r.market()).side(r.side()).type(r.type()).timeInForce(r.timeInForce())
            .size(r.size()).limitPrice(snapped).reduceOnly(r.reduceOnly()).clientOrderId(r.clientOrderId()).build();
    }

    /**
     * @param r    the order, already snapped to the tick
     * @param spec its market
     * @throws InvalidOrderException when a rule is broken
     */
    static void validate(final OrderRequest r, final MarketSpec spec) {
        if (r.size() % spec.stepSize() != 0) {
            throw new InvalidOrderException(VestMarkets.VENUE, null, "size " + spec.formatSize(r.size())
                + " is not a multiple of the step " + spec.formatSize(spec.stepSize()));
        }
        if (r.size() < spec.minSize()) {
            throw new InvalidOrderException(VestMarkets.VENUE, null, "size below the minimum "
                + spec.formatSize(spec.minSize()));
        }
        if (r.limitPrice() <= 0) {
            throw new InvalidOrderException(VestMarkets.VENUE, null,
                "Vest needs a limit price on every order (the slippage guard of a MARKET order)");
        }
        if (r.limitPrice() % spec.tickSize() != 0) {
            throw new InvalidOrderException(VestMarkets.VENUE, null, "limit price " + spec.formatPrice(r.limitPrice())
                + " is not on the tick " + spec.formatPrice(spec.tickSize()));
        }
        if (spec.minNotionalUsd().signum() > 0 && FixedPoint.toBigDecimal(r.size(), spec.sizeScale())
            .multiply(FixedPoint.toBigDecimal(r.limitPrice(), spec.priceScale())).compareTo(spec.minNotionalUsd()) < 0) {
            throw new InvalidOrderException(VestMarkets.VENUE, null, "notional below the minimum "
                + spec.minNotionalUsd() + " USD");
        }
        if (r.timeInForce() == TimeInForce.POST_ONLY) {
            throw new InvalidOrderException(VestMarkets.VENUE, null, "Vest is taker-only: POST_ONLY is not supported");
        }
    }

    /**
     * @param signer the signing key's signer, or null when none is configured
     * @param config the configuration (for the API key)
     * @throws AuthenticationException when the API key or the signing key is missing
     */
    static void requireSigner(final VestSigner signer, final VestConfig config) {
        if (signer == null || config.apiKey() == null) {
            throw new AuthenticationException(VestMarkets.VENUE, null,
                "Vest API key and signing key are required for trading");
        }
    }
}
