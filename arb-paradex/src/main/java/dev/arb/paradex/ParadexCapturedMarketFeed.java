package dev.arb.paradex;

import dev.arb.api.OrderBook;
import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.internal.SbeBookFeed;
import dev.arb.paradex.sbe.MarketSummaryUpdate;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeListener;
import dev.arb.paradex.sbe.ResyncReason;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Captured Paradex frames of one market through the live decoders: SBE binary frames with
 * {@link ParadexSbeDecoder} (it writes the book itself), JSON text frames with the JSON {@link BookFeed} into a
 * {@link MarketBookState} whose book is copied into the target when it changes. A delta that does not follow, or
 * cannot be read, leaves the book invalid until the next snapshot, as live.
 *
 * <p><b>Note:</b> not thread-safe. A book frame allocates nothing.
 */
final class ParadexCapturedMarketFeed implements CapturedMarketFeed {
    private final OrderBook book;
    private final Listener listener;
    private final ParadexSbeDecoder sbe;
    private final MarketBookState json;
    private final BookFeed jsonFeed;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

    ParadexCapturedMarketFeed(final String market, final OrderBook book, final Listener listener) {
        this.book = book;
        this.listener = listener;
        this.sbe = new ParadexSbeDecoder(new ParadexSbeListener() {
            @Override
            public void onResyncNeeded(final OrderBook b, final ResyncReason reason, final long expectedSeq,
                final long receivedSeq) {
                listener.onResync(reason == ResyncReason.GAP ? "GAP" : "CROSSED", expectedSeq, receivedSeq);
            }

            @Override
            public void onMarketSummary(final MarketSummaryUpdate summary) {
                if (market.equals(summary.market())) {
                    final double rate = SbeBookFeed.fundingRate(summary); // the live feed's reading
                    if (!Double.isNaN(rate)) {
                        listener.onFundingRate(rate);
                    }
                }
            }
        });
        sbe.addBook(book);
        this.json = new MarketBookState(market, "order_book." + market, 256);
        this.jsonFeed = new BookFeed(s -> listener.onResync("GAP", s.lastSeqNo() + 1, -1));
        jsonFeed.add(json);
    }

    @Override
    public boolean onFrame(final boolean binary, final byte[] data, final int length, final long receivedNanos) {
        final long seq = book.sequence();
        final boolean valid = book.isValid();
        if (binary) {
            view.wrap(data, 0, length);
            sbe.decode(view, 0, length, receivedNanos);
        } else {
            final OrderBook jsonBook = json.book();
            final long jsonSeq = jsonBook.sequence();
            final boolean jsonValid = jsonBook.isValid();
            final double rate = json.fundingRate();
            jsonFeed.onFrame(data, 0, length, receivedNanos);
            if (jsonBook.sequence() != jsonSeq || jsonBook.isValid() != jsonValid) {
                book.copyFrom(jsonBook);
            }
            final double after = json.fundingRate();
            if (Double.doubleToLongBits(after) != Double.doubleToLongBits(rate) && !Double.isNaN(after)) {
                listener.onFundingRate(after);
            }
        }
        return book.sequence() != seq || book.isValid() != valid;
    }

    @Override
    public long malformedFrames() {
        return jsonFeed.malformedMessages() + sbe.malformedFrames() + sbe.wrongSchemaFrames();
    }
}
