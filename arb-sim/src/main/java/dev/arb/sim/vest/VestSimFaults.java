package dev.arb.sim.vest;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault switches a test flips on a {@link VestSimulator}: counted one-shot faults ("the next n
 * orders …") and persistent ones (delays, silence). Set from any thread, read on the simulator's
 * event loop.
 *
 * <p><b>Note:</b> thread-safe (atomics and volatiles).
 */
final class VestSimFaults {
    /** Body shape of error answers. */
    volatile VestSimulator.ErrorShape errorShape = VestSimulator.ErrorShape.CODE_MSG;
    final Counted rejectSync = new Counted();
    volatile int rejectSyncCode;
    final Counted rejectAsync = new Counted();
    volatile int rejectAsyncCode;
    final Counted forcedStatus = new Counted();
    volatile int forcedStatusCode;
    final Counted limitFills = new Counted();
    volatile BigDecimal maxFillBase;
    final Counted dropResponses = new Counted();
    volatile long responseDelayMs;
    volatile boolean ignorePing;
    volatile long orderEventDelayMs;
    volatile boolean ackIdOnly;

    /** A countdown of "the next n" occurrences. */
    static final class Counted {
        private final AtomicInteger left = new AtomicInteger();

        void set(final int n) {
            left.set(Math.max(0, n));
        }

        /** @return {@code true} if this occurrence is one of the counted ones (and counts it) */
        boolean take() {
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
}
