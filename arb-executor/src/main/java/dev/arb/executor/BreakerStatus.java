package dev.arb.executor;

/**
 * The trading circuit breaker as the run summary shows it.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param state      {@code CLOSED} (trading), {@code OPEN} (cooling down after errors), {@code HALF_OPEN}
 *                   (one trial entry allowed), {@code HALTED} (manual halt or daily loss: stays until
 *                   resumed or the next trading day)
 * @param trips      times it opened or halted
 * @param lastReason reason of the last trip, or null
 * @param dailyPnlUsd realized + unrealized PnL of the current trading day, USD
 * @param haltedBy   who halted when {@code HALTED}: {@code operator} ({@link RiskGuard#halt}) or {@code risk}
 *                   (the daily loss limit); null otherwise
 */
public record BreakerStatus(String state, long trips, String lastReason, java.math.BigDecimal dailyPnlUsd,
    String haltedBy) {
}
