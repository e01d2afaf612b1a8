package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;

/**
 * Precomputed multiples of one fixed point for windowed fixed-base scalar multiplication without
 * doublings: for window {@code w} and digit {@code d} in {@code 1..2^width-1}, the affine point
 * {@code d·2^(width·w)·B} in Montgomery form. A scalar multiplication of {@code bits} bits is then
 * one mixed addition per non-zero digit, at most {@code ceil(bits/width)}.
 *
 * <p>Built with Jacobian additions in {@link StarkField} and one batched inversion per window
 * (Montgomery's trick). Memory: {@code windows·(2^width-1)·64} bytes (about 3 MB for 11-bit windows
 * over 248 bits).
 *
 * <p><b>Note:</b> immutable after construction, thread-safe.
 */
final class FixedBaseTable {
    private final int width;
    private final int windows;
    private final int bits;
    private final int mask;
    /** [(w·(2^width-1) + d-1)·8 ..]: x limbs then y limbs, Montgomery form. */
    private final long[] points;

    /**
     * @param base  the fixed point (affine), not infinity
     * @param width bits per window, 1..16
     * @param bits  scalar bits covered, from the shift given to {@link #addMultiple}
     */
    FixedBaseTable(final BigInteger[] base, final int width, final int bits) {
        this.width = width;
        this.bits = bits;
        this.windows = (bits + width - 1) / width;
        this.mask = (1 << width) - 1;
        this.points = new long[windows * mask * 8];
        final long[] jac = new long[mask * 12];
        final long[] windowBase = new long[8];
        final long[] tmp = new long[4];
        StarkField.toMont(StarkField.fromBig(base[0]), tmp);
        System.arraycopy(tmp, 0, windowBase, 0, 4);
        StarkField.toMont(StarkField.fromBig(base[1]), tmp);
        System.arraycopy(tmp, 0, windowBase, 4, 4);
        final JacobianAccumulator acc = new JacobianAccumulator();
        for (int w = 0; w < windows; w++) {
            acc.reset();
            for (int d = 1; d <= mask; d++) {
                acc.addAffine(windowBase, 0);
                acc.copyJacobian(jac, (d - 1) * 12);
            }
            normalize(jac, w * mask * 8);
            // next window base: 2^width · B_w = (2^width - 1)·B_w + B_w
            acc.addAffine(windowBase, 0);
            acc.toAffineMont(windowBase, 0);
        }
    }

    /** Converts the {@code mask} Jacobian points of {@code jac} to affine into {@code points} at {@code off}. */
    private void normalize(final long[] jac, final int off) {
        // prefix products of Z, one inversion, then walk back
        final long[] prefix = new long[mask * 4];
        final long[] z = new long[4];
        final long[] t = new long[4];
        System.arraycopy(jac, 8, prefix, 0, 4);
        for (int i = 1; i < mask; i++) {
            System.arraycopy(jac, i * 12 + 8, z, 0, 4);
            System.arraycopy(prefix, (i - 1) * 4, t, 0, 4);
            StarkField.mul(t, z, t);
            System.arraycopy(t, 0, prefix, i * 4, 4);
        }
        final long[] inv = new long[4];
        System.arraycopy(prefix, (mask - 1) * 4, t, 0, 4);
        StarkField.invFast(t, inv); // inv = 1 / (Z_0 ... Z_{n-1})
        final long[] zi = new long[4];
        final long[] zi2 = new long[4];
        final long[] c = new long[4];
        for (int i = mask - 1; i >= 0; i--) {
            if (i > 0) {
                System.arraycopy(prefix, (i - 1) * 4, t, 0, 4);
                StarkField.mul(inv, t, zi); // 1/Z_i
                System.arraycopy(jac, i * 12 + 8, z, 0, 4);
                StarkField.mul(inv, z, inv); // 1 / (Z_0 ... Z_{i-1})
            } else {
                System.arraycopy(inv, 0, zi, 0, 4);
            }
            StarkField.sqr(zi, zi2);
            System.arraycopy(jac, i * 12, c, 0, 4);
            StarkField.mul(c, zi2, c);
            System.arraycopy(c, 0, points, off + i * 8, 4);
            StarkField.mul(zi2, zi, zi2);
            System.arraycopy(jac, i * 12 + 4, c, 0, 4);
            StarkField.mul(c, zi2, c);
            System.arraycopy(c, 0, points, off + i * 8 + 4, 4);
        }
    }

    /**
     * Adds {@code (scalar bits shift..shift+bits-1)·B} to the accumulator.
     *
     * @param acc    the accumulator
     * @param scalar little-endian limbs of the scalar (standard form)
     * @param shift  bit index of the scalar where window 0 starts
     */
    void addMultiple(final JacobianAccumulator acc, final long[] scalar, final int shift) {
        for (int w = 0; w < windows; w++) {
            final int bit = shift + w * width;
            if (bit >= 256) {
                break;
            }
            final int limb = bit >>> 6;
            final int inLimb = bit & 63;
            long v = scalar[limb] >>> inLimb;
            if (inLimb + width > 64 && limb < 3) {
                v |= scalar[limb + 1] << (64 - inLimb);
            }
            final int left = bits - w * width;
            final int d = (int) (v & (left < width ? (1 << left) - 1 : mask));
            if (d != 0) {
                acc.addAffine(points, (w * mask + d - 1) * 8);
            }
        }
    }
}
