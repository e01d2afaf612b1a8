package dev.arb.operator;

import java.util.Objects;

/**
 * Where the operator plane listens and where its control token comes from.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param host     address to bind; {@code 127.0.0.1} (loopback) unless the operator names another
 * @param port     TCP port; 0 picks a free one
 * @param tokenEnv name of the environment variable holding the bearer token that mutating endpoints
 *                 require (default {@code ARB_HTTP_TOKEN}); the token itself is never stored here
 */
public record OperatorSettings(String host, int port, String tokenEnv) {
    /** The default token variable. */
    public static final String DEFAULT_TOKEN_ENV = "ARB_HTTP_TOKEN";

    /** @throws IllegalArgumentException if the port is not 0..65535 or the host is blank */
    public OperatorSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("http host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("http port must be 0..65535: " + port);
        }
        tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? DEFAULT_TOKEN_ENV : tokenEnv;
    }

    /**
     * @param listen   {@code HOST:PORT}, {@code :PORT} or {@code PORT} (host 127.0.0.1), or {@code off}
     * @param tokenEnv the token variable's name, or null for the default
     * @return the settings, or null for {@code off}
     * @throws IllegalArgumentException naming the value if it is not of that form
     */
    public static OperatorSettings parse(final String listen, final String tokenEnv) {
        final String v = listen == null ? "" : listen.trim();
        if (v.equalsIgnoreCase("off")) {
            return null;
        }
        final int colon = v.lastIndexOf(':');
        final String host = colon <= 0 ? "127.0.0.1" : v.substring(0, colon);
        final String port = colon < 0 ? v : v.substring(colon + 1);
        try {
            return new OperatorSettings(host, Integer.parseInt(port), tokenEnv);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http must be HOST:PORT, PORT or off: '" + v + "'");
        }
    }
}
