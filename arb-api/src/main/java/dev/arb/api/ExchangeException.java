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

    /** The most characters of a venue's own text kept in a message ({@link #clipVenueText}). */
    public static final int MAX_VENUE_TEXT = 200;

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
     * Bounds text a venue sent (an error message, a code's detail) before it goes into an exception
     * message: a venue, or a corrupted frame, can send megabytes, and a person reads one line.
     *
     * @param venueText the venue's text, or null
     * @return the text, cut to {@value #MAX_VENUE_TEXT} characters with {@code "…"} appended when longer; null for null
     */
    public static String clipVenueText(final String venueText) {
        return venueText == null || venueText.length() <= MAX_VENUE_TEXT ? venueText
            : venueText.substring(0, MAX_VENUE_TEXT) + "…";
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
