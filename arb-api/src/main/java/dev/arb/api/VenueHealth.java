package dev.arb.api;

/**
 * Counters of a venue connection's health since the adapter was made, for the operator plane: WebSocket
 * reconnects, market-data messages that could not be decoded, sequence gaps (books resynchronised), and
 * requests refused or delayed by a rate limit (the venue's or our own client-side one). A value of -1
 * means the adapter does not count it.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param reconnects   WebSocket reconnects (scheduled after an unexpected close)
 * @param decodeErrors market-data messages or frames that could not be decoded
 * @param sequenceGaps book sequence gaps (each invalidates a book until the next snapshot)
 * @param rateLimited  requests refused or retried because of a rate limit
 */
public record VenueHealth(long reconnects, long decodeErrors, long sequenceGaps, long rateLimited) {
    /** Nothing counted. */
    public static final VenueHealth UNKNOWN = new VenueHealth(-1, -1, -1, -1);
}
