package dev.arb.executor;

import dev.arb.api.FixedPoint;
import dev.arb.strategy.api.InvalidParameterException;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Parameters;
import dev.arb.strategy.api.Strategy;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's own parameters, changeable while the bot runs: leg size, slippage bound, quote-age and
 * skew gates, unwind loss bound, and the strategy error budget. Declared as {@link ParamSpec}s (the
 * YAML names) with the configuration's values as defaults, validated and applied together with the
 * strategy's parameters.
 *
 * <p><b>Note:</b> not thread-safe; confined to the executor's state thread after start.
 */
final class EngineSettings {
    static final String POSITION_SIZE = "position_size";
    static final String SLIPPAGE_BPS = "slippage_bps";
    static final String MAX_QUOTE_AGE_MS = "max_quote_age_ms";
    static final String MAX_SKEW_MS = "max_skew_ms";
    static final String UNWIND_LOSS_BOUND_USD = "unwind_loss_bound_usd";
    static final String STRATEGY_MAX_ERRORS = "strategy_max_errors";
    /** The strategy's book-age limit before there was one quote-age gate: now an alias of {@link #MAX_QUOTE_AGE_MS}. */
    static final String LEGACY_MAX_BOOK_AGE_MS = "max_book_age_ms";

    private final List<ParamSpec> specs;
    BigDecimal positionSizeBase;
    double slippageBps;
    long maxQuoteAgeMs;
    long maxSkewMs;
    BigDecimal unwindLossBoundUsd;
    int strategyMaxErrors = 10;
    /** {@link #positionSizeBase} rounded down to both steps, base units; and at each leg's size scale. */
    BigDecimal entrySize;
    long entrySizeA;
    long entrySizeB;

    EngineSettings(final ExecutorConfig c) {
        specs = List.of(
            ParamSpec.decimal(POSITION_SIZE, "base", "0", null, c.positionSizeBase().toPlainString(),
                "size of each leg, rounded down to a multiple of both venues' step sizes"),
            ParamSpec.decimal(SLIPPAGE_BPS, "bps", "0", "1000", BigDecimal.valueOf(c.slippageBps()).toPlainString(),
                "IOC limit prices this far beyond the deepest level the size needs; unwinds start here"),
            ParamSpec.integer(MAX_QUOTE_AGE_MS, "ms", 1, 3_600_000, c.maxQuoteAgeMs(),
                "the one quote-age gate: no entry when either book was received longer ago than this, or its venue calls it "
                    + "stale; the strategy's spread ignores older books"),
            ParamSpec.integer(MAX_SKEW_MS, "ms", 0, 3_600_000, c.maxSkewMs(),
                "no entry when the two books' venue timestamps differ by more than this"),
            ParamSpec.decimal(UNWIND_LOSS_BOUND_USD, "USD", "0", null, c.unwindLossBoundUsd().toPlainString(),
                "no unwind order is priced to lose more than this against the leg's entry"),
            ParamSpec.integer(STRATEGY_MAX_ERRORS, "count", 1, 1_000_000, 10,
                "consecutive throws of a strategy after which it is replaced by one that only exits"));
        positionSizeBase = c.positionSizeBase();
        slippageBps = c.slippageBps();
        maxQuoteAgeMs = c.maxQuoteAgeMs();
        maxSkewMs = c.maxSkewMs();
        unwindLossBoundUsd = c.unwindLossBoundUsd();
    }

    /**
     * @param name     a parameter name as given (YAML, operator, control file)
     * @param strategy the strategy it is given to
     * @return {@link #MAX_QUOTE_AGE_MS} for the deprecated {@code max_book_age_ms} (logged at WARN) unless the
     *     strategy declares a parameter of that name itself, else {@code name}
     */
    static String canonical(final String name, final Strategy strategy) {
        if (!LEGACY_MAX_BOOK_AGE_MS.equals(name)) {
            return name;
        }
        for (ParamSpec p : strategy.parameters()) {
            if (p.name().equals(name)) {
                return name;
            }
        }
        ExecutorCore.LOG.warn("{} is deprecated: it now sets {}, the one quote-age gate of the strategy's spread and "
            + "the engine's entries; use that name", LEGACY_MAX_BOOK_AGE_MS, MAX_QUOTE_AGE_MS);
        return MAX_QUOTE_AGE_MS;
    }

    /**
     * @param values   parameter values by name
     * @param strategy the strategy they are given to
     * @return {@code values} with each name {@link #canonical(String, Strategy)}; an explicit
     *     {@code max_quote_age_ms} wins over the deprecated alias
     */
    static Map<String, String> canonical(final Map<String, String> values, final Strategy strategy) {
        final Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(canonical(k, strategy), v));
        if (values.containsKey(MAX_QUOTE_AGE_MS)) { // whichever of the two names came first
            out.put(MAX_QUOTE_AGE_MS, values.get(MAX_QUOTE_AGE_MS));
        }
        return out;
    }

    /** @return the engine's parameter declarations */
    List<ParamSpec> specs() {
        return specs;
    }

    /**
     * Checks and takes the engine's values from {@code p} (all or nothing).
     *
     * @param p      the complete parameter set
     * @param sizing the two venues' common step, or null before start (the size is then checked at start)
     * @param a      leg A (its market rules, when sizing is set)
     * @param b      leg B
     * @throws InvalidParameterException if the size rounds down to zero or below a venue's minimum
     */
    void apply(final Parameters p, final HedgeSizing sizing, final Leg a, final Leg b) {
        final BigDecimal size = p.decimal(POSITION_SIZE);
        if (size.signum() <= 0) {
            throw new InvalidParameterException(POSITION_SIZE + " must be positive: " + size.toPlainString());
        }
        BigDecimal floored = null;
        long sizeA = 0;
        long sizeB = 0;
        if (sizing != null) {
            floored = sizing.floor(size);
            if (floored.signum() <= 0) {
                throw new InvalidParameterException("position size " + size.toPlainString()
                    + " is below the common step size " + sizing.commonStep().toPlainString());
            }
            sizeA = FixedPoint.fromBigDecimal(floored, a.spec.sizeScale());
            sizeB = FixedPoint.fromBigDecimal(floored, b.spec.sizeScale());
            if (sizeA < a.spec.minSize() || sizeB < b.spec.minSize()) {
                throw new InvalidParameterException("leg size " + floored.toPlainString()
                    + " is below a venue's minimum size (" + a.name + " " + a.size(a.spec.minSize()).toPlainString()
                    + ", " + b.name + " " + b.size(b.spec.minSize()).toPlainString() + ")");
            }
        }
        positionSizeBase = size;
        slippageBps = p.asDouble(SLIPPAGE_BPS);
        maxQuoteAgeMs = p.asLong(MAX_QUOTE_AGE_MS);
        maxSkewMs = p.asLong(MAX_SKEW_MS);
        unwindLossBoundUsd = p.decimal(UNWIND_LOSS_BOUND_USD);
        strategyMaxErrors = (int) p.asLong(STRATEGY_MAX_ERRORS);
        if (floored != null) {
            entrySize = floored;
            entrySizeA = sizeA;
            entrySizeB = sizeB;
        }
    }
}
