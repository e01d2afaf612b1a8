package dev.arb.paradex.internal.crypto;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.agrona.concurrent.Agent;

/**
 * Keeps the Paradex {@code Order} message hashes of the likely next order hashed ahead, off the
 * decision thread: one order template (market, side, type, size; set by {@link #expect}) at a
 * signature timestamp chosen here, and up to {@value #MAX_PRICES} candidate limit prices. The
 * 5 Pedersen hashes before the price are computed once per template and timestamp
 * ({@link ParadexOrderHasher#orderPrefix}); each price then costs 4 more
 * ({@link ParadexOrderHasher#orderHashFromPrefix}). At decision time {@link #take} returns a ready
 * hash and its timestamp, or −1 on a miss (the caller hashes the order itself).
 *
 * <p><b>Signature timestamp.</b> The signed {@code timestamp} is the body's
 * {@code signature_timestamp}, ms; Paradex rejects an order when
 * {@code now > signature_timestamp + recv_window}, {@code recv_window} defaulting to 300,000 ms
 * (protocol reference §3.4, "POST /orders", from the Paradex docs
 * {@code advanced-trading-features/receive-window.mdx}; the adapter sends no {@code recv_window}).
 * The timestamp is the wall-clock time when the chain is built, so never in the future; the chain
 * is rebuilt with a fresh timestamp once it is {@value #REFRESH_AFTER_MS} ms old, and a hash older
 * than {@value #MAX_AGE_MS} ms is never handed out: a fifth of the window, leaving room for clock
 * skew, retries and the venue's queue. Because the protocol reference calls the timestamp a nonce
 * (§5.1), a hash is handed out once, and the chain is rebuilt with a new timestamp after each use,
 * so no two orders carry the same signed message.
 *
 * <p>Sizes: {@value #SLOTS} slots (each a template, price, timestamp and hash); work per template
 * and timestamp about 5 + 4 × prices Pedersen hashes (≈ 1.5 ms of CPU for 5 prices on the reference
 * VM), done one price per {@link #doWork()} call.
 *
 * <p><b>Note:</b> {@link #expect} and {@link #take} are thread-safe (slots change hands by
 * compare-and-set on their state); {@link #doWork()} must run on one thread (the signer's agent).
 */
public final class ParadexOrderPrehash implements Agent {
    /** A chain older than this is rebuilt with a new timestamp, ms. */
    public static final long REFRESH_AFTER_MS = 30_000;
    /** A hash older than this is never handed out, ms (a fifth of the default 300,000 ms receive window). */
    public static final long MAX_AGE_MS = 60_000;
    /** Candidate prices kept per template. */
    public static final int MAX_PRICES = 8;
    static final int SLOTS = 16;
    private static final int EMPTY = 0;
    private static final int READY = 1;
    private static final int TAKEN = 2;

    /** One hashed order; written by the agent while EMPTY, read by a taker while TAKEN. */
    private static final class Slot {
        String market;
        boolean buy;
        String orderType;
        long chainSize;
        long chainPrice;
        long timestampMs;
        BigInteger hash;

        boolean matches(final String m, final boolean b, final String t, final long size, final long price) {
            return chainPrice == price && chainSize == size && buy == b && m.equals(market) && t.equals(orderType);
        }
    }

    /** What the next order is expected to be; immutable. */
    private record Wish(String market, boolean buy, String orderType, long chainSize, long[] chainPrices) {
        boolean sameTemplate(final Wish o) {
            return o != null && buy == o.buy && chainSize == o.chainSize && market.equals(o.market)
                && orderType.equals(o.orderType);
        }
    }

    private final ParadexOrderHasher hasher;
    private final LongSupplier clockMs;
    private final Slot[] slots = new Slot[SLOTS];
    private final AtomicIntegerArray states = new AtomicIntegerArray(SLOTS);
    private volatile Wish wish;
    private volatile boolean used;
    private volatile Thread worker;
    // owned by the agent thread
    private Wish current;
    private long timestampMs = -1;
    private final long[] prefix = new long[4];
    private final long[] work = new long[4];

    /**
     * @param hasher  the account's order hasher
     * @param clockMs wall clock, ms since the epoch (the signature timestamps come from it)
     */
    public ParadexOrderPrehash(final ParadexOrderHasher hasher, final LongSupplier clockMs) {
        this.hasher = hasher;
        this.clockMs = clockMs;
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
    }

