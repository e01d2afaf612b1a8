/**
 * Latency and allocation measurements of arb's hot paths (issue 6; numbers in {@code BENCHMARKS.md}):
 * JMH benchmarks of order-book writes and spreads ({@code SpreadBenchmark}, {@code OrderBookBenchmark}),
 * frame bytes to book ({@code VestDepthBenchmark}, {@code BookApplyBenchmark}), frame to decision
 * ({@code MarketDataBenchmark}), order encode and sign ({@code OrderSignBenchmark}) and order JSON
 * ({@code OrderJsonBenchmark}), BBO, order-update and fill messages ({@code BboBenchmark},
 * {@code OrderEventBenchmark}); the same paths in thread CPU time ({@link dev.arb.bench.CpuTimeProbe});
 * and the paced end-to-end harness through the executor, the simulators in a JVM of their own
 * ({@link dev.arb.bench.e2e.EndToEndHarness}).
 *
 * <p>Build and run: {@code mvn -q -pl arb-bench -am package -DskipTests} then
 * {@code java -jar arb-bench/target/benchmarks.jar -prof gc}; {@code gc.alloc.rate.norm} is the
 * allocation per operation in bytes.
 */
package dev.arb.bench;
