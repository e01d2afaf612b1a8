package dev.arb.paradex.sbe;

import dev.arb.api.OrderBook;

/**
 * Told when a book became invalid and needs a new snapshot. Paradex documents no resync procedure; the
 * bare {@code order_book.{market}.deltas} channel "starts again with a snapshot" on (re)subscription, so the
 * usual reaction is to resubscribe or reconnect (FueledByChai fueledbychai-rs decision 0022, items 1–3).
 *
 * <p><b>Note:</b> called on the decoding thread (the book's single writer); must not block.
 */
@FunctionalInterface
public interface BookResyncListener {
    /**
     * @param book        the book, already {@link OrderBook#invalidate() invalidated}
     * @param reason      gap or crossed book
     * @param expectedSeq for {@link ResyncReason#GAP} the sequence number expected (last applied + 1); for
     *                    {@link ResyncReason#CROSSED} the sequence number of the frame that crossed the book
     * @param receivedSeq the sequence number of the frame received
     */
    void onResyncNeeded(OrderBook book, ResyncReason reason, long expectedSeq, long receivedSeq);
}
