/**
 * Fee- and depth-aware spread between two venues' order books of the same instrument.
 *
 * <p>{@link dev.arb.spread.SpreadCalculator} turns two live {@link dev.arb.api.OrderBook}s into a
 * preallocated {@link dev.arb.spread.SpreadSnapshot} without allocating, on the market-data event
 * loop. Venue A and venue B are roles only: nothing here knows venue names.
 */
package dev.arb.spread;
