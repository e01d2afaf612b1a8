/**
 * The end-to-end latency harness (issue 14 §1): {@link dev.arb.bench.e2e.EndToEndHarness} forks the simulators
 * ({@code dev.arb.sim.process.SimProcess}), drives the real {@code DeltaNeutralExecutor} and adapters against
 * them at a paced rate, and reports tick-to-decision, decision-to-first-byte, decision-to-last-byte and
 * decision-to-ack per leg as HdrHistograms, on the old order path, the new one, or both
 * ({@link dev.arb.bench.e2e.HarnessPath}).
 */
package dev.arb.bench.e2e;
