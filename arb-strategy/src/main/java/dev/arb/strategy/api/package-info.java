/**
 * The Strategy SPI: the replaceable decision layer of a bot. A {@link dev.arb.strategy.api.Strategy}
 * is called on the engine's thread with read-only views ({@link dev.arb.strategy.api.StrategyContext},
 * {@link dev.arb.strategy.api.LegView}, {@link dev.arb.api.BookView}) and answers with an
 * {@link dev.arb.strategy.api.Intent}; it declares typed, bounded parameters
 * ({@link dev.arb.strategy.api.ParamSpec}) that the engine validates before a change applies. The
 * engine (arb-executor) owns orders, positions, risk, unwinds and the journal.
 *
 * <p>This package depends only on arb-api.
 */
package dev.arb.strategy.api;
