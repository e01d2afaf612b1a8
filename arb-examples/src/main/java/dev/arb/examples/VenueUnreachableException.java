package dev.arb.examples;

import java.time.Duration;

/**
 * A venue could not be connected at start-up within {@code --connect-timeout}: refused, unresolvable,
 * or no answer (a listener that never completes the HTTP request or the WebSocket upgrade). The message
 * is one line for the operator: the venue, its endpoints, the cause and what to do. It never carries a
 * credential (endpoints come from the config, not from the environment).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
final class VenueUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    private VenueUnreachableException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /**
     * @param venue    venue name ({@code vest}, {@code paradex})
     * @param endpoint the URLs tried (REST and WebSocket)
     * @param timeout  the connect timeout that ran out
     * @return the exception for a venue that did not answer in time
     */
    static VenueUnreachableException timedOut(final String venue, final String endpoint, final Duration timeout) {
        return new VenueUnreachableException("cannot connect to " + venue + " at " + endpoint + ": no answer within "
            + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms") + hint(venue), null);
    }

    /**
     * @param venue    venue name
     * @param endpoint the URLs tried
     * @param cause    why the connection failed (its innermost message is shown)
     * @return the exception for a venue whose connection failed
     */
    static VenueUnreachableException failed(final String venue, final String endpoint, final Throwable cause) {
        return new VenueUnreachableException("cannot connect to " + venue + " at " + endpoint + ": "
            + ErrorText.rootCause(cause) + hint(venue), cause);
    }

    private static String hint(final String venue) {
        return "; check the network and venues." + venue + ".rest_url / ws_url (or env) in the config, or give "
            + "--connect-timeout more time";
    }
}
