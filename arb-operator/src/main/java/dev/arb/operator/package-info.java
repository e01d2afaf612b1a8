/**
 * The operator plane of a running bot: an embedded HTTP server with the status API, a live event
 * stream, authenticated control, Prometheus metrics and the dashboard page. It runs on its own threads
 * and reads what the engine publishes; it never delays a decision.
 */
package dev.arb.operator;