    /**
     * Sets the expected next order; replaces the previous expectation.
     *
     * @param market      market symbol, a short string
     * @param buy         side
     * @param orderType   REST order type, a short string
     * @param chainSize   size × 10^8
     * @param chainPrices candidate limit prices × 10^8 (the first {@value #MAX_PRICES} are used; copied)
     */
    public void expect(final String market, final boolean buy, final String orderType, final long chainSize,
        final long[] chainPrices) {
        wish = new Wish(market, buy, orderType, chainSize,
            java.util.Arrays.copyOf(chainPrices, Math.min(chainPrices.length, MAX_PRICES)));
        wake();
    }

    @Override
    public void onStart() {
        worker = Thread.currentThread();
    }

    /**
     * Rebuilds the chain if the template changed, a hash was used or the timestamp aged; else hashes one missing
     * candidate price.
     *
     * @return 1 if it did some work, 0 if every candidate is ready
     */
    @Override
    public int doWork() {
        final Wish w = wish;
        if (w == null) {
            return 0;
        }
        final long now = clockMs.getAsLong();
        if (w != current) {
            final boolean sameTemplate = w.sameTemplate(current);
            current = w;
            if (sameTemplate && !used && now - timestampMs < REFRESH_AFTER_MS) {
                invalidate(w.chainPrices);
                return 1;
            }
        } else if (!used && now - timestampMs < REFRESH_AFTER_MS) {
            return hashOneMissing(w);
        }
        used = false;
        invalidate(null);
        timestampMs = now;
        hasher.orderPrefix(now, w.market, w.buy, w.orderType, w.chainSize, prefix);
        return 1;
    }

    @Override
    public String roleName() {
        return "paradex-order-prehash";
    }

    /**
     * Takes the ready hash of this exact order, once.
     *
     * @param market     market symbol
     * @param buy        side
     * @param orderType  REST order type
     * @param chainSize  size × 10^8
     * @param chainPrice price × 10^8
     * @param nowMs      the current time, ms since the epoch
     * @param hashOut    receives the message hash at index 0
     * @return the signature timestamp the hash was computed with, ms since the epoch, or −1 if none is ready
     */
    public long take(final String market, final boolean buy, final String orderType, final long chainSize,
        final long chainPrice, final long nowMs, final BigInteger[] hashOut) {
        for (int i = 0; i < SLOTS; i++) {
            final Slot s = slots[i];
            if (states.get(i) == READY && s.matches(market, buy, orderType, chainSize, chainPrice)
                && nowMs - s.timestampMs < MAX_AGE_MS && states.compareAndSet(i, READY, TAKEN)) {
                if (!s.matches(market, buy, orderType, chainSize, chainPrice)) { // refilled in between
                    states.set(i, READY);
                    continue;
                }
                hashOut[0] = s.hash;
                final long ts = s.timestampMs;
                s.hash = null;
                used = true;
                states.set(i, EMPTY);
                wake();
                return ts;
            }
        }
        return -1;
    }

    /** @return slots holding a ready hash */
    public int readyCount() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            n += states.get(i) == READY ? 1 : 0;
        }
        return n;
    }

    private int hashOneMissing(final Wish w) {
        for (final long price : w.chainPrices) {
            if (findReady(w, price) >= 0) {
                continue;
            }
            for (int i = 0; i < SLOTS; i++) {
                if (states.get(i) == EMPTY) {
                    final Slot s = slots[i];
                    s.market = w.market;
                    s.buy = w.buy;
                    s.orderType = w.orderType;
                    s.chainSize = w.chainSize;
                    s.chainPrice = price;
                    s.timestampMs = timestampMs;
                    s.hash = hasher.orderHashFromPrefix(prefix, price, work);
                    states.set(i, READY);
                    return 1;
                }
            }
            return 0;
        }
        return 0;
    }

    private int findReady(final Wish w, final long price) {
        for (int i = 0; i < SLOTS; i++) {
            final Slot s = slots[i];
            if (states.get(i) == READY && s.timestampMs == timestampMs
                && s.matches(w.market, w.buy, w.orderType, w.chainSize, price)) {
                return i;
            }
        }
        return -1;
    }

    /** Empties every ready slot (all if keep is null, else those not at the current timestamp or not in keep). */
    private void invalidate(final long[] keep) {
        for (int i = 0; i < SLOTS; i++) {
            final Slot s = slots[i];
            if (states.get(i) != READY) {
                continue;
            }
            if (keep != null && s.timestampMs == timestampMs && current.sameTemplate(new Wish(s.market, s.buy,
                s.orderType, s.chainSize, keep)) && contains(keep, s.chainPrice)) {
                continue;
            }
            states.compareAndSet(i, READY, EMPTY);
        }
    }

    private static boolean contains(final long[] a, final long v) {
        for (final long x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private void wake() {
        final Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public String toString() {
        return "ParadexOrderPrehash{ready=" + readyCount() + '}';
    }
}
