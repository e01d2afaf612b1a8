package dev.arb.api;

/**
 * No answer within the configured timeout. For an order the outcome is unknown: look it up by client order id before sending again.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public class ExchangeTimeoutException extends ExchangeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     * @param cause     underlying cause, or null
     */
    public ExchangeTimeoutException(final String venue, final String venueCode, final String message, final Throwable cause) {
        super(venue, venueCode, message, cause);
    }

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     */
    public ExchangeTimeoutException(final String venue, final String venueCode, final String message) {
        super(venue, venueCode, message, null);
    }
}
