package dev.arb.examples;

import dev.arb.api.UntrustedText;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one line a person reads when the bot refuses to start or stops on an error: the innermost
 * cause's type and message, escaped and cut (it may quote a venue or a file), never a stack trace
 * (that goes to the DEBUG log).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class ErrorText {
    private ErrorText() {
    }

    /**
     * @param t an error, possibly wrapped ({@link ExecutionException}, {@link CompletionException}, causes)
     * @return {@code "SimpleName: message"} of the innermost cause (just the message for the bot's own
     *     exceptions, just the name when there is no message), escaped and cut for one line; a refused
     *     connection is said in words (the JDK's HTTP client reports it as a bare
     *     {@code ConnectException} over a {@code ClosedChannelException})
     */
    static String rootCause(final Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof java.net.ConnectException && root.getMessage() == null) {
                return "connection refused (nothing listens there, or a firewall drops it)";
            }
            root = root.getCause();
        }
        final String message = root.getMessage();
        final String name = root.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return name;
        }
        final boolean own = root.getClass().getPackageName().startsWith("dev.arb");
        return UntrustedText.forLog(own ? message : name + ": " + message);
    }
}
