/**
 * Deterministic backtesting foundations: {@link dev.arb.backtest.VirtualTime}, a single-threaded
 * scheduler on a virtual clock, and {@link dev.arb.backtest.BacktestVenue}, an
 * {@link dev.arb.api.ExchangeAdapter} that matches our IOC orders against recorded books replayed
 * on that clock, so the live engine can run over recorded market data.
 *
 * <p><b>Note:</b> everything here is confined to the backtest driver's thread.
 */
package dev.arb.backtest;
