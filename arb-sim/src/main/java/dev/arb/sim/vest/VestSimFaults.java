package dev.arb.sim.vest;

import dev.arb.sim.CountedFault;
import java.math.BigDecimal;

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
    final CountedFault rejectSync = new CountedFault();
    volatile int rejectSyncCode;
    final CountedFault rejectAsync = new CountedFault();
    volatile int rejectAsyncCode;
    final CountedFault forcedStatus = new CountedFault();
    volatile int forcedStatusCode;
    final CountedFault limitFills = new CountedFault();
    volatile BigDecimal maxFillBase;
    final CountedFault dropResponses = new CountedFault();
    volatile long responseDelayMs;
    volatile boolean ignorePing;
    volatile long orderEventDelayMs;
    volatile boolean ackIdOnly;
}
