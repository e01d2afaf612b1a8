package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JWTs of the simulated Paradex: {@code sub} = account, {@code iat}/{@code exp} in s, and a
 * {@code gen} claim so that {@link #expireAll()} revokes every token issued so far.
 *
 * <p>The real venue signs ES384 and issues 5-minute tokens (protocol reference §4.2); clients only
 * read {@code exp}, so the algorithm does not matter here.
 *
 * <p><b>Note:</b> thread-safe.
 */
final class SimJwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key = new byte[32];
    private volatile long generation;

    SimJwt() {
        new SecureRandom().nextBytes(key);
    }

    String issue(final String account, final long nowSeconds, final long lifetimeSeconds) {
        final String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        final String payload = B64.encodeToString(JSON.createObjectNode().put("sub", account).put("iat", nowSeconds)
            .put("exp", nowSeconds + lifetimeSeconds).put("gen", generation).put("token_usage", "trading").toString()
            .getBytes(StandardCharsets.UTF_8));
        return header + '.' + payload + '.' + B64.encodeToString(mac(header + '.' + payload));
    }

    /**
     * @param authorization the {@code Authorization} header value
     * @param nowSeconds    current time, s
     * @return the account ({@code sub}) of a valid token, or null
     */
    String validate(final String authorization, final long nowSeconds) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        final String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        final byte[] expected = mac(parts[0] + '.' + parts[1]);
        final byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (final IllegalArgumentException e) {
            return null;
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return null;
        }
        try {
            final JsonNode p = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (p.path("exp").asLong() <= nowSeconds || p.path("gen").asLong(-1) != generation) {
                return null;
            }
            return p.path("sub").asText(null);
        } catch (final Exception e) {
            return null;
        }
    }

    void expireAll() {
        generation++;
    }

    private byte[] mac(final String data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
