package dev.arb.paradex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeException;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.RateLimitedException;
import dev.arb.api.TransportException;
import java.util.Set;

/**
 * Maps a Paradex REST error answer to the typed {@link ExchangeException}s of arb-api.
 *
 * <p>Source: protocol reference §3.8 (body {@code {"error":"CODE","message":…}}, error codes; 503 on
 * the venue's 30 s timeout) and §3.9 (HTTP 429 on rate limits). HTTP 401, {@code INVALID_TOKEN} and
 * signature or account errors become {@link AuthenticationException}; 429 {@link RateLimitedException};
 * 5xx {@link TransportException}; any other 4xx {@link OrderRejectedException} with the venue's code.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class ParadexErrors {
    /** Venue name used in every exception. */
    public static final String VENUE = "paradex";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> AUTH_CODES = Set.of("INVALID_TOKEN", "INVALID_STARKNET_SIGNATURE",
        "STARKNET_SIGNATURE_VERIFICATION_FAILED", "INVALID_ORDER_SIGNATURE", "NOT_ONBOARDED", "INVALID_STARKNET_ADDRESS",
        "PUBLIC_KEY_INVALID", "ACCOUNT_NOT_FOUND", "INVALID_SIGNATURE_EXPIRATION", "INVALID_SUBKEY", "BAD_STARKNET_REQUEST",
        "GEO_IP_BLOCK", "IP_NOT_ALLOWED");

    private ParadexErrors() {
    }

    /**
     * @param status         HTTP status (not 2xx)
     * @param body           response body (may be empty or not JSON)
     * @param retryAfterMs   suggested wait for 429, ms (0 if unknown)
     * @return the matching exception
     */
    public static ExchangeException fromResponse(final int status, final String body, final long retryAfterMs) {
        String code = null;
        String message = null;
        if (body != null && !body.isBlank()) {
            try {
                final JsonNode node = JSON.readTree(body);
                if (node != null && node.isObject()) {
                    code = ExchangeException.clipVenueText(textOrNull(node.get("error")));
                    message = ExchangeException.clipVenueText(textOrNull(node.get("message")));
                }
            } catch (final Exception e) {
                // not JSON: keep the status alone
            }
        }
        final String text = "HTTP " + status + (message != null ? ": " + message : "");
        if (status == 429) {
            return new RateLimitedException(VENUE, code != null ? code : "429", text, retryAfterMs);
        }
        if (status == 401 || (code != null && AUTH_CODES.contains(code))) {
            return new AuthenticationException(VENUE, code, text);
        }
        if (status >= 500) {
            return new TransportException(VENUE, code, text);
        }
        return new OrderRejectedException(VENUE, code, text);
    }

    /**
     * Maps a JSON-RPC error object of the WebSocket ({@code {"code":…,"message":…,"data":…}}, protocol reference
     * §2.3): 42901 → {@link RateLimitedException}; 40110, 40111, 40112, 40300 and venue auth codes →
     * {@link AuthenticationException}; -32603 → {@link TransportException}; anything else →
     * {@link OrderRejectedException} whose venue code is {@code data} when it is a venue error code (as the
     * REST {@code error} field), else the numeric code.
     *
     * @param error the {@code error} member of a reply
     * @return the matching exception
     */
    public static ExchangeException fromRpcError(final JsonNode error) {
        final int code = error.path("code").asInt();
        final String message = ExchangeException.clipVenueText(error.path("message").asText(""));
        final String data = ExchangeException.clipVenueText(textOrNull(error.get("data")));
        final String venueCode = data != null && data.matches("[A-Z][A-Z0-9_]*") ? data : Integer.toString(code);
        final String text = "JSON-RPC error " + code + ": " + message + (data != null ? " (" + data + ')' : "");
        if (code == 42901) {
            return new RateLimitedException(VENUE, venueCode, text, 1000);
        }
        if (code == 40110 || code == 40111 || code == 40112 || code == 40300 || AUTH_CODES.contains(venueCode)) {
            return new AuthenticationException(VENUE, venueCode, text);
        }
        if (code == -32603 || "SERVICE_UNAVAILABLE".equals(venueCode) || "INTERNAL_ERROR".equals(venueCode)) {
            return new TransportException(VENUE, venueCode, text);
        }
        return new OrderRejectedException(VENUE, venueCode, text);
    }

    /**
     * @param e an exception from a REST call
     * @return {@code true} if it means the JWT was refused (HTTP 401 or {@code INVALID_TOKEN})
     */
    public static boolean isTokenRejected(final Throwable e) {
        return e instanceof AuthenticationException a && ("INVALID_TOKEN".equals(a.venueCode())
            || a.getMessage() != null && a.getMessage().contains("HTTP 401"));
    }

    private static String textOrNull(final JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
