package dev.arb.api;

import java.util.Objects;

/**
 * A secret value (private key, API key, JWT) that never prints: {@link #toString()} is redacted, so
 * a secret that reaches a log line, exception message or another object's {@code toString()} shows
 * as {@code ***}.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class Secret {
    private final String value;

    private Secret(final String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    /**
     * @param value the secret text
     * @return a wrapper
     * @throws NullPointerException if {@code value} is null
     */
    public static Secret of(final String value) {
        return new Secret(value);
    }

    /** @return the secret itself; pass it only to the code that signs or sends it */
    public String reveal() {
        return value;
    }

    /** @return {@code "***"} */
    @Override
    public String toString() {
        return "***";
    }
}
