package dev.arb.api;

/**
 * Where the engine reads time: {@link #SYSTEM} live, a virtual clock in a backtest (the captures' time),
 * so that quote-age gates, latencies, PnL funding accrual and strategy clocks run on the same code live
 * and in replay.
 *
 * <p><b>Note:</b> implementations are thread-safe or confined to the engine's thread, as documented by
 * each; {@link #SYSTEM} is thread-safe.
 */
public interface TimeSource {
    /** The JVM's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };

    /** @return a monotonic reading in ns (only differences are meaningful), like {@link System#nanoTime()} */
    long nanoTime();

    /** @return wall-clock time, ms since the epoch, like {@link System#currentTimeMillis()} */
    long currentTimeMillis();

    /**
     * Runs {@code task} once, {@code delayNanos} from now on this clock: live on a shared daemon timer thread,
     * in a backtest on the virtual clock's scheduler. The task should hand real work to the engine's thread.
     *
     * @param delayNanos how long from now, ns (≥ 0)
     * @param task       what to run
     * @return a handle that cancels the task if it has not run yet
     */
    default Cancellable schedule(final long delayNanos, final Runnable task) {
        return SystemTimer.schedule(delayNanos, task);
    }

    /**
     * A scheduled task that can still be cancelled.
     *
     * <p><b>Note:</b> thread-safe.
     */
    interface Cancellable {
        /** Cancels the task if it has not run yet; idempotent. */
        void cancel();
    }
}
