package dev.arb.sim.vest;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's record of the REST requests it received, per {@code "METHOD path"}: how many (exact, for the
 * simulator's life) and the arrival times of the latest ones (at most the simulator's history limit, so that a
 * days-long run holds a bounded number).
 *
 * <p><b>Note:</b> thread-safe: each endpoint's record synchronises on itself.
 */
final class VestRequestLog {
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile int limit = Integer.MAX_VALUE;

    /** One endpoint's count and latest arrival times (ms since the epoch, oldest first). */
    private static final class Endpoint {
        long count;
        final ArrayDeque<Long> arrivals = new ArrayDeque<>();
    }

    /** @param n arrival times kept per endpoint, ≥ 1 */
    void limit(final int n) {
        limit = n;
    }

    void record(final String method, final String path, final long nowMs) {
        final Endpoint e = endpoints.computeIfAbsent(method + ' ' + path, k -> new Endpoint());
        synchronized (e) {
            e.count++;
            e.arrivals.addLast(nowMs);
            while (e.arrivals.size() > limit) {
                e.arrivals.pollFirst();
            }
        }
    }

    int count(final String method, final String path) {
        final Endpoint e = endpoints.get(method + ' ' + path);
        if (e == null) {
            return 0;
        }
        synchronized (e) {
            return (int) Math.min(Integer.MAX_VALUE, e.count);
        }
    }

    List<Long> arrivalsMs(final String method, final String path) {
        final Endpoint e = endpoints.get(method + ' ' + path);
        if (e == null) {
            return List.of();
        }
        synchronized (e) {
            return List.copyOf(e.arrivals);
        }
    }
}
