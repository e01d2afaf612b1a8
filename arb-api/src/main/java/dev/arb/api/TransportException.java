package dev.arb.api;

/**
 * The request or connection failed before a venue answer was read (connect refused, reset, HTTP 5xx). For an order this means the outcome is unknown: look the order up by client order id before sending again.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public class TransportException extends ExchangeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     * @param cause     underlying cause, or null
     */
    public TransportException(final String venue, final String venueCode, final String message, final Throwable cause) {
        super(venue, venueCode, message, cause);
    }

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     */
    public TransportException(final String venue, final String venueCode, final String message) {
        super(venue, venueCode, message, null);
    }
}
