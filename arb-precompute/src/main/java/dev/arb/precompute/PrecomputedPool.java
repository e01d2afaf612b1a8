package dev.arb.precompute;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * A bounded pool of entries computed ahead, off the thread that needs them, each used exactly once: the
 * venues' ECDSA nonce pools (a nonce used twice reveals the private key, SEC 1 §4.1.3) are two of them.
 *
 * <p>Hand-off: {@code capacity} entries are allocated once and circulate between two Agrona queues,
 * {@code free} (many using threads → the refill thread) and {@code ready} (the refill thread → many using
 * threads); no allocation on the using side. The refill work is an Agrona {@link Agent}: {@link #doWork()}
 * fills up to 8 free entries with {@link #fill}. Run it on a daemon thread of its own with
 * {@link #start(String)} (a backoff idle strategy that parks for at most 100 ms), or inside another agent
 * (a composite), or from a test's thread when neither. A user that leaves the pool at or below half full
 * unparks the refill thread. Every entry is {@linkplain #wipe wiped} before it goes back to the free list,
 * and the entries still ready are wiped when the agent or the pool closes.
 *
 * <p><b>Note:</b> {@link #take()}, {@link #release}, {@link #available()} and {@link #filledCount()} are
 * thread-safe; {@link #doWork()} must run on one thread at a time; {@link #start} and {@link #close()} are
 * synchronized.
 *
 * @param <E> the entry type: mutable, reused, filled by {@link #fill} and cleared by {@link #wipe}
 */
public abstract class PrecomputedPool<E> implements Agent {
    private static final int BATCH = 8;
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ManyToManyConcurrentArrayQueue<E> ready;
    private final ManyToOneConcurrentArrayQueue<E> free;
    private final int capacity;
    private final int lowWater;
    private final AtomicLong filled = new AtomicLong();
    private volatile Thread filler;
    private AgentRunner runner;

    /**
     * @param capacity number of entries, at least 2 (the queues round up to a power of two)
     * @param factory  makes one empty entry; called {@code capacity} times, here
     * @throws IllegalArgumentException if capacity is below 2
     */
    protected PrecomputedPool(final int capacity, final Supplier<E> factory) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2, was " + capacity);
        }
        this.capacity = capacity;
        this.lowWater = capacity / 2;
        this.ready = new ManyToManyConcurrentArrayQueue<>(capacity);
        this.free = new ManyToOneConcurrentArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++) {
            free.offer(factory.get());
        }
    }

    /**
     * Computes one entry (on the refill thread).
     *
     * @param entry a free, wiped entry to fill
     */
    protected abstract void fill(E entry);

    /**
     * Clears one entry's secret content before it is reused.
     *
     * @param entry an entry that was used once, or is still ready at close
     */
    protected abstract void wipe(E entry);

    /**
     * Starts the refill agent on a daemon thread of its own. Call at most once; {@link #close()} stops it.
     * Not needed when another agent runs {@link #doWork()}.
     *
     * @param threadName name of the refill thread
     */
    public final synchronized void start(final String threadName) {
        if (runner == null) {
            runner = new AgentRunner(new BackoffIdleStrategy(1, 1, TimeUnit.MILLISECONDS.toNanos(1), MAX_PARK_NS),
                t -> { }, null, this);
            // not AgentRunner.startOnThread, which renames the thread after the agent's role
            final Thread t = new Thread(runner, threadName);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Stops the refill thread, if {@link #start started}, and wipes every entry still ready. Idempotent. */
    public final synchronized void close() {
        if (runner != null) {
            runner.close();
            runner = null;
        }
        onClose();
    }

    /** Remembers the refill thread, to unpark it when the pool runs low. */
    @Override
    public final void onStart() {
        filler = Thread.currentThread();
    }

    /**
     * Fills up to 8 free entries.
     *
     * @return the number of entries filled
     */
    @Override
    public final int doWork() {
        int n = 0;
        E e;
        while (n < BATCH && (e = free.poll()) != null) {
            fill(e);
            filled.incrementAndGet();
            ready.offer(e);
            n++;
        }
        return n;
    }

    /** Wipes every entry still ready (when the agent closes). */
    @Override
    public final void onClose() {
        E e;
        while ((e = ready.poll()) != null) {
            release(e);
        }
    }

    /**
     * Takes a ready entry for one use; give it back with {@link #release} right after.
     *
     * @return the entry, or null if none is ready (the caller falls back to computing it itself)
     */
    public final E take() {
        final E e = ready.poll();
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
    public final void release(final E e) {
        wipe(e);
        free.offer(e);
    }

    /** @return entries ready now */
    public final int available() {
        return ready.size();
    }

    /** @return number of entries */
    public final int capacity() {
        return capacity;
    }

    /** @return entries filled since creation (a monotonic count) */
    public final long filledCount() {
        return filled.get();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{capacity=" + capacity + ", ready=" + ready.size() + '}';
    }
}
