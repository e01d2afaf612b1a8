/**
 * Operator alerts: one-sided fills, unwind outcomes, breaker trips, halts, reconciliation
 * differences, net-delta drift and illegal order transitions, to the log
 * ({@link dev.arb.executor.alert.AlertSink#log()}) and optionally a webhook
 * ({@link dev.arb.executor.alert.WebhookAlertSink}).
 */
package dev.arb.executor.alert;
