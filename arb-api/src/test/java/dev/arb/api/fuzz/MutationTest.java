package dev.arb.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The mutators themselves: total on any input, bounded output, and they do change what they say they change. */
class MutationTest {
    private static final byte[] SEED = "{\"a\":\"1\",\"b\":[[\"2\",\"3\"]]}".getBytes(StandardCharsets.US_ASCII);

    @Property(tries = 2000)
    void everyMutationIsTotalAndBounded(@ForAll("mutations") final Mutation m) {
        for (final byte[] in : new byte[][] {new byte[0], {'x'}, SEED}) {
            final byte[] out = m.apply(in);
            assertThat(out.length).isLessThanOrEqualTo(Math.max(in.length * 2 + 64,
                Math.max(Mutation.MAX_OVERSIZE, in.length + Mutation.MAX_NESTING * 6)));
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Mutation> mutations() {
        return Mutations.mutation();
    }

    @Test
    void duplicateMemberRepeatsAField() {
        final byte[] out = new Mutation(MutationKind.DUPLICATE_MEMBER, 2, 0, 0).apply(SEED);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("{\"a\":\"1\",\"a\":\"1\",\"b\":[[\"2\",\"3\"]]}");
    }

    @Test
    void swapMembersReordersFields() {
        final byte[] out = new Mutation(MutationKind.SWAP_MEMBERS, 2, 0, 0).apply(SEED);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("{\"b\":[[\"2\",\"3\"]],\"a\":\"1\"}");
    }

    @Test
    void lieLengthWritesLittleEndian() {
        final byte[] out = new Mutation(MutationKind.LIE_LENGTH, 0, 0, 1 | (1 << 2)).apply(new byte[4]);
        assertThat(out).containsExactly(0xFF, 0xFF, 0, 0);
    }

    @Test
    void oversizeGrowsToTheAskedLength() {
        assertThat(new Mutation(MutationKind.OVERSIZE, 1, 100_000, 0).apply(SEED)).hasSize(100_001);
    }
}
