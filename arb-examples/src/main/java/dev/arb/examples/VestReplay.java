package dev.arb.examples;

import dev.arb.api.FixedPoint;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBook;
import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import dev.arb.vest.internal.VestDepthDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Replays a JSONL capture of a Vest WebSocket session ({@link CaptureReader} format) through the real
 * {@link VestDepthDecoder} and an {@link OrderBook} of one market, printing one line per frame that changed the top
 * of book: {@code <t_ns> <bidPrice> <bidSize> <askPrice> <askSize>} (Vest depth frames are full snapshots without a
 * sequence number, so the line starts with the capture's receive time; {@code -} for an empty side), and
 * {@code MALFORMED <t_ns>} for a depth frame the decoder refused (counted, the book left as it was).
 *
 * <p>Source: Vest protocol reference §5 ({@code {symbol}@depth}: full snapshot per message).
 *
 * <p><b>Note:</b> stateless between calls; not thread-safe within a call.
 */
final class VestReplay {
    private static final int SCALE = 8;

    private VestReplay() {
    }

    /**
     * @param in     the capture
     * @param market Vest symbol, e.g. {@code BTC-PERP}
     * @param out    where the lines go
     * @return top-of-book changes printed
     * @throws dev.arb.capture.CaptureFormatException if a line is not a frame record (names the line)
     * @throws IOException                                if reading fails
     */
    static long run(final Reader in, final String market, final PrintStream out) throws IOException {
        final CaptureReader reader = new CaptureReader(in);
        final OrderBook book = new OrderBook("vest", market, SCALE, SCALE, 64);
        final VestDepthDecoder decoder = new VestDepthDecoder();
        decoder.rejectUnsorted(false);
        final byte[] channel = (market + "@depth").getBytes(StandardCharsets.US_ASCII);
        long changes = 0;
        long bid = OrderBook.NO_PRICE;
        long bidSize = 0;
        long ask = OrderBook.NO_PRICE;
        long askSize = 0;
        CapturedFrame f;
        while ((f = reader.next()) != null) {
            final byte[] bytes = f.opcode() == CapturedFrame.Opcode.TEXT ? f.text().getBytes(StandardCharsets.UTF_8)
                : f.payload();
            try {
                if (decoder.scan(bytes, 0, bytes.length) != VestDepthDecoder.FRAME_CHANNEL || !decoder.isDepthChannel()
                    || !decoder.channelEquals(channel)) {
                    continue;
                }
                decoder.applyDepth(book, f.receivedNanos());
            } catch (final MalformedMessageException e) {
                out.println("MALFORMED " + f.receivedNanos());
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
                out.println(f.receivedNanos() + " " + side(bid, bidSize) + ' ' + side(ask, askSize));
                changes++;
            }
        }
        out.flush();
        return changes;
    }

    private static String side(final long price, final long size) {
        return price == OrderBook.NO_PRICE ? "-"
            : FixedPoint.formatTrimmed(price, SCALE) + ' ' + FixedPoint.formatTrimmed(size, SCALE);
    }
}
