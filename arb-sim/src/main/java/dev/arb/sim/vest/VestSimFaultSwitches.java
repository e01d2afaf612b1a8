package dev.arb.sim.vest;

import dev.arb.sim.vest.VestSimulator.ErrorShape;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The public fault switches of {@link VestSimulator}, which inherits them (the class exists only to keep the
 * facade small, as {@code AbstractStringBuilder} does for {@code StringBuilder}): each sets the
 * {@link VestSimFaults} the REST handler, the order desk and the streams read.
 *
 * <p><b>Note:</b> thread-safe: the switches are atomics and volatiles, set from any thread.
 */
abstract class VestSimFaultSwitches {
    private final VestSimFaults faults;

    /** @param faults the switches' state, read on the simulator's event loop */
    VestSimFaultSwitches(final VestSimFaults faults) {
        this.faults = faults;
    }

    /**
     * Makes the next {@code n} {@code POST /orders} fail synchronously with {@code code} (HTTP 400, or
     * per {@link #errorShape(ErrorShape)}); nothing executes.
     *
     * @param n    number of orders to reject
     * @param code Vest error code, e.g. 3001
     */
    public void rejectNextOrders(final int n, final int code) {
        faults.rejectSyncCode = code;
        faults.rejectSync.set(n);
    }

    /**
     * Makes the next {@code n} {@code POST /orders} be acknowledged ({@code status NEW}) and then
     * rejected asynchronously: a {@code REJECTED} ORDER event with {@code code} on the private stream,
     * and {@code GET /orders} reports {@code REJECTED} with the code. Nothing executes.
     *
     * @param n    number of orders
     * @param code Vest error code, e.g. 3010 OI_CAP_EXCEEDED
     */
    public void rejectAsyncNext(final int n, final int code) {
        faults.rejectAsyncCode = code;
        faults.rejectAsync.set(n);
    }

    /**
     * Makes the next {@code times} REST requests (any endpoint) answer with {@code httpStatus}
     * (429 carries code 1003, others the status as code); nothing executes.
     *
     * @param httpStatus HTTP status, e.g. 429 or 503
     * @param times      number of requests
     */
    public void respondWithStatus(final int httpStatus, final int times) {
        faults.forcedStatusCode = httpStatus;
        faults.forcedStatus.set(times);
    }

    /**
     * @param shape body shape of every later error answer (default {@link ErrorShape#CODE_MSG})
     */
    public void errorShape(final ErrorShape shape) {
        faults.errorShape = Objects.requireNonNull(shape);
    }

    /**
     * Caps the fill of the next {@code n} orders at {@code maxFillBase} base units (the rest is
     * cancelled): partial fills on demand.
     *
     * @param n           number of orders
     * @param maxFillBase largest fill, base units (0 = nothing fills)
     */
    public void limitNextFills(final int n, final BigDecimal maxFillBase) {
        faults.maxFillBase = Objects.requireNonNull(maxFillBase);
        faults.limitFills.set(n);
    }

    /**
     * Makes the next {@code n} {@code POST /orders} or {@code POST /orders/cancel} execute and then
     * close the connection without answering: a lost acknowledgement.
     *
     * @param n number of requests
     */
    public void dropNextResponses(final int n) {
        faults.dropResponses.set(n);
    }

    /**
     * Delays every REST answer by {@code ms} (the request executes on arrival); 0 turns it off.
     *
     * @param ms delay, ms
     */
    public void delayResponses(final long ms) {
        faults.responseDelayMs = Math.max(0, ms);
    }

    /**
     * Delays every private-stream ORDER event by {@code ms}; 0 turns it off.
     *
     * @param ms delay, ms
     */
    public void delayOrderEvents(final long ms) {
        faults.orderEventDelayMs = Math.max(0, ms);
    }

    /**
     * @param silent {@code true}: JSON {@code PING}s are counted but not answered (a dead link as the
     *               client sees it)
     */
    public void stopAnsweringPing(final boolean silent) {
        faults.ignorePing = silent;
    }

    /**
     * @param idOnly {@code true}: {@code POST /orders} answers only {@code {"id":…}} as the docs show,
     *               so fills are known only from the private stream or {@code GET /orders}
     */
    public void ackIdOnly(final boolean idOnly) {
        faults.ackIdOnly = idOnly;
    }
}
