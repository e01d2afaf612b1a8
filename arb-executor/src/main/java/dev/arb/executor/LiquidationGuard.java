package dev.arb.executor;

import dev.arb.api.MarginState;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.alert.AlertSink;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a delta-neutral pair away from liquidation. Each venue margins its leg on its own, so the pair can be
 * liquidated on one venue while the other leg profits; this guard is fed both venues' {@link MarginState}s
 * ({@link #onMargin}, usually by a {@link MarginPoller}) and acts on the smaller distance to liquidation:
 *
 * <ul>
 *   <li>below {@link LiquidationSettings#alertDistancePct()}: one {@link AlertKind#LIQUIDATION_RISK} alert per
 *       crossing and new entries held ({@link Target#holdEntries}); released, with a second alert, once the distance
 *       is back above the threshold plus {@link LiquidationSettings#hysteresisPct()};</li>
 *   <li>below {@link LiquidationSettings#reduceDistancePct()}: one critical {@link AlertKind#LIQUIDATION_REDUCE}
 *       alert per crossing, and BOTH legs reduced together by {@link LiquidationSettings#reduceFraction()} through
 *       {@link Target#reduce} (one exit round on the engine's order path; never one leg alone). While still below
 *       after a reduction, another one follows once every venue has reported its margin again (never two at once,
 *       never on a margin read from before the last reduction ended).</li>
 * </ul>
 *
 * <p>Unknown margin (a venue that cannot report it, or a failed read) is ignored: the guard acts on what it knows.
 *
 * <p><b>Note:</b> thread-safe (every method synchronises on the guard); {@link #onMargin} never blocks: the
 * reduction runs asynchronously.
 */
public final class LiquidationGuard {
    private static final Logger LOG = LoggerFactory.getLogger(LiquidationGuard.class);

    /** What the guard acts on: the executor of the pair ({@link #of(DeltaNeutralExecutor)}). */
    public interface Target {
        /**
         * Reduces both legs together.
         *
         * @param fraction share of the hedged position to close, in (0, 1]
         * @return completes when the round finished (or was not sent, with why)
         */
        CompletableFuture<RoundResult> reduce(BigDecimal fraction);

        /** @param hold {@code true} holds new entries, {@code false} releases the hold */
        void holdEntries(boolean hold);

        /**
         * @param executor the pair's executor
         * @return a target reducing through {@link DeltaNeutralExecutor#reduce} and holding entries through
         *     {@link DeltaNeutralExecutor#holdEntriesForMargin}
         */
        static Target of(final DeltaNeutralExecutor executor) {
            Objects.requireNonNull(executor, "executor");
            return new Target() {
                @Override
                public CompletableFuture<RoundResult> reduce(final BigDecimal fraction) {
                    return executor.reduce(fraction);
                }

                @Override
                public void holdEntries(final boolean hold) {
                    executor.holdEntriesForMargin(hold);
                }
            };
        }
    }

    private final LiquidationSettings settings;
    private final Target target;
    private final AlertSink alerts;
    private final String source;
    private final Map<String, MarginState> latest = new LinkedHashMap<>();
    private final Set<String> reportedSinceReduction = new HashSet<>();
    private boolean alerted;
    private boolean reduceCrossed;
    private boolean reducing;
    private long alertCount;
    private long reductions;
    private long readFailures;
    private double lowestSeen = Double.POSITIVE_INFINITY;

    /**
     * @param settings thresholds
     * @param target   the pair's executor (or a test double)
     * @param alerts   where the alerts go (must not block)
     * @param source   who raises the alerts (the bot id)
     * @throws NullPointerException if an argument is null
     */
    public LiquidationGuard(final LiquidationSettings settings, final Target target, final AlertSink alerts,
        final String source) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.target = Objects.requireNonNull(target, "target");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** @return the thresholds */
    public LiquidationSettings settings() {
        return settings;
    }

    /**
     * Takes a venue's latest margin and acts on the closest distance to liquidation of all venues.
     *
     * @param state the venue's margin (unknown states are recorded and otherwise ignored)
     */
    public synchronized void onMargin(final MarginState state) {
        latest.put(state.venue(), state);
        if (!state.isKnown() && !state.hasPosition()) {
            return;
        }
        reportedSinceReduction.add(state.venue());
        String closest = null;
        double min = Double.NaN;
        for (final MarginState s : latest.values()) {
            final double d = s.distanceToLiquidationPct();
            if (!Double.isNaN(d) && (Double.isNaN(min) || d < min)) {
                min = d;
                closest = s.venue();
            }
        }
        if (Double.isNaN(min)) {
            return;
        }
        lowestSeen = Math.min(lowestSeen, min);
        if (!alerted && min < settings.alertDistancePct()) {
            alerted = true;
            alertCount++;
            target.holdEntries(true);
            raise(AlertKind.LIQUIDATION_RISK, false, String.format(Locale.ROOT,
                "%s margin %.1f %% from liquidation (alert below %s %%): new entries held", closest, min,
                plain(settings.alertDistancePct())));
        } else if (alerted && min >= settings.alertDistancePct() + settings.hysteresisPct()) {
            alerted = false;
            target.holdEntries(false);
            raise(AlertKind.LIQUIDATION_RISK, false, String.format(Locale.ROOT,
                "margin back to %.1f %% from liquidation (%s closest): entries resume", min, closest));
        }
        if (min < settings.reduceDistancePct()) {
            if (!reduceCrossed) {
                reduceCrossed = true;
                raise(AlertKind.LIQUIDATION_REDUCE, true, String.format(Locale.ROOT,
                    "%s margin %.1f %% from liquidation (reduce below %s %%): reducing both legs by %s %%", closest,
                    min, plain(settings.reduceDistancePct()),
                    settings.reduceFraction().movePointRight(2).stripTrailingZeros().toPlainString()));
            }
            if (!reducing && reportedSinceReduction.containsAll(venuesWithPositions())) {
                startReduction();
            }
        } else if (reduceCrossed && min >= settings.reduceDistancePct() + settings.hysteresisPct()) {
            reduceCrossed = false;
        }
    }

    /** Counts a margin read that failed (for the status); the guard keeps the venue's last known state. */
    public synchronized void onReadFailure() {
        readFailures++;
    }

    private Set<String> venuesWithPositions() {
        final Set<String> out = new HashSet<>();
        for (final MarginState s : latest.values()) {
            if (s.hasPosition()) {
                out.add(s.venue());
            }
        }
        return out;
    }

    private void startReduction() {
        reducing = true;
        reductions++;
        reportedSinceReduction.clear();
        final CompletableFuture<RoundResult> f;
        try {
            f = target.reduce(settings.reduceFraction());
        } catch (RuntimeException e) {
            reducing = false;
            LOG.error("liquidation guard: the reduction could not start: {}", e.toString());
            LOG.debug("reduction failure", e);
            return;
        }
        f.whenComplete((r, e) -> reductionDone(r, e));
    }

    private synchronized void reductionDone(final RoundResult result, final Throwable error) {
        reducing = false;
        reportedSinceReduction.clear();
        if (error != null) {
            LOG.error("liquidation guard: reducing both legs failed: {}", error.toString());
            LOG.debug("reduction failure", error);
        } else if (result != RoundResult.DONE) {
            LOG.warn("liquidation guard: reduction not sent ({}); retried on the next margin reads", result);
        } else {
            LOG.warn("liquidation guard: both legs reduced by {}", settings.reduceFraction().toPlainString());
        }
    }

    private void raise(final AlertKind kind, final boolean critical, final String message) {
        try {
            alerts.alert(Alert.of(kind, critical, source, message));
        } catch (RuntimeException e) {
            LOG.warn("alert sink threw: {}", e.toString());
        }
    }

    private static String plain(final double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** @return what the guard last saw, and its counters */
    public synchronized LiquidationStatus status() {
        final Map<String, Double> byVenue = new LinkedHashMap<>();
        String closest = null;
        double min = Double.NaN;
        boolean anyKnown = false;
        for (final MarginState s : latest.values()) {
            final double d = s.distanceToLiquidationPct();
            byVenue.put(s.venue(), d);
            if (!Double.isNaN(d)) {
                anyKnown = true;
                if (!Double.isInfinite(d) && (closest == null || d < min)) {
                    min = d;
                    closest = s.venue();
                }
            }
        }
        if (closest == null) {
            min = anyKnown ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return new LiquidationStatus(byVenue, closest, min, lowestSeen, alerted, alertCount, reductions, readFailures);
    }
}
