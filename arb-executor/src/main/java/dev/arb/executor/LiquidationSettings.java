package dev.arb.executor;

import java.math.BigDecimal;

/**
 * The {@link LiquidationGuard}'s thresholds. Distances are percent of the mark price between it and the venue's
 * liquidation price ({@link dev.arb.api.MarginState#distanceToLiquidationPct()}).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param alertDistancePct  below this distance (percent) on either venue: one alert and new entries held
 *                          ({@code liquidation.alert_distance_pct}, default 20)
 * @param reduceDistancePct below this distance (percent): both legs reduced together by {@code reduceFraction}
 *                          ({@code liquidation.reduce_distance_pct}, default 10); below {@code alertDistancePct}
 * @param reduceFraction    share of the hedged position each reduction closes, in (0, 1]
 *                          ({@code liquidation.reduce_fraction}, default 0.5)
 * @param hysteresisPct     a crossing re-arms only once the distance is back above its threshold plus this many
 *                          percentage points ({@code liquidation.hysteresis_pct}, default 2)
 * @param pollIntervalMs    how often both venues' margin is read, ms ({@code liquidation.poll_interval_ms}, default 1000)
 */
public record LiquidationSettings(double alertDistancePct, double reduceDistancePct, BigDecimal reduceFraction,
    double hysteresisPct, long pollIntervalMs) {
    /** The defaults: alert at 20 %, reduce by half at 10 %, 2 points of hysteresis, read every second. */
    public static final LiquidationSettings DEFAULTS = new LiquidationSettings(20, 10, new BigDecimal("0.5"), 2, 1000);

    /**
     * Validates.
     *
     * @param alertDistancePct  alert distance, percent
     * @param reduceDistancePct reduce distance, percent
     * @param reduceFraction    share closed per reduction
     * @param hysteresisPct     re-arm margin, percentage points
     * @param pollIntervalMs    read interval, ms
     * @throws IllegalArgumentException naming the setting and its allowed range when a value is out of range
     */
    public LiquidationSettings {
        if (!(alertDistancePct > 0 && alertDistancePct <= 100)) {
            throw new IllegalArgumentException("liquidation.alert_distance_pct must be in (0, 100], got "
                + alertDistancePct);
        }
        if (!(reduceDistancePct > 0 && reduceDistancePct < alertDistancePct)) {
            throw new IllegalArgumentException("liquidation.reduce_distance_pct must be above 0 and below "
                + "liquidation.alert_distance_pct (" + alertDistancePct + "), got " + reduceDistancePct);
        }
        if (reduceFraction == null || reduceFraction.signum() <= 0 || reduceFraction.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("liquidation.reduce_fraction must be in (0, 1], got " + reduceFraction);
        }
        if (!(hysteresisPct >= 0 && hysteresisPct < 100)) {
            throw new IllegalArgumentException("liquidation.hysteresis_pct must be in [0, 100), got " + hysteresisPct);
        }
        if (pollIntervalMs <= 0) {
            throw new IllegalArgumentException("liquidation.poll_interval_ms must be positive, got " + pollIntervalMs
                + " ms");
        }
    }
}
