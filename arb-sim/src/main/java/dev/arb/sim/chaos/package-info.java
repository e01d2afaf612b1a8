/**
 * Network chaos on loopback: {@link dev.arb.sim.chaos.ChaosProxy}, a fault-injecting TCP proxy to put
 * between a bot and a simulator (or any local server) in a test: latency and jitter, a bandwidth
 * limit, stalls, half-closes, resets mid-frame, one-byte writes and venue restarts.
 */
package dev.arb.sim.chaos;
