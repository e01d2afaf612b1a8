package dev.arb.paradex.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StarkFieldTest {
    private static final BigInteger P = StarkField.P;
    private static final BigInteger R_INV = BigInteger.ONE.shiftLeft(256).modInverse(P);

    private static BigInteger random(final SplittableRandom rnd) {
        final int kind = rnd.nextInt(6);
        if (kind == 0) {
            return P.subtract(BigInteger.valueOf(rnd.nextInt(4) + 1));
        }
        if (kind == 1) {
            return BigInteger.valueOf(rnd.nextInt(4));
        }
        return uniform(rnd);
    }

    /**
     * @param rnd seeded source
     * @return a field element drawn uniformly from [0, p) (shared with {@code StarkFieldDifferentialTest})
     */
    static BigInteger uniform(final SplittableRandom rnd) {
        BigInteger v;
        do {
            final byte[] b = new byte[32];
            for (int i = 0; i < 32; i++) {
                b[i] = (byte) rnd.nextInt();
            }
            v = new BigInteger(1, b).shiftRight(4);
        } while (v.compareTo(P) >= 0);
        return v;
    }

    @Test
    void shouldMatchBigIntegerArithmeticOnRandomAndEdgeValues() {
        final SplittableRandom rnd = new SplittableRandom(42);
        final long[] r = new long[4];
        for (int n = 0; n < 20_000; n++) {
            final BigInteger a = random(rnd);
            final BigInteger b = random(rnd);
            final long[] la = StarkField.fromBig(a);
            final long[] lb = StarkField.fromBig(b);
            StarkField.mul(la, lb, r);
            assertThat(StarkField.toBig(r)).isEqualTo(a.multiply(b).multiply(R_INV).mod(P));
            StarkField.add(la, lb, r);
            assertThat(StarkField.toBig(r)).isEqualTo(a.add(b).mod(P));
            StarkField.sub(la, lb, r);
            assertThat(StarkField.toBig(r)).isEqualTo(a.subtract(b).mod(P));
        }
    }

    @Test
    void shouldRoundTripMontgomeryFormAndInvert() {
        final SplittableRandom rnd = new SplittableRandom(7);
        final long[] m = new long[4];
        final long[] i = new long[4];
        final long[] back = new long[4];
        for (int n = 0; n < 500; n++) {
            BigInteger a = random(rnd);
            if (a.signum() == 0) {
                a = BigInteger.TWO;
            }
            StarkField.toMont(StarkField.fromBig(a), m);
            StarkField.fromMont(m, back);
            assertThat(StarkField.toBig(back)).isEqualTo(a);
            StarkField.inv(m, i);
            StarkField.fromMont(i, back);
            assertThat(StarkField.toBig(back)).isEqualTo(a.modInverse(P));
            StarkField.invFast(m, i);
            StarkField.fromMont(i, back);
            assertThat(StarkField.toBig(back)).isEqualTo(a.modInverse(P));
        }
    }
}
