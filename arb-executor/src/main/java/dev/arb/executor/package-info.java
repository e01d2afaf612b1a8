/**
 * Delta-neutral two-leg execution between two venues: entry on a wide enough spread, exit on
 * convergence, recovery from one-sided and unequal fills, and a halt whenever exposure cannot be
 * removed.
 *
 * <p>{@link dev.arb.executor.DeltaNeutralExecutor} is event-driven: every order-book change on
 * either venue recomputes the spread and may send orders; all state lives on one thread (the
 * venues' shared event loop). Venue A and venue B are roles only: nothing here knows venue names.
 */
package dev.arb.executor;
