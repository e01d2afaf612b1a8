package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;

/**
 * The StarkWare Pedersen hash in pure Java:
 * {@code H(a, b) = [P0 + a_low·P1 + a_high·P2 + b_low·P3 + b_high·P4].x}, where {@code low} is the
 * low 248 bits and {@code high} the top 4 bits of a field element below p; and
 * {@code compute_hash_on_elements} (the typed-data revision-0 array hash, length appended).
 *
 * <p>Each constant point has a precomputed table (11-bit windows for P1 and P3, one 4-bit window for
 * P2 and P4; about 6 MB in all, built lazily once on first use, by class initialisation, so
 * thread-safe). One hash is then at most 48 mixed additions and one field inversion, with no point
 * doubling. A hash whose left operand is a constant can start from a precomputed {@link Prefix}.
 *
 * <p>Sources: protocol reference §5.2 (array hash), §5.6 (Pedersen definition); StarkWare "Pedersen
 * hash function" documentation (constant points). Differential-tested against starknet-jvm's
 * {@code StarknetCurve.pedersen}.
 *
 * <p>Not constant-time (inputs are public message data).
 *
 * <p><b>Note:</b> stateless, thread-safe; the {@code long[]} methods allocate one small scratch
 * object per call.
 */
public final class StarkPedersen {
    private static final int LOW_BITS = 248;

    private StarkPedersen() {
    }

    private static final class Tables {
        static final FixedBaseTable P1 = new FixedBaseTable(StarkCurve.PEDERSEN_P1, 11, LOW_BITS);
        static final FixedBaseTable P2 = new FixedBaseTable(StarkCurve.PEDERSEN_P2, 4, 4);
        static final FixedBaseTable P3 = new FixedBaseTable(StarkCurve.PEDERSEN_P3, 11, LOW_BITS);
        static final FixedBaseTable P4 = new FixedBaseTable(StarkCurve.PEDERSEN_P4, 4, 4);
        static final long[] SHIFT_POINT = affineMont(StarkCurve.PEDERSEN_P0);
    }

    private static long[] affineMont(final BigInteger[] pt) {
        final long[] out = new long[8];
        final long[] tmp = new long[4];
        StarkField.toMont(StarkField.fromBig(pt[0]), tmp);
        System.arraycopy(tmp, 0, out, 0, 4);
        StarkField.toMont(StarkField.fromBig(pt[1]), tmp);
        System.arraycopy(tmp, 0, out, 4, 4);
        return out;
    }

    /** Builds the tables now instead of on the first hash (about 0.2–1 s). */
    public static void warmUp() {
        hash(BigInteger.ONE, BigInteger.TWO);
    }

    /**
     * A constant left operand {@code a}, with {@code P0 + a_low·P1 + a_high·P2} precomputed, so that
     * {@code H(a, b)} costs only the additions of {@code b}.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     */
    public static final class Prefix {
        private final long[] start = new long[8];

        private Prefix(final long[] a) {
            final JacobianAccumulator acc = new JacobianAccumulator();
            acc.set(Tables.SHIFT_POINT, 0);
            Tables.P1.addMultiple(acc, a, 0);
            Tables.P2.addMultiple(acc, a, LOW_BITS);
            acc.toAffineMont(start, 0);
        }

        /**
         * @param b the right operand, a field element below p
         * @return {@code H(a, b)}
         * @throws IllegalArgumentException if b is negative or not below p
         */
        public BigInteger hash(final BigInteger b) {
            final long[] out = new long[4];
            hash(limbs(b), out);
            return StarkField.toBig(out);
        }

        /**
         * @param b   right operand limbs (standard form, below p; not checked)
         * @param out receives {@code H(a, b)} (may alias b)
         */
        public void hash(final long[] b, final long[] out) {
            final JacobianAccumulator acc = new JacobianAccumulator();
            acc.set(start, 0);
            addRight(acc, b);
            acc.toAffine(out, null);
        }
    }

    /**
     * @param a constant left operand, a field element below p
     * @return a precomputed prefix for {@code H(a, ·)}
     * @throws IllegalArgumentException if a is negative or not below p
     */
    public static Prefix prefix(final BigInteger a) {
        return new Prefix(limbs(a));
    }

    /**
     * @param a a field element below p
     * @param b a field element below p
     * @return {@code H(a, b)}
     * @throws IllegalArgumentException if an operand is negative or not below p
     */
    public static BigInteger hash(final BigInteger a, final BigInteger b) {
        final long[] out = new long[4];
        hash(limbs(a), limbs(b), out);
        return StarkField.toBig(out);
    }

    /**
     * {@code compute_hash_on_elements}: {@code H(...H(H(0, e0), e1)..., n)}.
     *
     * @param elements field elements below p
     * @return the array hash
     * @throws IllegalArgumentException if an element is negative or not below p
     */
    public static BigInteger hashOnElements(final BigInteger... elements) {
        final long[] acc = new long[4];
        for (final BigInteger e : elements) {
            hash(acc, limbs(e), acc);
        }
        hash(acc, new long[] {elements.length, 0, 0, 0}, acc);
        return StarkField.toBig(acc);
    }

    /**
     * @param a   left operand limbs (standard form, below p; not checked)
     * @param b   right operand limbs (standard form, below p; not checked)
     * @param out receives {@code H(a, b)} (may alias a or b)
     */
    public static void hash(final long[] a, final long[] b, final long[] out) {
        final JacobianAccumulator acc = new JacobianAccumulator();
        acc.set(Tables.SHIFT_POINT, 0);
        Tables.P1.addMultiple(acc, a, 0);
        Tables.P2.addMultiple(acc, a, LOW_BITS);
        addRight(acc, b);
        acc.toAffine(out, null);
    }

    private static void addRight(final JacobianAccumulator acc, final long[] b) {
        Tables.P3.addMultiple(acc, b, 0);
        Tables.P4.addMultiple(acc, b, LOW_BITS);
    }

    /**
     * @param v a field element
     * @return its limbs
     * @throws IllegalArgumentException if negative or not below p
     */
    static long[] limbs(final BigInteger v) {
        if (v.signum() < 0 || v.compareTo(StarkField.P) >= 0) {
            throw new IllegalArgumentException("not a field element below p");
        }
        return StarkField.fromBig(v);
    }
}
