package dev.arb.sim.vest;

/**
 * A venue error of the simulated Vest REST API, answered as HTTP {@link #status} with
 * {@code {"code","msg"}} (or the shape a test chose, {@link VestSimulator.ErrorShape}).
 *
 * <p><b>Note:</b> immutable, thread-safe; thrown and caught on the simulator's event loop, without a stack trace.
 */
final class VestSimVenueError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** HTTP status of the answer. */
    final int status;
    /** Vest error code of the answer, e.g. 1130 bad parameter. */
    final int code;

    /**
     * @param status HTTP status
     * @param code   Vest error code
     * @param msg    the answer's {@code msg}
     */
    VestSimVenueError(final int status, final int code, final String msg) {
        super(msg, null, false, false);
        this.status = status;
        this.code = code;
    }
}
