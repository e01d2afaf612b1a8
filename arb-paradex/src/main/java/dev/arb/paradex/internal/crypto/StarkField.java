package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.raw.Mod;

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
    /** p as eight little-endian 32-bit words, for {@link Mod}. */
    private static final int[] P_WORDS = {1, 0, 0, 0, 0, 0, 0x11, 0x08000000};

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

    /** Carry out of bit 63 of {@code s = x + y (+ carry in)}: 0 or 1, without a branch. */
    private static long carry(final long x, final long y, final long s) {
        return ((x & y) | ((x | y) & ~s)) >>> 63;
    }

    /** Borrow out of bit 63 of {@code d = x - y (- borrow in)}: 0 or 1, without a branch. */
    private static long borrow(final long x, final long y, final long d) {
        return ((~x & y) | ((~x | y) & d)) >>> 63;
    }

    /**
     * r = a·b/R mod p (Montgomery product); a, b below p. Branch-free CIOS: every carry is computed
     * arithmetically, because carries of random field elements are unpredictable and mispredicted
     * branches dominated the earlier version (about 170 ns per product).
     */
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
            // t += a·bi
            long lo = a0 * bi;
            long hi = umulh(a0, bi);
            long s = t0 + lo;
            hi += carry(t0, lo, s);
            t0 = s;
            long c = hi;

            lo = a1 * bi;
            hi = umulh(a1, bi);
            s = t1 + lo;
            hi += carry(t1, lo, s);
            long s2 = s + c;
            hi += carry(s, c, s2);
            t1 = s2;
            c = hi;

            lo = a2 * bi;
            hi = umulh(a2, bi);
            s = t2 + lo;
            hi += carry(t2, lo, s);
            s2 = s + c;
            hi += carry(s, c, s2);
            t2 = s2;
            c = hi;

            lo = a3 * bi;
            hi = umulh(a3, bi);
            s = t3 + lo;
            hi += carry(t3, lo, s);
            s2 = s + c;
            hi += carry(s, c, s2);
            t3 = s2;
            c = hi;

            s = t4 + c;
            final long t5 = carry(t4, c, s);
            t4 = s;

            // m = t0 · (-p^-1) mod 2^64 = -t0; t += m·p (p = 1 + P3·2^192); then shift one limb right.
            // t0 + m = 0 mod 2^64 with a carry exactly when t0 != 0.
            final long m = -t0;
            c = (t0 | m) >>> 63;
            final long n0 = t1 + c;
            c = carry(t1, c, n0);
            final long n1 = t2 + c;
            c = carry(t2, c, n1);
            lo = m * P3;
            hi = Math.multiplyHigh(m, P3) + ((m >> 63) & P3);
            s = t3 + lo;
            hi += carry(t3, lo, s);
            final long n2 = s + c;
            hi += carry(s, c, n2);
            final long n3 = t4 + hi;
            c = carry(t4, hi, n3);
            t0 = n0;
            t1 = n1;
            t2 = n2;
            t3 = n3;
            t4 = t5 + c;
        }
        // conditional subtraction of p without a branch: keep t - p unless it borrowed
        final long d0 = t0 - P0;
        long br = borrow(t0, P0, d0);
        final long d1 = t1 - br;
        br = borrow(t1, 0, d1);
        final long d2 = t2 - br;
        br = borrow(t2, 0, d2);
        final long d3 = t3 - P3 - br;
        br = borrow(t3, P3, d3);
        final long d4 = t4 - br;
        final long keep = d4 >> 63; // all ones when t < p: keep t
        r[0] = (t0 & keep) | (d0 & ~keep);
        r[1] = (t1 & keep) | (d1 & ~keep);
        r[2] = (t2 & keep) | (d2 & ~keep);
        r[3] = (t3 & keep) | (d3 & ~keep);
    }

    /** r = a² (Montgomery). */
    static void sqr(final long[] a, final long[] r) {
        mul(a, a, r);
    }

    /** r = a + b mod p; a, b below p. Branch-free. */
    static void add(final long[] a, final long[] b, final long[] r) {
        final long a0 = a[0];
        final long a1 = a[1];
        final long a2 = a[2];
        final long a3 = a[3];
        final long b0 = b[0];
        final long b1 = b[1];
        final long b2 = b[2];
        final long b3 = b[3];
        final long s0 = a0 + b0;
        long c = carry(a0, b0, s0);
        final long s1 = a1 + b1 + c;
        c = carry(a1, b1, s1);
        final long s2 = a2 + b2 + c;
        c = carry(a2, b2, s2);
        final long s3 = a3 + b3 + c; // below 2^253: no carry out
        final long d0 = s0 - P0;
        long br = borrow(s0, P0, d0);
        final long d1 = s1 - br;
        br = borrow(s1, 0, d1);
        final long d2 = s2 - br;
        br = borrow(s2, 0, d2);
        final long d3 = s3 - P3 - br; // negative exactly when s < p (s3 < 2^61)
        final long keep = d3 >> 63;
        r[0] = (s0 & keep) | (d0 & ~keep);
        r[1] = (s1 & keep) | (d1 & ~keep);
        r[2] = (s2 & keep) | (d2 & ~keep);
        r[3] = (s3 & keep) | (d3 & ~keep);
    }

    /** r = a - b mod p; a, b below p. Branch-free. */
    static void sub(final long[] a, final long[] b, final long[] r) {
        final long a0 = a[0];
        final long a1 = a[1];
        final long a2 = a[2];
        final long a3 = a[3];
        final long b0 = b[0];
        final long b1 = b[1];
        final long b2 = b[2];
        final long b3 = b[3];
        final long d0 = a0 - b0;
        long br = borrow(a0, b0, d0);
        final long d1 = a1 - b1 - br;
        br = borrow(a1, b1, d1);
        final long d2 = a2 - b2 - br;
        br = borrow(a2, b2, d2);
        final long d3 = a3 - b3 - br; // values below 2^252: the sign of the top limb tells a borrow out
        final long mask = d3 >> 63;   // all ones when a < b: add p
        final long q0 = P0 & mask;
        final long q3 = P3 & mask;
        final long e0 = d0 + q0;
        long c = carry(d0, q0, e0);
        final long e1 = d1 + c;
        c = carry(d1, 0, e1);
        final long e2 = d2 + c;
        c = carry(d2, 0, e2);
        r[0] = e0;
        r[1] = e1;
        r[2] = e2;
        r[3] = d3 + q3 + c;
    }

    /**
     * r = a^-1 (Montgomery in, Montgomery out) through Bouncy Castle's variable-time safegcd
     * ({@link Mod#modOddInverseVar}, Bernstein–Yang divsteps on 32-bit words), measured several times
     * faster here than {@link BigInteger#modInverse} and than {@link #inv}'s 268 Montgomery
     * multiplications; a must not be zero. Variable time: only for public or per-use blinded values
     * (curve point coordinates here).
     *
     * @throws ArithmeticException if a is zero
     */
    static void invFast(final long[] a, final long[] r) {
        final long[] plain = new long[4];
        fromMont(a, plain);
        final int[] x = new int[8];
        for (int i = 0; i < 4; i++) {
            x[2 * i] = (int) plain[i];
            x[2 * i + 1] = (int) (plain[i] >>> 32);
        }
        final int[] z = new int[8];
        if (!Mod.modOddInverseVar(P_WORDS, x, z)) {
            throw new ArithmeticException("zero has no inverse");
        }
        for (int i = 0; i < 4; i++) {
            plain[i] = (z[2 * i] & 0xFFFFFFFFL) | ((long) z[2 * i + 1] << 32);
        }
        toMont(plain, r);
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
