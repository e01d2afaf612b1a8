package dev.arb.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.paradex.internal.ParadexErrors;
import dev.arb.paradex.internal.RestDecoders;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The markets read from {@code GET /v1/markets} at connect (protocol reference §3 markets): each market's rules
 * ({@link MarketSpec}, fee rates defaulting to {@link ParadexConfig#defaultTakerFeeRate()} and
 * {@link ParadexConfig#defaultMakerFeeRate()}) and its {@code funding_period_hours}.
 *
 * <p><b>Note:</b> thread-safe: the maps are immutable and published through volatile fields.
 */
final class ParadexMarkets {
    private final ParadexConfig config;
    private volatile Map<String, MarketSpec> specs;
    /** {@code funding_period_hours} per market from {@code GET /markets}; empty before the first load. */
    private volatile Map<String, Double> fundingPeriodHours = Map.of();

    /** @param config the fee-rate defaults */
    ParadexMarkets(final ParadexConfig config) {
        this.config = config;
    }

    /**
     * Replaces the markets with those of a {@code GET /v1/markets} answer.
     *
     * @param body the answer
     * @throws dev.arb.api.MalformedMessageException if the answer cannot be read
     */
    void load(final JsonNode body) {
        fundingPeriodHours = RestDecoders.fundingPeriodHours(body);
        specs = RestDecoders.marketSpecs(body, config.defaultTakerFeeRate(), config.defaultMakerFeeRate());
    }

    /**
     * @param market venue symbol
     * @return the market's rules
     * @throws IllegalStateException before the markets were loaded
     * @throws InvalidOrderException for an unknown market
     */
    MarketSpec spec(final String market) {
        final Map<String, MarketSpec> s = specs;
        if (s == null) {
            throw new IllegalStateException("paradex: markets not loaded; call connect() first");
        }
        final MarketSpec spec = s.get(market);
        if (spec == null) {
            throw new InvalidOrderException(ParadexErrors.VENUE, "MARKET_NOT_FOUND", "unknown market " + market);
        }
        return spec;
    }

    /**
     * @param market venue symbol, or null
     * @return the market's taker fee rate (fraction), or {@link ParadexConfig#defaultTakerFeeRate()} when unknown
     */
    BigDecimal takerFee(final String market) {
        final Map<String, MarketSpec> s = specs;
        final MarketSpec spec = s == null ? null : s.get(market);
        return spec == null ? config.defaultTakerFeeRate() : spec.takerFeeRate();
    }

    /**
     * @param market venue symbol
     * @return the market's funding period, hours; {@link RestDecoders#DEFAULT_FUNDING_PERIOD_HOURS} (8) when
     *     {@code GET /markets} gave none
     */
    double fundingPeriodHours(final String market) {
        final Double hours = fundingPeriodHours.get(market);
        return hours == null ? RestDecoders.DEFAULT_FUNDING_PERIOD_HOURS : hours;
    }
}
