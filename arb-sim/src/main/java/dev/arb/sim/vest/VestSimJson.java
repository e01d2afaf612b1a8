package dev.arb.sim.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The simulated Vest REST API's JSON reading: the shared mapper, and typed reads of a request's body fields and
 * query parameters; malformed JSON or a missing or mistyped field is a {@link VestSimVenueError} 400 / 1130 (bad
 * parameter), as the venue answers.
 *
 * <p><b>Note:</b> thread-safe (stateless; the mapper is only read from).
 */
final class VestSimJson {
    /** The mapper of every answer and request body. */
    static final ObjectMapper JSON = new ObjectMapper();

    private VestSimJson() {
    }

    /**
     * @param text JSON text
     * @return its tree
     * @throws VestSimVenueError 1130 if it is not JSON
     */
    static JsonNode readTree(final String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new VestSimVenueError(400, 1130, "invalid JSON");
        }
    }

    /**
     * @param query the request's query parameters
     * @param name  a parameter
     * @return its first value, or null if absent
     */
    static String first(final Map<String, List<String>> query, final String name) {
        final List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** @return the string {@code field} of {@code order} @throws VestSimVenueError 1130 if absent or not a string */
    static String text(final JsonNode order, final String field) {
        final JsonNode n = order.get(field);
        if (n == null || !n.isTextual()) {
            throw new VestSimVenueError(400, 1130, field + " must be a string");
        }
        return n.asText();
    }

    /** @return the integer {@code field} of {@code order} @throws VestSimVenueError 1130 if absent or not an integer */
    static long number(final JsonNode order, final String field) {
        final JsonNode n = order.get(field);
        if (n == null || !n.canConvertToLong()) {
            throw new VestSimVenueError(400, 1130, field + " must be an integer");
        }
        return n.asLong();
    }

    /** @return the boolean {@code field} of {@code order} @throws VestSimVenueError 1130 if absent or not a boolean */
    static boolean bool(final JsonNode order, final String field) {
        final JsonNode n = order.get(field);
        if (n == null || !n.isBoolean()) {
            throw new VestSimVenueError(400, 1130, field + " must be a boolean");
        }
        return n.asBoolean();
    }
}
