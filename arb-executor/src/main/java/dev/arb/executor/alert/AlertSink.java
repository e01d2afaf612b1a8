package dev.arb.executor.alert;

/**
 * Where alerts go: the log ({@link #log()}), a webhook ({@link WebhookAlertSink}), or several
 * ({@link #fanOut}).
 *
 * <p><b>Note:</b> implementations must be thread-safe and must not block: alerts are raised on the
 * trading thread. An exception thrown is the caller's to ignore.
 */
@FunctionalInterface
public interface AlertSink {
    /** @param alert the alert */
    void alert(Alert alert);

    /** @return a sink writing each alert to the log (ERROR when critical, INFO for an operator halt, else WARN) */
    static AlertSink log() {
        return LogAlertSink.INSTANCE;
    }

    /**
     * @param sinks sinks to call in order; one throwing does not stop the others
     * @return a sink calling each of them
     */
    static AlertSink fanOut(final AlertSink... sinks) {
        final AlertSink[] copy = sinks.clone();
        return a -> {
            for (AlertSink s : copy) {
                try {
                    s.alert(a);
                } catch (RuntimeException e) {
                    LogAlertSink.INSTANCE.failed(e);
                }
            }
        };
    }
}
