package dev.arb.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of damaged inputs: each starts from a real fixture (a seed) and applies one to four
 * {@link Mutation}s; a few tries use the seed unchanged (so the property also holds for good input) or pure
 * random bytes. Used by every module's fuzz tests (this package is in arb-api's test-jar).
 *
 * <p>The number of tries is jqwik's default, set from {@code -Dfuzz.tries} by the build (10,000 in CI).
 *
 * <p><b>Note:</b> the generators are immutable and thread-safe.
 */
public final class Mutations {
    private Mutations() {
    }

    /** @return one mutation of any kind; huge ones ({@link MutationKind#OVERSIZE}, nesting) are rarer */
    public static Arbitrary<Mutation> mutation() {
        return mutation(false);
    }

    private static Arbitrary<Mutation> mutation(final boolean binary) {
        final Arbitrary<MutationKind> kind = Arbitraries.frequencyOf(
            Tuple.of(binary ? 8 : 4, Arbitraries.just(MutationKind.BIT_FLIP)),
            Tuple.of(4, Arbitraries.just(MutationKind.BYTE_SET)),
            Tuple.of(3, Arbitraries.just(MutationKind.TRUNCATE)),
            Tuple.of(3, Arbitraries.just(MutationKind.DELETE_RANGE)),
            Tuple.of(3, Arbitraries.just(MutationKind.DUPLICATE_RANGE)),
            Tuple.of(binary ? 0 : 4, Arbitraries.just(MutationKind.DUPLICATE_MEMBER)),
            Tuple.of(binary ? 0 : 4, Arbitraries.just(MutationKind.SWAP_MEMBERS)),
            Tuple.of(binary ? 1 : 5, Arbitraries.just(MutationKind.INSERT_TOKEN)),
            Tuple.of(binary ? 0 : 8, Arbitraries.just(MutationKind.REPLACE_SCALAR)),
            Tuple.of(binary ? 0 : 1, Arbitraries.just(MutationKind.DEEP_NESTING)),
            Tuple.of(1, Arbitraries.just(MutationKind.OVERSIZE)),
            Tuple.of(binary ? 10 : 2, Arbitraries.just(MutationKind.LIE_LENGTH)));
        final Arbitrary<Integer> position = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        final Arbitrary<Integer> length = Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.integers().between(0, 64)),
            Tuple.of(1, Arbitraries.integers().between(0, Mutation.MAX_OVERSIZE)));
        final Arbitrary<Integer> value = Arbitraries.integers().between(0, 1 << 16);
        return Combinators.combine(kind, position, length, value).as(Mutation::new);
    }

    /**
     * @param seeds real messages (not modified)
     * @return damaged copies of them, for text formats (JSON, YAML, command lines)
     */
    public static Arbitrary<byte[]> mutated(final List<byte[]> seeds) {
        return build(seeds, false);
    }

    /**
     * @param seeds real binary frames (not modified)
     * @return damaged copies, weighted towards bit flips, truncation and lying length fields
     */
    public static Arbitrary<byte[]> mutatedBinary(final List<byte[]> seeds) {
        return build(seeds, true);
    }

    /**
     * @param seeds real text (UTF-8)
     * @return damaged copies decoded as UTF-8 (invalid sequences become U+FFFD, as a reader would show them)
     */
    public static Arbitrary<String> mutatedText(final List<String> seeds) {
        return mutated(seeds.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList())
            .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static Arbitrary<byte[]> build(final List<byte[]> seeds, final boolean binary) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds");
        }
        final Arbitrary<byte[]> seed = Arbitraries.of(seeds);
        final Arbitrary<byte[]> damaged = Combinators.combine(seed, mutation(binary).list().ofMinSize(1).ofMaxSize(4))
            .as((s, ms) -> {
                byte[] b = s;
                for (final Mutation m : ms) {
                    b = m.apply(b);
                }
                return b;
            });
        final Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        return Arbitraries.frequencyOf(
            Tuple.of(90, damaged),
            Tuple.of(5, seed.map(byte[]::clone)),
            Tuple.of(5, random));
    }
}
