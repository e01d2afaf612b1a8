package dev.arb.api;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The system clock's scheduler for {@link TimeSource#schedule}: one shared daemon thread,
 * {@code arb-timer}, started on first use.
 *
 * <p><b>Note:</b> thread-safe.
 */
final class SystemTimer {
    private static final class Holder {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "arb-timer");
            t.setDaemon(true);
            return t;
        });
    }

    private SystemTimer() {
    }

    static TimeSource.Cancellable schedule(final long delayNanos, final Runnable task) {
        final ScheduledFuture<?> f = Holder.TIMER.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
