package dev.arb.vest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeException;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.RateLimitedException;
import dev.arb.api.TransportException;

/**
 * Maps Vest error answers to typed {@link ExchangeException}s.
 *
 * <p>Three body shapes are recognised: the documented {@code {"code":…,"msg":…}}, the FastAPI-style
 * {@code {"detail":{"code":…,"msg":…}}} that clients unwrap on non-2xx, and a {@code {code,msg}} body
 * returned with HTTP 200 (observed on v3). Codes: {@code 1003 TOO_MANY_REQUESTS} (and HTTP 429 or the
 * doc's {@code {"code":429}}) → {@link RateLimitedException}; {@code 1002 UNAUTHORIZED}, {@code 1022
 * INVALID_SIGNATURE} (and HTTP 401/403) → {@link AuthenticationException}; order rejections
 * {@code 3001–3024} and any other code on an order call → {@link OrderRejectedException}; HTTP 5xx →
 * {@link TransportException}. Source: Vest API docs "Error codes" (protocol reference §4 Errors).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class VestErrors {
    static final String VENUE = "vest";

    private VestErrors() {
    }

    /**
     * @param body a parsed response body (may be null)
     * @return the node holding {@code code}, or null if the body is not an error body
     */
    public static JsonNode errorNode(final JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        final JsonNode detail = body.get("detail");
        if (detail != null && detail.isObject() && detail.has("code")) {
            return detail;
        }
        if (body.has("code") && body.has("msg") && !body.has("status")) {
            return body;
        }
        return null;
    }

    /**
     * @param httpStatus   HTTP status code
     * @param body         parsed body, or null if none or not JSON
     * @param retryAfterMs {@code Retry-After} in ms, 0 if absent
     * @param orderCall    {@code true} for {@code POST /orders} and {@code /orders/cancel}
     * @return the typed exception (never null)
     */
    public static ExchangeException toException(final int httpStatus, final JsonNode body, final long retryAfterMs,
        final boolean orderCall) {
        final JsonNode err = errorNode(body);
        String code = null;
        String msg = null;
        if (err != null) {
            code = err.path("code").asText(null);
            msg = err.path("msg").asText(null);
        } else if (body != null && body.isObject() && body.get("detail") != null) {
            msg = body.get("detail").toString();
        }
        final String text = "Vest HTTP " + httpStatus + (code != null ? " code " + code : "")
            + (msg != null ? ": " + ExchangeException.clipVenueText(msg) : "");
        if (httpStatus >= 500) {
            return new TransportException(VENUE, code, text);
        }
        final int n = parseCode(code);
        if (httpStatus == 429 || n == 1003 || n == 429) {
            return new RateLimitedException(VENUE, code, text, retryAfterMs);
        }
        if (n == 1002 || n == 1022 || (code == null && (httpStatus == 401 || httpStatus == 403))) {
            return new AuthenticationException(VENUE, code, text);
        }
        if (code != null && ((n >= 3000 && n < 4000) || orderCall)) {
            return new OrderRejectedException(VENUE, code, text);
        }
        return new ExchangeException(VENUE, code, text, null);
    }

    private static int parseCode(final String code) {
        if (code == null) {
            return -1;
        }
        try {
            return Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
