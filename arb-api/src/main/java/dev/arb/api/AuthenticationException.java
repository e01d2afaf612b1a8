package dev.arb.api;

/**
 * Credentials were refused: bad signature, unknown API key, expired or invalid JWT, account not onboarded.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public class AuthenticationException extends ExchangeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     * @param cause     underlying cause, or null
     */
    public AuthenticationException(final String venue, final String venueCode, final String message, final Throwable cause) {
        super(venue, venueCode, message, cause);
    }

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     */
    public AuthenticationException(final String venue, final String venueCode, final String message) {
        super(venue, venueCode, message, null);
    }
}
