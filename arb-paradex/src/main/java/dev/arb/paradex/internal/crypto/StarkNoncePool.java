package dev.arb.paradex.internal.crypto;

import dev.arb.precompute.PrecomputedPool;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A bounded pool of precomputed STARK-curve ECDSA nonces ({@link StarkNonce}: {@code k⁻¹ mod n} and
 * {@code r = (k·G).x}), so that a signature at decision time is two modular multiplications instead
 * of RFC 6979 and a point multiplication.
 *
 * <p>{@code k} is drawn uniformly from {@code 1..n-1} with {@link SecureRandom} (the platform's
 * default, non-blocking on Linux), never derived from the message. A {@code k} whose
 * {@code (k·G).x} is not in {@code 1..2^251-1} (the range Cairo's {@code verify_ecdsa_signature}
 * and StarkWare's {@code sign} require of r; probability about 2^-55) is drawn again. Each entry is
 * taken by exactly one signature and wiped before it goes back to the free list (a nonce used twice
 * reveals the private key).
 *
 * <p>Hand-off, refill agent and wiping: {@link PrecomputedPool}; the signer's composite agent thread
 * runs {@link #doWork()}. One entry costs 32 mixed additions on the fixed-base table
 * ({@link FixedBaseTable}) and a {@code modInverse}: about 50–150 µs of CPU on the reference VM.
 * Sizes: 64 entries by default ({@link #DEFAULT_CAPACITY}), about 100 bytes each.
 *
 * <p>Limit: the intermediate {@link BigInteger}s of {@code k} are immutable and cannot be wiped.
 *
 * <p><b>Note:</b> thread-safe as {@link PrecomputedPool} says; {@link #fill} runs on the refill thread
 * only (its scratch point and the {@link SecureRandom} are that thread's).
 */
public final class StarkNoncePool extends PrecomputedPool<StarkNonce> {
    /** Default number of entries. */
    public static final int DEFAULT_CAPACITY = 64;
    private static final BigInteger MAX_R = BigInteger.ONE.shiftLeft(251);

    private final SecureRandom random = new SecureRandom();
    private final long[] x = new long[4];

    /**
     * @param capacity number of entries, at least 2
     * @throws IllegalArgumentException if capacity is below 2
     */
    public StarkNoncePool(final int capacity) {
        super(capacity, StarkNonce::new);
    }

    @Override
    public String roleName() {
        return "stark-nonce-pool";
    }

    @Override
    protected void fill(final StarkNonce e) {
        while (true) {
            final BigInteger k = new BigInteger(StarkCurve.N.bitLength(), random);
            if (k.signum() == 0 || k.compareTo(StarkCurve.N) >= 0) {
                continue;
            }
            StarkEcdsa.multiplyG(k, x, null);
            final BigInteger r = StarkField.toBig(x);
            if (r.signum() == 0 || r.compareTo(MAX_R) >= 0) {
                continue;
            }
            put32(k.modInverse(StarkCurve.N), e.kInverse);
            put32(r, e.r);
            return;
        }
    }

    @Override
    protected void wipe(final StarkNonce e) {
        e.wipe();
    }

    private static void put32(final BigInteger v, final byte[] out) {
        final byte[] b = v.toByteArray();
        final int len = Math.min(b.length, 32);
        Arrays.fill(out, (byte) 0);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
    }
}
