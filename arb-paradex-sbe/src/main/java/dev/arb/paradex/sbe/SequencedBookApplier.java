package dev.arb.paradex.sbe;

import dev.arb.api.OrderBook;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Paradex {@code BookEvent}s (template 3) of one market to an {@link OrderBook}, enforcing the
 * sequence: a SNAPSHOT clears the book, writes its levels, anchors {@code seq} and marks the book valid; a
 * DELTA is applied only when its {@code seq} is the last applied {@code seq + 1} (size 0 deletes a level;
 * a delta without levels still advances the sequence). Deltas that arrive before the first snapshot are
 * dropped and counted. A skipped, repeated or backwards {@code seq} invalidates the book at once, reports
 * {@link ResyncReason#GAP} to the {@link BookResyncListener} with the expected and received numbers, is
 * counted and logged once per incident; later deltas are dropped silently until the next snapshot.
 *
 * <p>Protocol facts: schema {@code paradex_1_0.xml} ("Sequence number; DELTA must be applied in order",
 * "qty=0 means remove level"); production captures of 2026-10-08 show {@code seq} stepping by one on every
 * frame of the bare {@code order_book.{market}.deltas} channel, empty deltas included
 * ({@code shared/protocols/paradex-sbe.md} §4, FueledByChai decisions 0022 and 0077). A non-zero delta size
 * is the level's new absolute size (as the JSON feed's {@code updates}; the docs do not state it outright).
 *
 * <p>Use: {@link #beginSnapshot} or {@link #beginDelta}; if it returned {@code true}, call {@link #bid} and
 * {@link #ask} for each level of the frame, then {@link #end()}. The book is stamped with the frame's
 * {@code seq}, its venue time (µs → ms) and the local receive {@link System#nanoTime()}.
 *
 * <p><b>Note:</b> not thread-safe. Single writer: the connection's event-loop thread; counters may be read
 * from other threads with stale values.
 */
public final class SequencedBookApplier {
    private static final Logger LOG = LoggerFactory.getLogger(SequencedBookApplier.class);

    private static final int IDLE = 0;
    private static final int IN_SNAPSHOT = 1;
    private static final int IN_DELTA = 2;

    private final OrderBook book;
    private final BookResyncListener resyncListener;

    private boolean anchored;
    private long lastSeq;
    private int frameState = IDLE;
    private long frameSeq;
    private long frameVenueTsMicros;
    private long frameReceivedNanos;

    private long snapshots;
    private long deltasApplied;
    private long deltasBeforeSnapshot;
    private long deltasDroppedWhileResyncing;
    private long gaps;
    private long crossedBooks;

    /**
     * @param book           the market's book; prices and sizes must be at scale {@link ParadexSbe#PRICE_SCALE} /
     *                       {@link ParadexSbe#SIZE_SCALE} (8), the SBE mantissas are written unchanged
     * @param resyncListener told when the book is invalidated (gap, crossed)
     * @throws IllegalArgumentException if the book's scales are not 8
     * @throws NullPointerException     if an argument is null
     */
    public SequencedBookApplier(final OrderBook book, final BookResyncListener resyncListener) {
        this.book = Objects.requireNonNull(book, "book");
        this.resyncListener = Objects.requireNonNull(resyncListener, "resyncListener");
        if (book.priceScale() != ParadexSbe.PRICE_SCALE || book.sizeScale() != ParadexSbe.SIZE_SCALE) {
            throw new IllegalArgumentException("Paradex SBE books need price and size scale "
                + ParadexSbe.PRICE_SCALE + ", got " + book.priceScale() + '/' + book.sizeScale() + " for " + book.symbol());
        }
    }

    /** @return the book this applier writes */
    public OrderBook book() {
        return book;
    }

    /**
     * Starts a SNAPSHOT: clears every level. Always accepted; it re-anchors the sequence.
     *
     * @param seq           the frame's {@code seq}
     * @param venueTsMicros the frame's {@code ts}, µs since the epoch
     * @param receivedNanos local {@link System#nanoTime()} when the frame was received
     * @return {@code true}: call {@link #bid}/{@link #ask} per level, then {@link #end()}
     * @throws IllegalStateException if a frame is already open
     */
    public boolean beginSnapshot(final long seq, final long venueTsMicros, final long receivedNanos) {
        checkIdle();
        book.clear();
        open(IN_SNAPSHOT, seq, venueTsMicros, receivedNanos);
        return true;
    }

    /**
     * Starts a DELTA if it is in sequence. Before the first snapshot it is dropped (counted); while awaiting a
     * resync it is dropped silently (counted); otherwise a {@code seq} other than last + 1 invalidates the book,
     * reports {@link ResyncReason#GAP} and drops the delta.
     *
     * @param seq           the frame's {@code seq}
     * @param venueTsMicros the frame's {@code ts}, µs since the epoch
     * @param receivedNanos local {@link System#nanoTime()} when the frame was received
     * @return {@code true} if the levels are to be applied (then call {@link #bid}/{@link #ask} and
     *     {@link #end()}); {@code false} if the delta was dropped (do not call them)
     * @throws IllegalStateException if a frame is already open
     */
    public boolean beginDelta(final long seq, final long venueTsMicros, final long receivedNanos) {
        checkIdle();
        if (!anchored) {
            if (snapshots == 0) {
                deltasBeforeSnapshot++;
            } else {
                deltasDroppedWhileResyncing++;
            }
            return false;
        }
        final long expected = lastSeq + 1;
        if (seq != expected) {
            gaps++;
            anchored = false;
            book.invalidate();
            LOG.warn("{} {} book sequence gap: expected seq {}, got {}; book invalid until the next snapshot",
                book.venue(), book.symbol(), expected, seq);
            resyncListener.onResyncNeeded(book, ResyncReason.GAP, expected, seq);
            return false;
        }
        open(IN_DELTA, seq, venueTsMicros, receivedNanos);
        return true;
    }

    /**
     * Writes one bid level of the open frame.
     *
     * @param price price mantissa at scale 8 (USD per base unit)
     * @param size  size mantissa at scale 8 (base units); 0 deletes the level
     * @throws IllegalStateException if no frame is open
     */
    public void bid(final long price, final long size) {
        checkOpen();
        book.updateBid(price, size);
    }

    /**
     * Writes one ask level of the open frame.
     *
     * @param price price mantissa at scale 8 (USD per base unit)
     * @param size  size mantissa at scale 8 (base units); 0 deletes the level
     * @throws IllegalStateException if no frame is open
     */
    public void ask(final long price, final long size) {
        checkOpen();
        book.updateAsk(price, size);
    }

    /**
     * Closes the open frame: stamps the book ({@code seq}, venue time in ms, receive time), advances the
     * sequence and marks the book valid, unless the frame left it crossed, in which case the book is
     * invalidated and {@link ResyncReason#CROSSED} is reported.
     *
     * @return {@code true} if the book is valid after the frame
     * @throws IllegalStateException if no frame is open
     */
    public boolean end() {
        checkOpen();
        final boolean snapshot = frameState == IN_SNAPSHOT;
        frameState = IDLE;
        book.stamp(frameSeq, Math.floorDiv(frameVenueTsMicros, 1000L), frameReceivedNanos);
        if (snapshot) {
            snapshots++;
        } else {
            deltasApplied++;
        }
        if (book.isCrossed()) {
            crossedBooks++;
            anchored = false;
            book.invalidate();
            LOG.warn("{} {} book crossed after seq {}: bid {} >= ask {}; book invalid until the next snapshot",
                book.venue(), book.symbol(), frameSeq, book.bestBid(), book.bestAsk());
            resyncListener.onResyncNeeded(book, ResyncReason.CROSSED, frameSeq, frameSeq);
            return false;
        }
        anchored = true;
        lastSeq = frameSeq;
        if (snapshot) {
            book.markValid();
        }
        return true;
    }

    /**
     * Forgets the sequence and invalidates the book (after a disconnect or unsubscribe), without reporting a
     * resync; the next snapshot re-anchors. An open frame is abandoned.
     */
    public void reset() {
        frameState = IDLE;
        anchored = false;
        book.invalidate();
    }

    /** @return {@code true} when a snapshot anchored the sequence and no gap or crossing happened since */
    public boolean isInSync() {
        return anchored;
    }

    /** @return {@code seq} of the last applied frame (0 before the first snapshot) */
    public long lastSequence() {
        return lastSeq;
    }

    /** @return snapshots applied */
    public long snapshots() {
        return snapshots;
    }

    /** @return deltas applied (in sequence) */
    public long deltasApplied() {
        return deltasApplied;
    }

    /** @return deltas dropped because no snapshot had arrived yet */
    public long deltasBeforeSnapshot() {
        return deltasBeforeSnapshot;
    }

    /** @return deltas dropped after a gap, crossing or {@link #reset()}, while awaiting the next snapshot */
    public long deltasDroppedWhileResyncing() {
        return deltasDroppedWhileResyncing;
    }

    /** @return sequence gaps detected (each one an incident reported once) */
    public long gaps() {
        return gaps;
    }

    /** @return frames after which the book was crossed */
    public long crossedBooks() {
        return crossedBooks;
    }

    private void open(final int state, final long seq, final long venueTsMicros, final long receivedNanos) {
        frameState = state;
        frameSeq = seq;
        frameVenueTsMicros = venueTsMicros;
        frameReceivedNanos = receivedNanos;
    }

    private void checkIdle() {
        if (frameState != IDLE) {
            throw new IllegalStateException("previous book frame of " + book.symbol() + " not ended");
        }
    }

    private void checkOpen() {
        if (frameState == IDLE) {
            throw new IllegalStateException("no book frame of " + book.symbol() + " open");
        }
    }

    @Override
    public String toString() {
        return "SequencedBookApplier{" + book.symbol() + (anchored ? " inSync" : " awaitingSnapshot") + " lastSeq="
            + lastSeq + " snapshots=" + snapshots + " deltas=" + deltasApplied + " gaps=" + gaps + '}';
    }
}
