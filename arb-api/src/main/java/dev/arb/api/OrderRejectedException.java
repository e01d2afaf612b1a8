package dev.arb.api;

/**
 * The venue refused an order or cancel (HTTP 4xx with an error body, an error in a 200 body, or an asynchronous REJECTED event); {@link #venueCode()} is the venue's code. Nothing was filled by the refused request.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public class OrderRejectedException extends ExchangeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     * @param cause     underlying cause, or null
     */
    public OrderRejectedException(final String venue, final String venueCode, final String message, final Throwable cause) {
        super(venue, venueCode, message, cause);
    }

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     */
    public OrderRejectedException(final String venue, final String venueCode, final String message) {
        super(venue, venueCode, message, null);
    }
}
