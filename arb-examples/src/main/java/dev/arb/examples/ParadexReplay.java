package dev.arb.examples;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.capture.CaptureFormatException;
import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import dev.arb.paradex.sbe.ParadexSbe;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeListener;
import dev.arb.paradex.sbe.ResyncReason;
import dev.arb.paradex.sbe.SequencedBookApplier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.Objects;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Replays a JSONL capture ({@link CaptureReader}) of a Paradex SBE connection through the real
 * {@link ParadexSbeDecoder} and a {@link SequencedBookApplier}-driven {@link OrderBook} of one market, printing
 * one line per binary frame that changed the top of book:
 *
 * <pre>{@code <seq> <bidPrice> <bidSize> <askPrice> <askSize>}</pre>
 *
 * <p>Decimals are printed as the venue prints them, without exponent or trailing zeros
 * ({@link FixedPoint#formatTrimmed(long, int)} at scale 8, e.g. {@code 83472.2 0.01198}); an empty side prints
 * a single {@code -} in place of its price and size (e.g. {@code 1000 62000.5 0.25 -}). When the sequence breaks it prints {@code GAP <expected> <got>}; when a
 * frame leaves the book crossed, {@code CROSSED <seq>}. Text frames (subscription acks) are skipped. The
 * book's receive stamp is the capture's {@code t_ns}.
 *
 * <p>It lives next to {@link TopOfBookReplay}, not in arb-paradex-sbe, so that the SBE module needs no capture reader
 * (and no Jackson).
 *
 * <p><b>Note:</b> stateless, thread-safe: each call uses its own decoder and book.
 */
final class ParadexReplay {
    private ParadexReplay() {
    }

    /**
     * @param in     the capture, one JSON frame record per line
     * @param market the market whose book to build, e.g. {@code BTC-USD-PERP}; book frames of other markets are
     *               ignored
     * @param out    where the lines go
     * @return counts of the pass
     * @throws CaptureFormatException if a line is not a valid frame record (the message names the line number)
     * @throws IOException            if reading fails
     * @throws NullPointerException   if an argument is null
     */
    static ReplaySummary run(final Reader in, final String market, final PrintStream out) throws IOException {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(out, "out");
        final CaptureReader reader = new CaptureReader(in);
        final OrderBook book = new OrderBook(ParadexSbe.VENUE, market, ParadexSbe.PRICE_SCALE, ParadexSbe.SIZE_SCALE, 256);
        final Printer printer = new Printer(out);
        final ParadexSbeDecoder decoder = new ParadexSbeDecoder(printer);
        decoder.addBook(book);
        final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        final StringBuilder line = new StringBuilder(96);
        long textFrames = 0;
        long binaryFrames = 0;
        long changes = 0;
        long bidPrice = OrderBook.NO_PRICE;
        long bidSize = 0;
        long askPrice = OrderBook.NO_PRICE;
        long askSize = 0;
        CapturedFrame frame;
        while ((frame = reader.next()) != null) {
            if (frame.opcode() == CapturedFrame.Opcode.TEXT) {
                textFrames++;
                continue;
            }
            binaryFrames++;
            final byte[] payload = frame.payload();
            view.wrap(payload);
            decoder.decode(view, 0, payload.length, frame.receivedNanos());
            final long newBidPrice = book.bestBid();
            final long newBidSize = book.bidLevels() > 0 ? book.bidSize(0) : 0;
            final long newAskPrice = book.bestAsk();
            final long newAskSize = book.askLevels() > 0 ? book.askSize(0) : 0;
            if (newBidPrice != bidPrice || newBidSize != bidSize || newAskPrice != askPrice || newAskSize != askSize) {
                bidPrice = newBidPrice;
                bidSize = newBidSize;
                askPrice = newAskPrice;
                askSize = newAskSize;
                line.setLength(0);
                line.append(book.sequence()).append(' ');
                appendSide(line, bidPrice, bidSize).append(' ');
                appendSide(line, askPrice, askSize);
                out.println(line);
                changes++;
            }
        }
        out.flush();
        return new ReplaySummary(textFrames, binaryFrames, changes, printer.gaps,
            decoder.malformedFrames() + decoder.wrongSchemaFrames());
    }

    private static StringBuilder appendSide(final StringBuilder sb, final long price, final long size) {
        if (price == OrderBook.NO_PRICE) {
            return sb.append('-');
        }
        return sb.append(FixedPoint.formatTrimmed(price, ParadexSbe.PRICE_SCALE)).append(' ')
            .append(FixedPoint.formatTrimmed(size, ParadexSbe.SIZE_SCALE));
    }

    /** Prints resync signals as they happen, between the top-of-book lines. */
    private static final class Printer implements ParadexSbeListener {
        private final PrintStream out;
        private long gaps;

        Printer(final PrintStream out) {
            this.out = out;
        }

        @Override
        public void onResyncNeeded(final OrderBook book, final ResyncReason reason, final long expectedSeq,
            final long receivedSeq) {
            if (reason == ResyncReason.GAP) {
                gaps++;
                out.println("GAP " + expectedSeq + ' ' + receivedSeq);
            } else {
                out.println("CROSSED " + receivedSeq);
            }
        }
    }
}
