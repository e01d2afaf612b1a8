package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.FixedPoint;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import dev.arb.api.TransportException;
import dev.arb.vest.internal.VestRestClient;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Vest markets from {@code GET /exchangeInfo}: one {@link MarketSpec} per symbol (price scale =
 * {@code priceDecimals}, size scale = {@code sizeDecimals}, tick and step 1 at those scales, min size =
 * step, fees from {@code takerFee}/{@code makerFee}). Sources: Vest API docs, protocol reference §4.
 *
 * <p><b>Note:</b> thread-safe: the loaded map is immutable and published through a volatile field.
 */
final class VestMarkets {
    /** The venue name in {@link MarketSpec}s and exceptions. */
    static final String VENUE = "vest";

    private final VestRestClient rest;
    private volatile Map<String, MarketSpec> specs;

    /** @param rest the REST client for {@code GET /exchangeInfo} */
    VestMarkets(final VestRestClient rest) {
        this.rest = rest;
    }

    /**
     * Loads (or reloads) the markets.
     *
     * @return the markets by symbol, published before the future completes; fails with
     *     {@link TransportException}, {@link ExchangeTimeoutException} or {@link MalformedMessageException}
     *     (also when the answer lists no symbol)
     */
    CompletableFuture<Map<String, MarketSpec>> load() {
        return rest.getPublic("/exchangeInfo").thenApply(info -> {
            final Map<String, MarketSpec> loaded = new HashMap<>();
            for (final JsonNode s : info.path("symbols")) {
                final MarketSpec spec = toSpec(s);
                loaded.put(spec.symbol(), spec);
            }
            if (loaded.isEmpty()) {
                throw new MalformedMessageException(VENUE, null, "exchangeInfo lists no symbols");
            }
            final Map<String, MarketSpec> copy = Map.copyOf(loaded);
            specs = copy;
            return copy;
        });
    }

    /** @return the loaded markets by symbol, or null before the first load */
    Map<String, MarketSpec> loadedOrNull() {
        return specs;
    }

    /**
     * The {@link dev.arb.api.ExchangeAdapter#marketSpec} contract.
     *
     * @param market symbol
     * @return its spec
     * @throws IllegalStateException before the markets are loaded
     * @throws InvalidOrderException ({@code 1121}) for an unknown market
     */
    MarketSpec spec(final String market) {
        final Map<String, MarketSpec> s = specs;
        if (s == null) {
            throw new IllegalStateException("connect() has not completed");
        }
        return known(s, market);
    }

    /**
     * For calls that fail their future rather than throw.
     *
     * @param market symbol
     * @return its spec
     * @throws TransportException before the markets are loaded
     * @throws InvalidOrderException ({@code 1121}) for an unknown market
     */
    MarketSpec specOrFail(final String market) {
        return known(loaded(), market);
    }

    /**
     * @return the loaded markets by symbol
     * @throws TransportException before the markets are loaded
     */
    Map<String, MarketSpec> loaded() {
        final Map<String, MarketSpec> s = specs;
        if (s == null) {
            throw new TransportException(VENUE, null, "Vest adapter not connected: call connect() first");
        }
        return s;
    }

    private static MarketSpec known(final Map<String, MarketSpec> s, final String market) {
        final MarketSpec spec = s.get(market);
        if (spec == null) {
            throw new InvalidOrderException(VENUE, "1121", "unknown Vest market " + market);
        }
        return spec;
    }

    /**
     * One market from {@code GET /exchangeInfo}: scales from {@code priceDecimals}/{@code sizeDecimals},
     * step = minimum size = 1e-sizeDecimals (Vest docs), tick = 1e-priceDecimals unless the answer has
     * a coarser {@code minTickSize} (seen on v3, protocol reference §4, open question §9.13).
     *
     * @param s one entry of {@code symbols}
     * @return its spec
     * @throws MalformedMessageException when the entry's rules are unusable (a fee that is not a decimal,
     *     scales out of range, a {@code minTickSize} not at {@code priceDecimals})
     */
    static MarketSpec toSpec(final JsonNode s) {
        final int priceScale = s.path("priceDecimals").asInt();
        long tick = 1;
        if (s.hasNonNull("minTickSize")) {
            try {
                tick = Math.max(1, FixedPoint.fromBigDecimal(new BigDecimal(s.get("minTickSize").asText()), priceScale));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new MalformedMessageException(VENUE, null, "minTickSize not at priceDecimals for "
                    + s.path("symbol").asText(), e);
            }
        }
        try {
            final MarketSpec.Builder b = MarketSpec.builder().venue(VENUE).symbol(s.path("symbol").asText())
                .baseAsset(s.path("base").asText(s.path("symbol").asText()))
                .priceScale(priceScale).sizeScale(s.path("sizeDecimals").asInt())
                .tickSize(tick).stepSize(1).minSize(1)
                .takerFeeRate(new BigDecimal(s.path("takerFee").asText("0")));
            if (s.hasNonNull("makerFee")) {
                b.makerFeeRate(new BigDecimal(s.get("makerFee").asText()));
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a fee that is not a decimal, scales out of range (found by fuzzing, RELIABILITY.md)
            throw new MalformedMessageException(VENUE, null, "exchangeInfo entry for " + s.path("symbol").asText()
                + " has unusable rules: " + e.getMessage(), e);
        }
    }
}
