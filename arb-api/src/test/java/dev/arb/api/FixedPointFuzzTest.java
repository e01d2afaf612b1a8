package dev.arb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.fuzz.FuzzSeeds;
import dev.arb.api.fuzz.Mutations;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Fuzz: {@link FixedPoint#parse(byte[], int, int, int)}, which the hand-written decoders use on venue bytes,
 * either returns the exact value (checked against BigDecimal for plain decimals) or throws
 * {@link FixedPointFormatException}; never another exception.
 */
class FixedPointFuzzTest {
    @Property
    void parsesExactlyOrThrowsTyped(@ForAll("decimals") final byte[] in) {
        final String text = new String(in, StandardCharsets.ISO_8859_1);
        final Long expected = plainDecimalAtScale8(text);
        if (expected == null) {
            try {
                FixedPoint.parse(in, 0, in.length, 8);
            } catch (FixedPointFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
            return;
        }
        assertThat(FixedPoint.parse(in, 0, in.length, 8)).isEqualTo(expected);
    }

    /** The oracle, for short plain decimals only (a BigDecimal with a huge exponent would take minutes). */
    private static Long plainDecimalAtScale8(final String text) {
        if (text.length() > 40 || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        try {
            final BigDecimal v = new BigDecimal(text).setScale(8);
            return v.unscaledValue().bitLength() > 63 ? null : v.unscaledValue().longValue();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<byte[]> decimals() {
        return Mutations.mutated(FuzzSeeds.utf8("69000.5", "0.00000001", "-12.3", "92233720368.54775807", "1", "0"));
    }

    @Test
    void emptyIsTyped() {
        assertThatThrownBy(() -> FixedPoint.parse(new byte[0], 0, 0, 8)).isInstanceOf(FixedPointFormatException.class);
    }
}
