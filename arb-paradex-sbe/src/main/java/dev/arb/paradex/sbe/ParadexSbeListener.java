package dev.arb.paradex.sbe;

import dev.arb.api.OrderBook;

/**
 * Receives what {@link ParadexSbeDecoder} decodes from Paradex SBE binary frames. Every method has an empty
 * default; implement the ones you need.
 *
 * <p><b>Note:</b> called on the decoding thread (the connection's event loop, the books' single writer). The
 * update objects and books are live and reused: read them during the call, copy what you keep. Must not block;
 * an exception thrown is counted and logged once by the decoder and does not stop the feed.
 */
public interface ParadexSbeListener extends BookResyncListener {
    /**
     * A book frame changed a registered book: a snapshot or an in-sequence delta was applied, or the book was just
     * invalidated (check {@link OrderBook#isValid()}).
     *
     * @param book the book, stamped with {@code seq}, venue time (ms) and receive time (ns)
     */
    default void onBook(final OrderBook book) {
    }

    @Override
    default void onResyncNeeded(final OrderBook book, final ResyncReason reason, final long expectedSeq,
        final long receivedSeq) {
    }

    /** @param bbo the decoded BBO (reused) */
    default void onBbo(final BboUpdate bbo) {
    }

    /** @param trade the decoded trade (reused) */
    default void onTrade(final TradeUpdate trade) {
    }

    /** @param summary the decoded market summary (reused) */
    default void onMarketSummary(final MarketSummaryUpdate summary) {
    }

    /**
     * One of our fills from the private {@code fills} channel sent as SBE ({@code FillEvent}, template 21).
     *
     * @param fill the fill (immutable; may be kept)
     */
    default void onFill(final FillUpdate fill) {
    }

    /**
     * A {@code HeartbeatEvent} (template 40; the schema says the server sends one every 20 s on idle connections).
     *
     * @param seq      the frame's {@code seq}
     * @param tsMicros venue time, µs since the epoch
     */
    default void onHeartbeat(final long seq, final long tsMicros) {
    }

    /**
     * A frame was dropped as bad input (wrong schema id, truncated, inconsistent). Already counted; logged once
     * per kind by the decoder.
     *
     * @param error what was wrong
     */
    default void onFrameError(final ParadexSbeFrameException error) {
    }
}
