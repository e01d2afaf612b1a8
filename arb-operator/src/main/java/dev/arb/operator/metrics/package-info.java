/**
 * Prometheus metrics of a running bot through Micrometer: {@link dev.arb.operator.metrics.OperatorMetrics}
 * owns a {@code PrometheusMeterRegistry}, reads counters, positions, PnL and the breaker from what the
 * engine publishes when scraped, and records latencies through one
 * {@link dev.arb.executor.ExecutionListener} per bot, allocation-free on the market-data path.
 */
package dev.arb.operator.metrics;
