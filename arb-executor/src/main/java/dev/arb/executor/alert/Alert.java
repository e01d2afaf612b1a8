package dev.arb.executor.alert;

import java.util.Objects;

/**
 * Something an operator must know about.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param kind     what happened
 * @param critical {@code true} when exposure may be left or trading stopped
 * @param source   who raised it (bot id, or {@code risk})
 * @param message  one line for a human, never a secret
 * @param timeMs   when, ms since the epoch
 */
public record Alert(AlertKind kind, boolean critical, String source, String message, long timeMs) {
    /** @throws NullPointerException if kind, source or message is null */
    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param kind     what happened
     * @param critical whether exposure may be left or trading stopped
     * @param source   who raised it
     * @param message  one line
     * @return an alert stamped now
     */
    public static Alert of(final AlertKind kind, final boolean critical, final String source, final String message) {
        return new Alert(kind, critical, source, message, System.currentTimeMillis());
    }
}
