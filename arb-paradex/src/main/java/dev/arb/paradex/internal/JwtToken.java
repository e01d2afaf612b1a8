package dev.arb.paradex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A Paradex JWT and its expiry, decoded from the token's payload {@code exp} claim (seconds).
 *
 * <p>Source: protocol reference §4.2 (JWTs expire after 5 minutes; {@code exp − iat = 300}). The
 * signature is not checked: the venue issued it over TLS.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param token       the JWT (never printed)
 * @param expiresAtMs {@code exp} in ms since the epoch
 */
public record JwtToken(Secret token, long expiresAtMs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param jwt the compact JWT {@code header.payload.signature}
     * @return the token with its expiry
     * @throws IllegalArgumentException if it is not a JWT or has no numeric {@code exp}
     */
    public static JwtToken parse(final String jwt) {
        final String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWT");
        }
        try {
            final JsonNode payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            final JsonNode exp = payload.get("exp");
            if (exp == null || !exp.canConvertToLong() && !exp.isTextual()) {
                throw new IllegalArgumentException("JWT without exp");
            }
            return new JwtToken(Secret.of(jwt), Long.parseLong(exp.asText()) * 1000L);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("JWT payload unreadable or without exp");
        } catch (final Exception e) {
            throw new IllegalArgumentException("JWT payload unreadable");
        }
    }
}
