package dev.arb.executor;

import java.util.Map;

/**
 * What the {@link LiquidationGuard} last saw, for the run summary and the operator plane.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param distancePctByVenue each venue's last distance to liquidation, percent ({@code +∞} flat, NaN unknown)
 * @param closestVenue       the venue closest to liquidation, or null when none is known
 * @param minDistancePct     its distance, percent ({@code +∞} when all flat, NaN when unknown)
 * @param lowestSeenPct      the smallest distance seen since the start, percent ({@code +∞} if never in a position)
 * @param alerted            {@code true} while within the alert distance (entries held)
 * @param alerts             alert-distance crossings so far
 * @param reductions         reductions of both legs started so far
 * @param readFailures       margin reads that failed so far
 */
public record LiquidationStatus(Map<String, Double> distancePctByVenue, String closestVenue, double minDistancePct,
    double lowestSeenPct, boolean alerted, long alerts, long reductions, long readFailures) {
    /** Copies the map. */
    public LiquidationStatus {
        distancePctByVenue = Map.copyOf(distancePctByVenue);
    }

    /** @return one line for a person, e.g. {@code closest paradex 14.2 % (lowest 9.8 %), 1 alert, 1 reduction} */
    public String describe() {
        if (closestVenue == null) {
            return Double.isInfinite(minDistancePct) ? "no open position" : "margin unknown";
        }
        return String.format(java.util.Locale.ROOT, "closest %s %s (lowest %s), %d alert%s, %d reduction%s%s",
            closestVenue, pct(minDistancePct), pct(lowestSeenPct), alerts, alerts == 1 ? "" : "s", reductions,
            reductions == 1 ? "" : "s", readFailures > 0 ? ", " + readFailures + " failed reads" : "");
    }

    private static String pct(final double d) {
        return Double.isInfinite(d) ? "flat" : Double.isNaN(d) ? "unknown" : String.format(java.util.Locale.ROOT,
            "%.1f %%", d);
    }
}
