package dev.arb.executor.journal;

/**
 * The journal's store could not be opened, written or read.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause   the store's error
     */
    public JournalException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
