package dev.arb.paradex.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the branch-free {@link StarkField} multiply, square, add and subtract
 * against {@link BigInteger} modular arithmetic, on random field elements and on edge values where
 * carries and the final conditional subtraction of p change (0, 1, p-1, values near 2^251, 2^192,
 * limbs of all ones).
 */
class StarkFieldDifferentialTest {
    private static final BigInteger P = StarkField.P;
    private static final BigInteger R_INV = BigInteger.ONE.shiftLeft(256).modInverse(P);

    private static List<BigInteger> edgeValues() {
        final List<BigInteger> edges = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            edges.add(BigInteger.valueOf(d));
            edges.add(P.subtract(BigInteger.valueOf(d + 1)));
            edges.add(BigInteger.ONE.shiftLeft(251).add(BigInteger.valueOf(d)));
            edges.add(BigInteger.ONE.shiftLeft(251).subtract(BigInteger.valueOf(d + 1)));
            edges.add(BigInteger.ONE.shiftLeft(192).add(BigInteger.valueOf(d)));
            edges.add(BigInteger.ONE.shiftLeft(192).subtract(BigInteger.valueOf(d + 1)));
            edges.add(BigInteger.ONE.shiftLeft(64 * (d + 1) - 1).mod(P));
        }
        edges.add(BigInteger.ONE.shiftLeft(256).mod(P)); // R mod p
        edges.add(BigInteger.ONE.shiftLeft(251).add(BigInteger.valueOf(17).shiftLeft(192))); // p - 1
        edges.add(BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE).shiftLeft(0)); // three limbs of ones
        edges.add(P.shiftRight(1));
        edges.add(P.shiftRight(1).add(BigInteger.ONE));
        return edges;
    }

    private static BigInteger random(final SplittableRandom rnd) {
        return StarkFieldTest.uniform(rnd);
    }

    private static void check(final BigInteger a, final BigInteger b) {
        final long[] la = StarkField.fromBig(a);
        final long[] lb = StarkField.fromBig(b);
        final long[] r = new long[4];
        StarkField.mul(la, lb, r);
        assertThat(StarkField.toBig(r)).as("mul %s %s", a, b).isEqualTo(a.multiply(b).multiply(R_INV).mod(P));
        StarkField.sqr(la, r);
        assertThat(StarkField.toBig(r)).as("sqr %s", a).isEqualTo(a.multiply(a).multiply(R_INV).mod(P));
        StarkField.add(la, lb, r);
        assertThat(StarkField.toBig(r)).as("add %s %s", a, b).isEqualTo(a.add(b).mod(P));
        StarkField.sub(la, lb, r);
        assertThat(StarkField.toBig(r)).as("sub %s %s", a, b).isEqualTo(a.subtract(b).mod(P));
        // aliased output
        final long[] alias = la.clone();
        StarkField.mul(alias, lb, alias);
        assertThat(StarkField.toBig(alias)).isEqualTo(a.multiply(b).multiply(R_INV).mod(P));
        final long[] aliasSqr = la.clone();
        StarkField.sqr(aliasSqr, aliasSqr);
        assertThat(StarkField.toBig(aliasSqr)).isEqualTo(a.multiply(a).multiply(R_INV).mod(P));
    }

    @Test
    void shouldMatchBigIntegerOnEveryPairOfEdgeValues() {
        final List<BigInteger> edges = edgeValues();
        for (final BigInteger a : edges) {
            assertThat(a).isLessThan(P);
            for (final BigInteger b : edges) {
                check(a, b);
            }
        }
    }

    @Test
    void shouldMatchBigIntegerOnTwentyThousandRandomPairsMixedWithEdgeValues() {
        final SplittableRandom rnd = new SplittableRandom(20261122L);
        final List<BigInteger> edges = edgeValues();
        for (int n = 0; n < 20_000; n++) {
            final BigInteger a = rnd.nextInt(8) == 0 ? edges.get(rnd.nextInt(edges.size())) : random(rnd);
            final BigInteger b = rnd.nextInt(8) == 0 ? edges.get(rnd.nextInt(edges.size())) : random(rnd);
            check(a, b);
        }
    }

    @Test
    void shouldKeepMontgomeryChainsEqualToBigIntegerPowers() {
        final SplittableRandom rnd = new SplittableRandom(3);
        final long[] m = new long[4];
        final long[] acc = new long[4];
        final long[] plain = new long[4];
        for (int n = 0; n < 200; n++) {
            final BigInteger a = random(rnd);
            StarkField.toMont(StarkField.fromBig(a), m);
            System.arraycopy(m, 0, acc, 0, 4);
            for (int k = 0; k < 50; k++) {
                StarkField.sqr(acc, acc);
                StarkField.mul(acc, m, acc);
            }
            StarkField.fromMont(acc, plain);
            // after k rounds the exponent e satisfies e' = 2e + 1, starting at e = 1: e = 2^51 - 1
            assertThat(StarkField.toBig(plain)).isEqualTo(a.modPow(BigInteger.ONE.shiftLeft(51).subtract(BigInteger.ONE), P));
        }
    }

    @Test
    void shouldInvertEdgeAndRandomValuesLikeBigInteger() {
        final List<BigInteger> values = edgeValues();
        final SplittableRandom rnd = new SplittableRandom(11);
        for (int n = 0; n < 2_000; n++) {
            values.add(random(rnd));
        }
        final long[] m = new long[4];
        final long[] inv = new long[4];
        final long[] plain = new long[4];
        for (final BigInteger a : values) {
            if (a.signum() == 0) {
                continue;
            }
            StarkField.toMont(StarkField.fromBig(a), m);
            StarkField.invFast(m, inv);
            StarkField.fromMont(inv, plain);
            assertThat(StarkField.toBig(plain)).as("inverse of %s", a).isEqualTo(a.modInverse(P));
        }
    }

    @Test
    void shouldRejectInvertingZero() {
        assertThatThrownBy(() -> StarkField.invFast(new long[4], new long[4])).isInstanceOf(ArithmeticException.class);
    }
}
