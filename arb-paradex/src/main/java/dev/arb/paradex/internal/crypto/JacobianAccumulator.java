package dev.arb.paradex.internal.crypto;

/**
 * A mutable STARK-curve point in Jacobian coordinates {@code (X, Y, Z)}, {@code x = X/Z²},
 * {@code y = Y/Z³}, Montgomery form, with preallocated temporaries: mixed addition of affine
 * table points (11 field multiplications), doubling only for the equal-points case.
 *
 * <p><b>Note:</b> not thread-safe; one instance per computation.
 */
final class JacobianAccumulator {
    private final long[] x = new long[4];
    private final long[] y = new long[4];
    private final long[] z = new long[4];
    private boolean infinity = true;
    private final long[] x2 = new long[4];
    private final long[] y2 = new long[4];
    private final long[] t1 = new long[4];
    private final long[] t2 = new long[4];
    private final long[] h = new long[4];
    private final long[] r = new long[4];
    private final long[] t3 = new long[4];

    /** Sets the accumulator to infinity. */
    void reset() {
        infinity = true;
    }

    /** Sets the accumulator to the affine point at {@code off} of {@code pts} (x then y limbs, Montgomery). */
    void set(final long[] pts, final int off) {
        System.arraycopy(pts, off, x, 0, 4);
        System.arraycopy(pts, off + 4, y, 0, 4);
        System.arraycopy(StarkField.MONT_ONE, 0, z, 0, 4);
        infinity = false;
    }

    /** Writes X, Y, Z (Montgomery limbs) at {@code off} of {@code out}; the point must not be infinity. */
    void copyJacobian(final long[] out, final int off) {
        if (infinity) {
            throw new ArithmeticException("point at infinity");
        }
        System.arraycopy(x, 0, out, off, 4);
        System.arraycopy(y, 0, out, off + 4, 4);
        System.arraycopy(z, 0, out, off + 8, 4);
    }

    boolean isInfinity() {
        return infinity;
    }

    /** this += the affine point at {@code off} of {@code pts}. */
    void addAffine(final long[] pts, final int off) {
        if (infinity) {
            set(pts, off);
            return;
        }
        System.arraycopy(pts, off, x2, 0, 4);
        System.arraycopy(pts, off + 4, y2, 0, 4);
        StarkField.sqr(z, t1);          // Z1Z1
        StarkField.mul(x2, t1, t2);     // U2
        StarkField.mul(t1, z, t1);      // Z1^3
        StarkField.mul(y2, t1, t1);     // S2
        StarkField.sub(t2, x, h);       // H = U2 - X1
        StarkField.sub(t1, y, r);       // R = S2 - Y1
        if (StarkField.isZero(h)) {
            if (StarkField.isZero(r)) {
                twice();
            } else {
                infinity = true;
            }
            return;
        }
        StarkField.sqr(h, t1);          // HH
        StarkField.mul(h, t1, t2);      // HHH
        StarkField.mul(x, t1, t3);      // V = X1·HH
        StarkField.mul(z, h, z);        // Z3 = Z1·H
        StarkField.sqr(r, x);           // R²
        StarkField.sub(x, t2, x);       // R² - HHH
        StarkField.sub(x, t3, x);
        StarkField.sub(x, t3, x);       // X3 = R² - HHH - 2V
        StarkField.mul(y, t2, t2);      // Y1·HHH
        StarkField.sub(t3, x, t3);      // V - X3
        StarkField.mul(r, t3, y);       // R·(V - X3)
        StarkField.sub(y, t2, y);       // Y3
    }

    /** this = 2·this (a = 1). */
    void twice() {
        if (infinity) {
            return;
        }
        if (StarkField.isZero(y)) {
            infinity = true;
            return;
        }
        StarkField.sqr(x, t1);          // XX
        StarkField.sqr(y, t2);          // YY
        StarkField.mul(x, t2, t3);      // X·YY
        StarkField.add(t3, t3, t3);
        StarkField.add(t3, t3, t3);     // S = 4·X·YY
        StarkField.sqr(t2, t2);         // YYYY
        StarkField.sqr(z, h);           // ZZ
        StarkField.sqr(h, h);           // ZZ² (a = 1)
        StarkField.add(t1, t1, r);
        StarkField.add(r, t1, r);
        StarkField.add(r, h, r);        // M = 3·XX + ZZ²
        StarkField.mul(y, z, z);
        StarkField.add(z, z, z);        // Z3 = 2·Y·Z
        StarkField.sqr(r, x);
        StarkField.sub(x, t3, x);
        StarkField.sub(x, t3, x);       // X3 = M² - 2S
        StarkField.sub(t3, x, t3);
        StarkField.mul(r, t3, y);       // M·(S - X3)
        StarkField.add(t2, t2, t2);
        StarkField.add(t2, t2, t2);
        StarkField.add(t2, t2, t2);     // 8·YYYY
        StarkField.sub(y, t2, y);
    }

    /**
     * Converts to affine, standard (non-Montgomery) form.
     *
     * @param outX receives x (4 limbs)
     * @param outY receives y (4 limbs), or {@code null} to skip it
     * @throws ArithmeticException if the point is at infinity
     */
    void toAffine(final long[] outX, final long[] outY) {
        if (infinity) {
            throw new ArithmeticException("point at infinity");
        }
        StarkField.invFast(z, t1);
        StarkField.sqr(t1, t2);
        StarkField.mul(x, t2, t3);
        StarkField.fromMont(t3, outX);
        if (outY != null) {
            StarkField.mul(t2, t1, t2);
            StarkField.mul(y, t2, t3);
            StarkField.fromMont(t3, outY);
        }
    }

    /** Writes the affine point in Montgomery form at {@code off} of {@code out} (x then y). */
    void toAffineMont(final long[] out, final int off) {
        if (infinity) {
            throw new ArithmeticException("point at infinity");
        }
        StarkField.invFast(z, t1);
        StarkField.sqr(t1, t2);
        StarkField.mul(x, t2, t3);
        System.arraycopy(t3, 0, out, off, 4);
        StarkField.mul(t2, t1, t2);
        StarkField.mul(y, t2, t3);
        System.arraycopy(t3, 0, out, off + 4, 4);
    }
}
