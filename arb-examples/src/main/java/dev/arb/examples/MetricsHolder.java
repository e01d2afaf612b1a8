package dev.arb.examples;

import dev.arb.operator.metrics.OperatorMetrics;

/**
 * The run's {@link OperatorMetrics} once the session exists: the HTTP server is bound before the bots are
 * made (so that a busy port fails before any venue is contacted), and {@code /metrics} answers an empty
 * document until then.
 *
 * <p><b>Note:</b> thread-safe (one volatile reference).
 */
final class MetricsHolder implements AutoCloseable {
    private volatile OperatorMetrics metrics;

    void set(final OperatorMetrics m) {
        metrics = m;
    }

    OperatorMetrics get() {
        return metrics;
    }

    /** @return Prometheus text, or an empty document before the bots run */
    String scrape() {
        final OperatorMetrics m = metrics;
        return m == null ? "" : m.scrape();
    }

    @Override
    public void close() {
        final OperatorMetrics m = metrics;
        if (m != null) {
            m.close();
        }
    }
}
