package dev.arb.sim.chaos;

/**
 * The faults a {@link ChaosProxy} injects, as counted by {@link ChaosProxy#injected(ChaosFault)}.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum ChaosFault {
    /** Every chunk is delayed by a fixed latency plus a random jitter (order is kept). */
    LATENCY,
    /** Throughput is capped (bytes per second, each direction of each connection). */
    BANDWIDTH,
    /** Nothing is forwarded either way; the sockets stay open and silent until the stall ends. */
    STALL,
    /** The proxy sends FIN to the client (its half of the connection closes) and keeps reading. */
    HALF_CLOSE,
    /** The next chunk from the server is cut in half: the first half is delivered, then a TCP RST. */
    RESET_MID_FRAME,
    /** Every byte from the server is written and flushed on its own (frames split at every boundary). */
    TINY_WRITES,
    /** Every connection is reset and new ones are refused for a while, as when a venue restarts. */
    RESTART
}
