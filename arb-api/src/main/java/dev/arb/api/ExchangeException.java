package dev.arb.api;

/**
 * Base of every error an adapter reports. Carries the venue name and, when the venue gave one, its
 * error code (Vest {@code code} such as {@code "3001"}, Paradex {@code error} such as
 * {@code "INVALID_ORDER_SIZE"}).
 *
 * <p>Messages never contain secrets (keys, JWTs, API keys).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public class ExchangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String venue;
    private final String venueCode;

    /**
     * @param venue     venue name
     * @param venueCode the venue's error code, or null
     * @param message   description (no secrets)
     * @param cause     underlying cause, or null
     */
    public ExchangeException(final String venue, final String venueCode, final String message, final Throwable cause) {
        super(venue + (venueCode != null ? " [" + venueCode + "] " : ": ") + message, cause);
        this.venue = venue;
        this.venueCode = venueCode;
    }

    /**
     * Makes text a venue sent (an error message, a code's detail) fit an exception message: a venue, or
     * a corrupted frame, can send megabytes and control characters, and a person reads one line.
     *
     * @param venueText the venue's text, or null
     * @return {@link UntrustedText#forLog} of it (escaped, at most {@value UntrustedText#MAX_CHARS}
     *     characters plus a suffix naming how many were left out); null for null
     */
    public static String clipVenueText(final String venueText) {
        return venueText == null ? null : UntrustedText.forLog(venueText);
    }

    /** @return venue name */
    public String venue() {
        return venue;
    }

    /** @return the venue's error code, or null */
    public String venueCode() {
        return venueCode;
    }
}
