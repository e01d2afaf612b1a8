package dev.arb.executor;

/**
 * Start-up reconciliation found differences and the policy is {@link ReconcilePolicy#REFUSE}, or the
 * venues could not be read.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class ReconciliationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient ReconciliationReport report;

    /**
     * @param message what was found
     * @param report  the report (may be null if the venues could not be read)
     */
    public ReconciliationException(final String message, final ReconciliationReport report) {
        super(message);
        this.report = report;
    }

    /** @return the report, or null */
    public ReconciliationReport report() {
        return report;
    }
}
