package dev.arb.sim.process;

import dev.arb.sim.vest.VestSimulator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Steps the Vest simulator at a fixed offered rate, on the calling thread: for each tick it waits for the
 * tick's planned time (park, then spin the last 50 µs), publishes the planned time on the {@link TickBoard},
 * then {@link VestSimulator#advance()} writes the depth frame. A late tick keeps its planned time (no
 * coordinated omission: the harness measures from when the tick should have gone out).
 *
 * <p><b>Note:</b> not thread-safe; one run at a time on one thread.
 */
final class TickPacer {
    private static final long SPIN_NS = 50_000;

    private final VestSimulator vest;
    private final TickBoard board;

    /**
     * @param vest  a Vest simulator with manual stepping
     * @param board where planned times are published
     */
    TickPacer(final VestSimulator vest, final TickBoard board) {
        this.vest = vest;
        this.board = board;
    }

    /**
     * Runs {@code ticks} ticks at {@code ratePerSecond}, the first 20 ms from now.
     *
     * @param ratePerSecond ticks per second (≥ 1)
     * @param ticks         number of ticks
     * @return the latest a tick's frame left after its planned time, ns
     */
    long run(final int ratePerSecond, final int ticks) {
        final long periodNs = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long maxLateNs = 0;
        for (int i = 0; i < ticks; i++) {
            final long planned = start + i * periodNs;
            long wait;
            while ((wait = planned - System.nanoTime()) > 0) {
                if (wait > 2 * SPIN_NS) {
                    LockSupport.parkNanos(wait - SPIN_NS);
                } else {
                    Thread.onSpinWait();
                }
            }
            board.publish(planned);
            final long sent = vest.advance();
            maxLateNs = Math.max(maxLateNs, sent - planned);
        }
        return maxLateNs;
    }
}
