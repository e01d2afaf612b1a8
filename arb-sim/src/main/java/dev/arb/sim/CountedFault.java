package dev.arb.sim;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault armed for the next {@code n} occurrences (the next n orders rejected, the next n answers dropped, ...):
 * each {@link #take()} uses one up. Shared by both simulators' fault switches.
 *
 * <p><b>Note:</b> thread-safe (lock-free): a test arms it from its thread, the simulator's event loop takes.
 */
public final class CountedFault {
    private final AtomicInteger left = new AtomicInteger();

    /** @param n occurrences to fault from now on (a negative value counts as 0); replaces what was left */
    public void set(final int n) {
        left.set(Math.max(0, n));
    }

    /** @return {@code true} if this occurrence is one of the counted ones (and counts it off) */
    public boolean take() {
        while (true) {
            final int n = left.get();
            if (n <= 0) {
                return false;
            }
            if (left.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }
}
