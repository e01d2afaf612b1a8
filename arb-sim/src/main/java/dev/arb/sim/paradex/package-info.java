/**
 * The simulated Paradex venue ({@link dev.arb.sim.paradex.ParadexSimulator}): REST and JSON-RPC
 * WebSocket on 127.0.0.1, quoting {@link dev.arb.sim.MarketModel#VENUE_B}.
 */
package dev.arb.sim.paradex;
