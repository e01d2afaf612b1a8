/**
 * Fuzzing support shared by every module's tests (arb-api's test-jar): {@link dev.arb.api.fuzz.Mutations}
 * generates damaged copies of real fixtures with jqwik; {@link dev.arb.api.fuzz.FuzzSeeds} loads the fixtures.
 * The number of tries per property comes from {@code -Dfuzz.tries} (default 10,000).
 */
package dev.arb.api.fuzz;
