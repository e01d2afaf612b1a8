/**
 * JMH benchmarks of the hot path: order-book writes and spread computation.
 *
 * <p>Build and run: {@code mvn -q -pl arb-bench -am package -DskipTests} then
 * {@code java -jar arb-bench/target/benchmarks.jar -prof gc}; {@code gc.alloc.rate.norm} is the
 * allocation per operation in bytes.
 */
package dev.arb.bench;
