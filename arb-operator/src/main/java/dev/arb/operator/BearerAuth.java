package dev.arb.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer-token check of every mutating endpoint. The token comes from an environment variable at
 * start and is kept only as bytes; it is compared in constant time ({@link MessageDigest#isEqual}) and
 * never logged or echoed. Without the variable, control is disabled (403 with how to enable it); a
 * wrong or missing token is a 401, counted and logged once per source address (without the value).
 *
 * <p><b>Note:</b> thread-safe.
 */
final class BearerAuth {
    private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);

    /** The outcome of a check. */
    enum Verdict { OK, DISABLED, UNAUTHORIZED }

    private final byte[] token;
    private final String tokenEnv;
    private final AtomicLong failures = new AtomicLong();
    private final Set<String> loggedSources = ConcurrentHashMap.newKeySet();

    /**
     * @param tokenEnv the variable's name
     * @param value    its value, or null/blank when not set
     */
    BearerAuth(final String tokenEnv, final String value) {
        this.tokenEnv = tokenEnv;
        this.token = value == null || value.isBlank() ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** @return {@code true} when a token is configured (mutations possible) */
    boolean enabled() {
        return token != null;
    }

    /** @return what the dashboard shows: {@code enabled}, or {@code disabled: …} with how to enable control */
    String mutationsText() {
        return enabled() ? "enabled" : "disabled: set the environment variable " + tokenEnv
            + " (http.token_env) to a secret and restart to enable control";
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param sourceAddress the client's address, for the log
     * @return the verdict
     */
    Verdict check(final String authorization, final String sourceAddress) {
        if (token == null) {
            return Verdict.DISABLED;
        }
        final byte[] given = authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (MessageDigest.isEqual(token, given)) {
            return Verdict.OK;
        }
        failures.incrementAndGet();
        if (loggedSources.add(sourceAddress)) {
            LOG.warn("operator API: rejected a request from {} with a {} bearer token (further ones from there are "
                + "counted, not logged)", sourceAddress, authorization == null ? "missing" : "wrong");
        }
        return Verdict.UNAUTHORIZED;
    }

    /** @return rejected requests so far */
    long failures() {
        return failures.get();
    }
}
