/**
 * The engine of a delta-neutral bot between two venues: it owns orders, positions, risk, unwinds, the
 * kill switch and the journal; a {@link dev.arb.strategy.api.Strategy} decides (by default the
 * built-in {@link dev.arb.executor.ThresholdSpreadStrategy}: enter on a wide enough spread net of
 * fees and expected funding, exit when the closing spread net of fees converges).
 *
 * <p>{@link dev.arb.executor.DeltaNeutralExecutor} is the public facade; it is event-driven: every
 * order-book change on either venue is handed to the strategy, whose intent the engine acts on after
 * its gates; all state lives on one thread (the venues' shared event loop). Venue A and venue B are
 * roles only: nothing here knows venue names. Its package-private parts each have one job:
 * {@code StrategyHost} (calls the strategy, parameters, swaps), {@code RoundRunner} (entry gates and
 * both legs at once), {@code RoundPricing} (spread snapshot, quote-age gate, limit prices),
 * {@code OperatorRounds} (rounds asked for by hand), {@code OrderGateway} (journal first, retries,
 * lost-ack lookups, state machine), {@code Unwinder} (bounded-loss reduce-only escalation),
 * {@code Flattener}, {@code HedgeState}, {@code ExecutorStartup}, {@code StartupReconciler},
 * {@code NetDeltaMonitor}, {@code MarketCapture}, {@code PnlAttribution} and {@code ExecutorCore}
 * (the state they share).
 *
 * <p>Around it: {@link dev.arb.executor.OrderStateMachine} (the one order lifecycle, illegal moves
 * are typed errors), {@link dev.arb.executor.RiskGuard} (position, notional and daily-loss limits,
 * consecutive-error breaker with cooldown and half-open trial, manual halt, one round per market),
 * {@link dev.arb.executor.journal} (durable SQLite journal, replay), {@link dev.arb.executor.alert}
 * (log and webhook alerts), and start-up reconciliation
 * ({@link dev.arb.executor.DeltaNeutralExecutor#reconcile}).
 */
package dev.arb.executor;
