package dev.arb.api;

/**
 * The venue or the client-side limiter refused a request for rate (HTTP 429, Vest code 1003,
 * Paradex 42901). Nothing was executed; retry after {@link #retryAfterMs()}.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public class RateLimitedException extends ExchangeException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterMs;

    /**
     * @param venue        venue name
     * @param venueCode    the venue's error code, or null
     * @param message      description
     * @param retryAfterMs suggested wait in ms before retrying (0 if unknown)
     */
    public RateLimitedException(final String venue, final String venueCode, final String message, final long retryAfterMs) {
        super(venue, venueCode, message, null);
        this.retryAfterMs = retryAfterMs;
    }

    /** @return suggested wait before retrying, ms (0 if unknown) */
    public long retryAfterMs() {
        return retryAfterMs;
    }
}
