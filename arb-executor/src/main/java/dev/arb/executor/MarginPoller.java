package dev.arb.executor;

import dev.arb.api.ExchangeAdapter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every venue's {@link ExchangeAdapter#marginState()} each {@link LiquidationSettings#pollIntervalMs()} and
 * hands it to a {@link LiquidationGuard}. A failed read is counted ({@link LiquidationGuard#onReadFailure()}) and
 * logged once per venue as one line (the trace at DEBUG); the guard keeps the venue's last known state.
 *
 * <p><b>Note:</b> thread-safe; the reads run on the given scheduler, the answers on the adapters' threads.
 */
public final class MarginPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarginPoller.class);

    private final LiquidationGuard guard;
    private final List<ExchangeAdapter> venues;
    private final ScheduledFuture<?> task;
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Starts polling now.
     *
     * @param guard     the guard fed
     * @param venues    the pair's adapters (connected)
     * @param scheduler runs the reads (not the adapters' event loop: a read only starts a request)
     * @throws NullPointerException if an argument is null
     */
    public MarginPoller(final LiquidationGuard guard, final List<ExchangeAdapter> venues,
        final ScheduledExecutorService scheduler) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.venues = List.copyOf(venues);
        final long every = guard.settings().pollIntervalMs();
        this.task = scheduler.scheduleWithFixedDelay(this::pollOnce, 0, every, TimeUnit.MILLISECONDS);
    }

    private void pollOnce() {
        for (final ExchangeAdapter venue : venues) {
            try {
                venue.marginState().whenComplete((s, e) -> {
                    if (e == null) {
                        guard.onMargin(s);
                    } else {
                        failed(venue, e);
                    }
                });
            } catch (RuntimeException e) {
                failed(venue, e);
            }
        }
    }

    private void failed(final ExchangeAdapter venue, final Throwable e) {
        guard.onReadFailure();
        final Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause() : e;
        if (warned.add(venue.venue())) {
            LOG.warn("liquidation guard: cannot read {} margin ({}); keeping its last known state (logged once)",
                venue.venue(), cause.getMessage());
        }
        LOG.debug("{} margin read failed", venue.venue(), cause);
    }

    /** Stops polling (reads in flight still reach the guard). */
    @Override
    public void close() {
        task.cancel(false);
    }
}
