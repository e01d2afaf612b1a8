package dev.arb.examples;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.api.spi.VenueModule;
import dev.arb.api.spi.VenueRegistry;
import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Replays a JSONL capture of one venue's WebSocket session ({@link CaptureReader} format) through that venue's real
 * decoders (its module's {@link CapturedMarketFeed}, found by name in the {@link VenueRegistry}) and an
 * {@link OrderBook} of one market, printing one line per frame that changed the top of book:
 * {@code <t_ns> <bidPrice> <bidSize> <askPrice> <askSize>} (the capture's receive time: Vest depth frames, for
 * one, are full snapshots without a sequence number; {@code -} for an empty side), {@code MALFORMED <t_ns>} for a
 * frame the decoder refused (counted, the book left as the live feed would leave it), and
 * {@code GAP|CROSSED <expected> <got>} when a sequenced book breaks. {@code replay --venue vest} and any venue
 * without a replay of its own use it.
 *
 * <p>Source: Vest protocol reference §5 ({@code {symbol}@depth}: full snapshot per message).
 *
 * <p><b>Note:</b> stateless between calls; not thread-safe within a call.
 */
final class TopOfBookReplay {
    private TopOfBookReplay() {
    }

    /**
     * @param in     the capture
     * @param venue  a venue name of the {@link VenueRegistry}, e.g. {@code vest}
     * @param market the venue's symbol, e.g. {@code BTC-PERP}
     * @param out    where the lines go
     * @return top-of-book changes printed
     * @throws dev.arb.capture.CaptureFormatException if a line is not a frame record (names the line)
     * @throws IOException                                if reading fails
     * @throws IllegalArgumentException                   if no venue module has that name
     */
    static long run(final Reader in, final String venue, final String market, final PrintStream out)
        throws IOException {
        final VenueModule module = VenueRegistry.module(venue);
        final CaptureReader reader = new CaptureReader(in);
        final int scale = module.bookScale();
        final OrderBook book = new OrderBook(module.name(), market, scale, scale, 256);
        final CapturedMarketFeed feed = module.capturedMarketFeed(market, book, new CapturedMarketFeed.Listener() {
            @Override
            public void onResync(final String reason, final long expectedSeq, final long receivedSeq) {
                out.println(reason + ' ' + expectedSeq + ' ' + (receivedSeq < 0 ? "?" : receivedSeq));
            }
        });
        long changes = 0;
        long bid = OrderBook.NO_PRICE;
        long bidSize = 0;
        long ask = OrderBook.NO_PRICE;
        long askSize = 0;
        CapturedFrame f;
        while ((f = reader.next()) != null) {
            final byte[] bytes = f.opcode() == CapturedFrame.Opcode.TEXT ? f.text().getBytes(StandardCharsets.UTF_8)
                : f.payload();
            final long malformed = feed.malformedFrames();
            if (!feed.onFrame(f.opcode() != CapturedFrame.Opcode.TEXT, bytes, bytes.length, f.receivedNanos())) {
                if (feed.malformedFrames() != malformed) {
                    out.println("MALFORMED " + f.receivedNanos());
                }
                continue;
            }
            final long nb = book.bestBid();
            final long nbs = book.bidLevels() > 0 ? book.bidSize(0) : 0;
            final long na = book.bestAsk();
            final long nas = book.askLevels() > 0 ? book.askSize(0) : 0;
            if (nb != bid || nbs != bidSize || na != ask || nas != askSize) {
                bid = nb;
                bidSize = nbs;
                ask = na;
                askSize = nas;
                out.println(f.receivedNanos() + " " + side(bid, bidSize, scale) + ' ' + side(ask, askSize, scale));
                changes++;
            }
        }
        out.flush();
        return changes;
    }

    private static String side(final long price, final long size, final int scale) {
        return price == OrderBook.NO_PRICE ? "-"
            : FixedPoint.formatTrimmed(price, scale) + ' ' + FixedPoint.formatTrimmed(size, scale);
    }
}
