package dev.arb.sim.paradex;

import dev.arb.sim.CountedFault;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault switches of the simulated Paradex and what it counts, as its REST and WebSocket handlers consult them:
 * injected HTTP statuses (429 → JSON-RPC 42901 on the WebSocket), order rejections with a venue error code, dropped
 * order answers (a lost acknowledgement), a delay on every answer, the {@code GET /system/state} answer; requests
 * per method and path (WebSocket RPCs as method {@code "WS"}) and WebSocket pongs.
 *
 * <p><b>Note:</b> thread-safe (atomics and volatile fields): the switches are set from any thread and taken on the
 * simulator's event loop.
 */
final class SimFaults {
    private final AtomicInteger injectedStatus = new AtomicInteger();
    private final CountedFault injectedTimes = new CountedFault();
    private final CountedFault rejectTimes = new CountedFault();
    private final CountedFault dropOrderResponses = new CountedFault();
    private final AtomicLong pongs = new AtomicLong();
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private volatile long responseDelayMs;
    private volatile String rejectCode;
    private volatile String systemState = "ok";

    /**
     * @param n         the next {@code n} order placements are refused
     * @param errorCode with this venue error code
     */
    void rejectNextOrders(final int n, final String errorCode) {
        rejectCode = Objects.requireNonNull(errorCode);
        rejectTimes.set(n);
    }

    /**
     * @param httpStatus the next {@code times} requests are answered with this status
     * @param times      number of requests
     */
    void respondWithStatus(final int httpStatus, final int times) {
        injectedStatus.set(httpStatus);
        injectedTimes.set(times);
    }

    /** @param n the next {@code n} order placements are executed but not answered */
    void dropNextOrderResponses(final int n) {
        dropOrderResponses.set(n);
    }

    /** @param ms delay of every answer, ms (negative counts as 0) */
    void delayResponses(final long ms) {
        responseDelayMs = Math.max(0, ms);
    }

    /** @return the delay of every answer, ms */
    long responseDelayMs() {
        return responseDelayMs;
    }

    /** @param state what {@code GET /v1/system/state} reports */
    void systemState(final String state) {
        systemState = Objects.requireNonNull(state);
    }

    /** @return what {@code GET /v1/system/state} reports */
    String systemState() {
        return systemState;
    }

    /** @return the injected status for this request, or 0 if none is left */
    int takeInjectedStatus() {
        return injectedTimes.take() ? injectedStatus.get() : 0;
    }

    /** @return the injected rejection code for this order, or null if none is left */
    String takeOrderRejection() {
        return rejectTimes.take() ? rejectCode : null;
    }

    /** @return {@code true} if this order's answer is to be dropped */
    boolean takeDroppedOrderResponse() {
        return dropOrderResponses.take();
    }

    /**
     * @param method HTTP method, or {@code "WS"} for a WebSocket RPC
     * @param path   the path without the query, or the RPC method
     */
    void countRequest(final String method, final String path) {
        requestCounts.computeIfAbsent(method + ' ' + path, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * @param method HTTP method, or {@code "WS"}
     * @param path   the path without the query, or the RPC method
     * @return how many such requests arrived
     */
    int requestCount(final String method, final String path) {
        final AtomicInteger n = requestCounts.get(method + ' ' + path);
        return n == null ? 0 : n.get();
    }

    /** Counts a WebSocket pong. */
    void pongReceived() {
        pongs.incrementAndGet();
    }

    /** @return WebSocket pongs received */
    long pongs() {
        return pongs.get();
    }
}
