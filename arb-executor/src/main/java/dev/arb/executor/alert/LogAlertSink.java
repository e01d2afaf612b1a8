package dev.arb.executor.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alerts to the {@code dev.arb.alert} logger: critical ones at ERROR, others at WARN, an
 * operator's own halt at INFO (it is what was asked for).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class LogAlertSink implements AlertSink {
    static final LogAlertSink INSTANCE = new LogAlertSink();
    private static final Logger LOG = LoggerFactory.getLogger("dev.arb.alert");

    private LogAlertSink() {
    }

    @Override
    public void alert(final Alert a) {
        if (a.kind() == AlertKind.OPERATOR_HALT) {
            LOG.info("{} [{}] {}", a.kind(), a.source(), a.message());
        } else if (a.critical()) {
            LOG.error("ALERT {} [{}] {}", a.kind(), a.source(), a.message());
        } else {
            LOG.warn("alert {} [{}] {}", a.kind(), a.source(), a.message());
        }
    }

    void failed(final RuntimeException e) {
        LOG.warn("an alert sink threw: {}", e.toString());
    }
}
