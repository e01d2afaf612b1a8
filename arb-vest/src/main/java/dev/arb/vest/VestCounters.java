package dev.arb.vest;

import dev.arb.api.VenueHealth;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of one {@link VestAdapter}: what was dropped, invalidated, retried or reconnected since
 * construction, and for the ones worth a warning whether that warning was already logged (each is
 * logged once, then only counted). The adapter's public getters ({@code malformedMessages()},
 * {@code crossedBooks()}, ...) and {@link VestAdapter#health()} read them.
 *
 * <p>The {@code count...} methods of a logged-once count return {@code true} for the first event only:
 * the caller logs then. Counts are plain event counts (no units).
 *
 * <p><b>Note:</b> thread-safe (atomics); counted on the event loop (stream events) and on HTTP client
 * threads (rate-limit retries), read from any thread.
 */
final class VestCounters {
    /** A count and whether its first occurrence was already logged. */
    private static final class LoggedOnce {
        private final AtomicLong count = new AtomicLong();
        private final AtomicBoolean logged = new AtomicBoolean();

        /** @return {@code true} the first time only */
        boolean count() {
            count.incrementAndGet();
            return logged.compareAndSet(false, true);
        }

        long get() {
            return count.get();
        }
    }

    private final LoggedOnce malformed = new LoggedOnce();
    private final LoggedOnce crossed = new LoggedOnce();
    private final LoggedOnce unsorted = new LoggedOnce();
    private final LoggedOnce listenerErrors = new LoggedOnce();
    private final LoggedOnce orderListenerErrors = new LoggedOnce();
    private final AtomicLong pongs = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong rateLimitRetries = new AtomicLong();
    private final AtomicLong untrackedEvents = new AtomicLong();

    /** @return {@code true} for the first malformed market-data frame (log it) */
    boolean countMalformed() {
        return malformed.count();
    }

    /** @return market-data frames that could not be parsed */
    long malformed() {
        return malformed.get();
    }

    /** @return {@code true} for the first crossed depth snapshot (log it) */
    boolean countCrossed() {
        return crossed.count();
    }

    /** @return depth snapshots that arrived crossed */
    long crossed() {
        return crossed.get();
    }

    /** @return {@code true} for the first depth snapshot whose levels were not strictly sorted (log it) */
    boolean countUnsorted() {
        return unsorted.count();
    }

    /** @return depth snapshots rejected as unsorted */
    long unsorted() {
        return unsorted.get();
    }

    /** @return {@code true} for the first exception of a book or trade listener (log it) */
    boolean countListenerError() {
        return listenerErrors.count();
    }

    /** @return exceptions thrown by book and trade listeners */
    long listenerErrors() {
        return listenerErrors.get();
    }

    /** @return {@code true} for the first exception of an order listener (log it) */
    boolean countOrderListenerError() {
        return orderListenerErrors.count();
    }

    /** Counts a {@code {"data":"PONG"}} answer. */
    void countPong() {
        pongs.incrementAndGet();
    }

    /** @return PONG answers received */
    long pongs() {
        return pongs.get();
    }

    /** Counts an automatic reconnection of the market-data stream. */
    void countReconnect() {
        reconnects.incrementAndGet();
    }

    /** @return automatic reconnections of the market-data stream */
    long reconnects() {
        return reconnects.get();
    }

    /** Counts an order resent after a rate-limit answer. */
    void countRateLimitRetry() {
        rateLimitRetries.incrementAndGet();
    }

    /** @return orders resent after a rate-limit answer (HTTP 429 / 1003) */
    long rateLimitRetries() {
        return rateLimitRetries.get();
    }

    /** Counts an ORDER event that matched none of our orders and could not be mapped. */
    void countUntrackedEvent() {
        untrackedEvents.incrementAndGet();
    }

    /** @return reconnects, malformed frames, no sequence gaps (Vest has none), rate-limit retries */
    VenueHealth health() {
        return new VenueHealth(reconnects.get(), malformed.get(), 0, rateLimitRetries.get());
    }
}
