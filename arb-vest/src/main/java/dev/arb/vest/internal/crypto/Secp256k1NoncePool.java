package dev.arb.vest.internal.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A bounded pool of precomputed secp256k1 ECDSA nonces ({@link Secp256k1Nonce}: {@code k⁻¹ mod n},
 * {@code r = (k·G).x}, parity of {@code (k·G).y}), so that a signature at decision time is two
 * modular multiplications instead of RFC 6979 and a point multiplication.
 *
 * <p>{@code k} is drawn uniformly from {@code 1..n-1} with {@link SecureRandom} (the platform's
 * default, non-blocking on Linux: {@code NativePRNG} reading {@code /dev/urandom}), never derived
 * from the message, so the same digest signed twice gives two different valid signatures. A
 * {@code k} whose {@code (k·G).x} is {@code ≥ n} (probability about 2^-128) is drawn again, so the
 * recovery id is always 0 or 1. Each entry is taken by exactly one signature and wiped before it
 * goes back to the free list (SEC 1 §4.1.3: a nonce used twice reveals the private key).
 *
 * <p>Hand-off: {@code capacity} entries are allocated once and circulate between two Agrona queues,
 * {@code free} (many signing threads → the refill thread) and {@code ready} (the refill thread →
 * many signing threads); no allocation on the signing side. The refill work is an Agrona
 * {@link Agent} ({@link #doWork()}: fill up to 8 free entries), run on its own daemon thread by
 * {@link #start(String)} with a backoff idle strategy that parks for at most 100 ms; a signer that
 * leaves the pool at or below half full unparks it. One entry costs about 32 mixed additions on the
 * fixed-base table plus a {@code modInverse}, 50–100 µs of CPU on the reference VM.
 *
 * <p>Sizes: 64 entries by default ({@link #DEFAULT_CAPACITY}), about 100 bytes each; the queues
 * round up to a power of two.
 *
 * <p>Limit: the intermediate {@link BigInteger}s of {@code k} are immutable and cannot be wiped;
 * they become unreachable garbage, as in every BouncyCastle signer.
 *
 * <p><b>Note:</b> {@link #take()} and {@link #release(Secp256k1Nonce)} are thread-safe;
 * {@link #doWork()} must run on one thread at a time (the agent's, or a test's when not started).
 */
public final class Secp256k1NoncePool implements Agent {
    /** Default number of entries. */
    public static final int DEFAULT_CAPACITY = 64;
    private static final int BATCH = 8;
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ManyToManyConcurrentArrayQueue<Secp256k1Nonce> ready;
    private final ManyToOneConcurrentArrayQueue<Secp256k1Nonce> free;
    private final int capacity;
    private final int lowWater;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong filled = new AtomicLong();
    private volatile Thread filler;
    private AgentRunner runner;

    /**
     * @param capacity number of entries, at least 2
     * @throws IllegalArgumentException if capacity is below 2
     */
    public Secp256k1NoncePool(final int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2, was " + capacity);
        }
        this.capacity = capacity;
        this.lowWater = capacity / 2;
        this.ready = new ManyToManyConcurrentArrayQueue<>(capacity);
        this.free = new ManyToOneConcurrentArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++) {
            free.offer(new Secp256k1Nonce());
        }
    }

    /**
     * Starts the refill thread (daemon). Call at most once; {@link #close()} stops it.
     *
     * @param threadName name of the refill thread
     * @return this
     */
    public synchronized Secp256k1NoncePool start(final String threadName) {
        if (runner == null) {
            runner = new AgentRunner(new BackoffIdleStrategy(1, 1, TimeUnit.MILLISECONDS.toNanos(1), MAX_PARK_NS),
                t -> { }, null, this);
            final ThreadFactory daemon = r -> {
                final Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            };
            AgentRunner.startOnThread(runner, daemon);
        }
        return this;
    }

    /** Stops the refill thread, if started, and wipes every entry still ready. */
    public synchronized void close() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
        Secp256k1Nonce e;
        while ((e = ready.poll()) != null) {
            release(e);
        }
    }

    @Override
    public void onStart() {
        filler = Thread.currentThread();
    }

    /**
     * Fills up to 8 free entries (on the refill thread, or on a test's thread if not started).
     *
     * @return the number of entries filled
     */
    @Override
    public int doWork() {
        int n = 0;
        Secp256k1Nonce e;
        while (n < BATCH && (e = free.poll()) != null) {
            fill(e);
            ready.offer(e);
            n++;
        }
        return n;
    }

    @Override
    public String roleName() {
        return "secp256k1-nonce-pool";
    }

    /**
     * Takes a ready entry for one signature; give it back with {@link #release} once signed.
     *
     * @return the entry, or null if the pool is empty
     */
    Secp256k1Nonce take() {
        final Secp256k1Nonce e = ready.poll();
        if (ready.size() <= lowWater) {
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
    void release(final Secp256k1Nonce e) {
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

    private void fill(final Secp256k1Nonce e) {
        while (true) {
            final BigInteger k = new BigInteger(256, random);
            if (k.signum() == 0 || k.compareTo(Secp256k1Signer.N) >= 0) {
                continue;
            }
            final ECPoint p = Secp256k1Signer.multiplyG(k);
            final BigInteger x = p.getAffineXCoord().toBigInteger();
            if (x.signum() == 0 || x.compareTo(Secp256k1Signer.N) >= 0) {
                continue;
            }
            Secp256k1Signer.put32(k.modInverse(Secp256k1Signer.N), e.kInverse, 0);
            Secp256k1Signer.put32(x, e.r, 0);
            e.yParity = p.getAffineYCoord().testBitZero() ? 1 : 0;
            filled.incrementAndGet();
            return;
        }
    }

    @Override
    public String toString() {
        return "Secp256k1NoncePool{capacity=" + capacity + ", ready=" + ready.size() + '}';
    }
}
