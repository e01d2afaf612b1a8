package dev.arb.api;

/**
 * An order failed client-side validation before anything was sent: size below the step or minimum, price off the tick, notional below the venue's minimum, unknown market.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public class InvalidOrderException extends ExchangeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     * @param cause     underlying cause, or null
     */
    public InvalidOrderException(final String venue, final String venueCode, final String message, final Throwable cause) {
        super(venue, venueCode, message, cause);
    }

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     */
    public InvalidOrderException(final String venue, final String venueCode, final String message) {
        super(venue, venueCode, message, null);
    }
}
