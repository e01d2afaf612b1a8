package dev.arb.api;

/**
 * A message from the venue could not be parsed (bad JSON, missing field, inexact decimal). On a stream it is counted and logged once and the connection stays up.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public class MalformedMessageException extends ExchangeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     * @param cause     underlying cause, or null
     */
    public MalformedMessageException(final String venue, final String venueCode, final String message, final Throwable cause) {
        super(venue, venueCode, message, cause);
    }

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     */
    public MalformedMessageException(final String venue, final String venueCode, final String message) {
        super(venue, venueCode, message, null);
    }
}
