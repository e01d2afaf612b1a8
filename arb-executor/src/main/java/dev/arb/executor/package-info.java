/**
 * Delta-neutral two-leg execution between two venues: entry on a wide enough spread, exit on
 * convergence, recovery from one-sided and unequal fills, and a halt whenever exposure cannot be
 * removed.
 *
 * <p>{@link dev.arb.executor.DeltaNeutralExecutor} is event-driven: every order-book change on
 * either venue recomputes the spread and may send orders; all state lives on one thread (the
 * venues' shared event loop). Venue A and venue B are roles only: nothing here knows venue names.
 *
 * <p>Around it: {@link dev.arb.executor.OrderStateMachine} (the one order lifecycle, illegal moves
 * are typed errors), {@link dev.arb.executor.RiskGuard} (position, notional and daily-loss limits,
 * consecutive-error breaker with cooldown and half-open trial, manual halt, one round per market),
 * {@link dev.arb.executor.journal} (durable SQLite journal, replay), {@link dev.arb.executor.alert}
 * (log and webhook alerts), and start-up reconciliation
 * ({@link dev.arb.executor.DeltaNeutralExecutor#reconcile}).
 */
package dev.arb.executor;
