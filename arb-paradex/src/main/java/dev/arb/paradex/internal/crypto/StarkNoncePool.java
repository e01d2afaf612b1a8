package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

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
 * <p>Hand-off: {@code capacity} entries are allocated once and circulate between two Agrona queues,
 * {@code free} (signing threads → refill thread) and {@code ready} (refill thread → signing
 * threads); no allocation on the signing side. {@link #doWork()} (an Agrona {@link Agent}) fills up
 * to 8 free entries; the signer's agent thread runs it, and a signer that leaves the pool at or below
 * half full unparks that thread. One entry costs 32 mixed additions on the fixed-base table
 * ({@link FixedBaseTable}) and a {@code modInverse}: about 50–150 µs of CPU on the reference VM.
 * Sizes: 64 entries by default ({@link #DEFAULT_CAPACITY}), about 100 bytes each.
 *
 * <p>Limit: the intermediate {@link BigInteger}s of {@code k} are immutable and cannot be wiped.
 *
 * <p><b>Note:</b> {@link #take()} and {@link #release(StarkNonce)} are thread-safe; {@link #doWork()}
 * must run on one thread at a time (the agent's, or a test's when no agent runs it).
 */
public final class StarkNoncePool implements Agent {
    /** Default number of entries. */
    public static final int DEFAULT_CAPACITY = 64;
    private static final int BATCH = 8;
    private static final BigInteger MAX_R = BigInteger.ONE.shiftLeft(251);

    private final ManyToManyConcurrentArrayQueue<StarkNonce> ready;
    private final ManyToOneConcurrentArrayQueue<StarkNonce> free;
    private final int capacity;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong filled = new AtomicLong();
    private final long[] x = new long[4];
    private volatile Thread filler;

    /**
     * @param capacity number of entries, at least 2
     * @throws IllegalArgumentException if capacity is below 2
     */
    public StarkNoncePool(final int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2, was " + capacity);
        }
        this.capacity = capacity;
        this.ready = new ManyToManyConcurrentArrayQueue<>(capacity);
        this.free = new ManyToOneConcurrentArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++) {
            free.offer(new StarkNonce());
        }
    }

    @Override
    public void onStart() {
        filler = Thread.currentThread();
    }

    /**
     * Fills up to 8 free entries.
     *
     * @return the number of entries filled
     */
    @Override
    public int doWork() {
        int n = 0;
        StarkNonce e;
        while (n < BATCH && (e = free.poll()) != null) {
            fill(e);
            ready.offer(e);
            n++;
        }
        return n;
    }

    /** Wipes every entry still ready (when the agent closes). */
    @Override
    public void onClose() {
        StarkNonce e;
        while ((e = ready.poll()) != null) {
            release(e);
        }
    }

    @Override
    public String roleName() {
        return "stark-nonce-pool";
    }

    /**
     * Takes a ready entry for one signature; give it back with {@link #release} once signed.
     *
     * @return the entry, or null if the pool is empty
     */
    StarkNonce take() {
        final StarkNonce e = ready.poll();
        if (ready.size() <= capacity / 2) {
            final Thread t = filler;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        return e;
    }

    /**
     * Wipes a used entry and returns it to the free list.
     *
     * @param e an entry from {@link #take()}, used once
     */
    void release(final StarkNonce e) {
        e.wipe();
        free.offer(e);
    }

    /** @return entries ready now */
    public int available() {
        return ready.size();
    }

    /** @return number of entries */
    public int capacity() {
        return capacity;
    }

    /** @return entries filled since creation (a monotonic count) */
    public long filledCount() {
        return filled.get();
    }

    private void fill(final StarkNonce e) {
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
            filled.incrementAndGet();
            return;
        }
    }

    private static void put32(final BigInteger v, final byte[] out) {
        final byte[] b = v.toByteArray();
        final int len = Math.min(b.length, 32);
        java.util.Arrays.fill(out, (byte) 0);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
    }

    @Override
    public String toString() {
        return "StarkNoncePool{capacity=" + capacity + ", ready=" + ready.size() + '}';
    }
}
