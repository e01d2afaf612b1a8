/**
 * Both simulators as a process of their own: {@link dev.arb.sim.process.SimPair} (the two venues and throw-away
 * credentials, described in one line; what {@code arb sim} serves) and {@link dev.arb.sim.process.SimProcess}
 * (the paced variant an end-to-end harness forks: ticks published on a memory-mapped
 * {@link dev.arb.sim.process.TickBoard}, orders' first bytes stamped by a relay in front of each venue port).
 */
package dev.arb.sim.process;
