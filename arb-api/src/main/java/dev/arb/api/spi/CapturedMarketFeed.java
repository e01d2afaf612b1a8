package dev.arb.api.spi;

/**
 * Decodes one venue's captured public WebSocket frames, one at a time in receive order, into one market's book:
 * the venue's real decoders, as the live feed runs them. Frames of other markets and channels are ignored. A
 * malformed frame is counted and never thrown; it leaves the book as the live feed would (invalid until the next
 * snapshot when a delta cannot be applied; unchanged when the venue sends full snapshots).
 *
 * <p><b>Note:</b> not thread-safe: one caller thread. Steady state allocates nothing per book frame.
 */
public interface CapturedMarketFeed {
    /**
     * Applies one captured frame.
     *
     * @param binary        true for a binary frame (e.g. Paradex SBE), false for UTF-8 text (JSON)
     * @param data          the frame's bytes, from index 0
     * @param length        bytes of {@code data} in the frame
     * @param receivedNanos the capture's receive time, ns (stamped on the book)
     * @return true if the book changed: its sequence, its validity or its levels
     */
    boolean onFrame(boolean binary, byte[] data, int length, long receivedNanos);

    /** @return frames that could not be read (malformed, truncated, wrong schema), since the feed was opened */
    long malformedFrames();

    /** What a feed reports besides the book. Every method has an empty default. */
    interface Listener {
        /** Reports nothing. */
        Listener NONE = new Listener() { };

        /**
         * The book stopped following the venue's sequence and is invalid until the next snapshot.
         *
         * @param reason      {@code GAP} (a sequence number was skipped) or {@code CROSSED} (bid ≥ ask)
         * @param expectedSeq the sequence number the book expected next
         * @param receivedSeq the one that came, or -1 when the frame does not say
         */
        default void onResync(final String reason, final long expectedSeq, final long receivedSeq) {
        }

        /**
         * A recorded funding rate of the feed's market.
         *
         * @param rate fraction per the venue's funding period ({@link VenueModule#defaultFundingPeriodHours()}),
         *             positive = longs pay shorts
         */
        default void onFundingRate(final double rate) {
        }
    }
}
