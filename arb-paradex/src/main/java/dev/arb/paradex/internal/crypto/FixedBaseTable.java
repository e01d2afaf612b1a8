package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;

/**
 * Precomputed multiples of one fixed point for windowed fixed-base scalar multiplication without
 * doublings: for window {@code w} and digit {@code d} in {@code 1..2^width-1}, the affine point
 * {@code d·2^(width·w)·B} in Montgomery form. A scalar multiplication is then one mixed addition
 * per non-zero digit.
 *
 * <p>Memory: {@code windows·(2^width-1)·64} bytes (about 0.5 MB for 8-bit windows over 252 bits).
 *
 * <p><b>Note:</b> immutable after construction, thread-safe.
 */
final class FixedBaseTable {
    private final int width;
    private final int windows;
    private final int mask;
    /** [(w·(2^width-1) + d-1)·8 ..]: x limbs then y limbs, Montgomery form. */
    private final long[] points;

    /**
     * @param base    the fixed point (affine), not infinity
     * @param width   bits per window, 1..8
     * @param windows number of windows (covers {@code width·windows} scalar bits)
     */
    FixedBaseTable(final BigInteger[] base, final int width, final int windows) {
        this.width = width;
        this.windows = windows;
        this.mask = (1 << width) - 1;
        this.points = new long[windows * mask * 8];
        final long[] tmp = new long[4];
        BigInteger[] windowBase = base;
        for (int w = 0; w < windows; w++) {
            BigInteger[] multiple = windowBase;
            for (int d = 1; d <= mask; d++) {
                final int off = (w * mask + d - 1) * 8;
                StarkField.toMont(StarkField.fromBig(multiple[0]), tmp);
                System.arraycopy(tmp, 0, points, off, 4);
                StarkField.toMont(StarkField.fromBig(multiple[1]), tmp);
                System.arraycopy(tmp, 0, points, off + 4, 4);
                if (d < mask) {
                    multiple = StarkCurve.add(multiple, windowBase);
                }
            }
            windowBase = StarkCurve.add(multiple, windowBase); // 2^width · windowBase
        }
    }

    /**
     * Adds {@code (digits of scalar in windows fromWindow..)·B} to the accumulator.
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
            final int d = (int) (v & mask);
            if (d != 0) {
                acc.addAffine(points, (w * mask + d - 1) * 8);
            }
        }
    }
}
