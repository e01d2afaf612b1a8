package dev.arb.executor;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits enforced by a {@link RiskGuard}: position per market (base units and USD notional), total
 * notional across venues, daily loss (realized + unrealized, USD, the day starting at a UTC hour),
 * consecutive order errors and the cooldown after a trip.
 *
 * <p>A zero limit means "no limit" for the position and notional limits.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param maxPositionBase         largest absolute position per market and venue, base units (0 = none)
 * @param maxPositionUsd          largest notional per market and venue, USD (0 = none)
 * @param maxTotalNotionalUsd     largest sum of every leg's notional across bots and venues, USD (0 = none)
 * @param maxDailyLossUsd         loss (positive number) at which trading halts until the next day, USD (0 = none)
 * @param dailyResetHourUtc       hour (0..23, UTC) at which the daily loss resets
 * @param maxConsecutiveErrors    order errors in a row that open the breaker (≥ 1)
 * @param cooldown                how long the breaker stays open before a half-open trial
 */
public record RiskLimits(BigDecimal maxPositionBase, BigDecimal maxPositionUsd, BigDecimal maxTotalNotionalUsd,
    BigDecimal maxDailyLossUsd, int dailyResetHourUtc, int maxConsecutiveErrors, Duration cooldown) {
    /** @throws IllegalArgumentException if a limit is negative, the hour not 0..23 or errors below 1 */
    public RiskLimits {
        maxPositionBase = nonNegative(maxPositionBase, "maxPositionBase");
        maxPositionUsd = nonNegative(maxPositionUsd, "maxPositionUsd");
        maxTotalNotionalUsd = nonNegative(maxTotalNotionalUsd, "maxTotalNotionalUsd");
        maxDailyLossUsd = nonNegative(maxDailyLossUsd, "maxDailyLossUsd");
        if (dailyResetHourUtc < 0 || dailyResetHourUtc > 23) {
            throw new IllegalArgumentException("dailyResetHourUtc must be 0..23: " + dailyResetHourUtc);
        }
        if (maxConsecutiveErrors < 1) {
            throw new IllegalArgumentException("maxConsecutiveErrors must be ≥ 1: " + maxConsecutiveErrors);
        }
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative() || cooldown.isZero()) {
            throw new IllegalArgumentException("cooldown must be positive");
        }
    }

    /**
     * @param maxConsecutiveErrors errors in a row that open the breaker
     * @return no position, notional or loss limits; 60 s cooldown; day starts 00:00 UTC
     */
    public static RiskLimits errorsOnly(final int maxConsecutiveErrors) {
        return new RiskLimits(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0,
            maxConsecutiveErrors, Duration.ofSeconds(60));
    }

    private static BigDecimal nonNegative(final BigDecimal v, final String name) {
        final BigDecimal x = v == null ? BigDecimal.ZERO : v;
        if (x.signum() < 0) {
            throw new IllegalArgumentException(name + " must be ≥ 0: " + x.toPlainString());
        }
        return x;
    }
}
