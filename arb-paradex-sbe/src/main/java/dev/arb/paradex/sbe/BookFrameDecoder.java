package dev.arb.paradex.sbe;

import dev.arb.paradex.sbe.codec.BookEventDecoder;
import dev.arb.paradex.sbe.codec.PkgType;
import org.agrona.DirectBuffer;

/**
 * Decodes a Paradex SBE {@code BookEvent} (template 3, SNAPSHOT or DELTA) and applies it to its market's book
 * through the market's {@link SequencedBookApplier}, which enforces the sequence.
 *
 * <p>Two passes over the frame: the first checks both level groups against the frame (group headers, entry
 * lengths, count × entry length), every level (positive price, non-negative size) and the {@code market} string,
 * so that a bad frame is {@link FrameStatus#MALFORMED} before the book is touched; the second rewinds the
 * flyweight and applies the levels. Groups are stepped by their own block length ("Read the block length from
 * the frame header", https://docs.paradex.trade/ws/general-information/binary-encoding-sbe). Prices and sizes are
 * the schema's int64 mantissas (exponent −8) written unchanged at scale 8; {@code ts} is µs since the epoch.
 *
 * <p>Allocation-free: one reused flyweight; errors allocate their message and exception.
 *
 * <p><b>Note:</b> not thread-safe; owned by one {@link ParadexSbeDecoder} on its connection's event-loop thread,
 * the single writer of the registered books.
 */
final class BookFrameDecoder {
    private static final int GROUP_HEADER_LENGTH = BookEventDecoder.BidsDecoder.HEADER_SIZE;
    private static final int MIN_BOOK_BLOCK =
        BookEventDecoder.pkgTypeEncodingOffset() + BookEventDecoder.pkgTypeEncodingLength();
    private static final int MIN_LEVEL_BLOCK =
        BookEventDecoder.BidsDecoder.sizeEncodingOffset() + BookEventDecoder.BidsDecoder.sizeEncodingLength();
    private static final short SNAPSHOT = PkgType.SNAPSHOT.value();
    private static final short DELTA = PkgType.DELTA.value();

    private final BookEventDecoder bookDecoder = new BookEventDecoder();
    private final MarketTable markets;
    private final FrameReporter reporter;
    private SequencedBookApplier applying;

    /**
     * @param markets  the decoder's market table (symbols and registered appliers)
     * @param reporter the decoder's reporter (book notifications, errors, counters)
     */
    BookFrameDecoder(final MarketTable markets, final FrameReporter reporter) {
        this.markets = markets;
        this.reporter = reporter;
    }

    /**
     * @param buffer        holds the frame
     * @param bodyOffset    first byte of the message body (after the 8-byte message header)
     * @param blockLength   the header's {@code blockLength}, in bytes, already checked to fit the frame
     * @param version       the header's {@code version} (acting version)
     * @param frameEnd      index just after the frame's last byte
     * @param receivedNanos local {@link System#nanoTime()} when the frame was received (stamped on the book)
     * @return {@link FrameStatus#DECODED}, {@link FrameStatus#UNROUTED} or {@link FrameStatus#MALFORMED}
     */
    FrameStatus decode(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version,
        final int frameEnd, final long receivedNanos) {
        if (blockLength < MIN_BOOK_BLOCK) {
            return reporter.malformed("BookEvent block length " + blockLength + " < " + MIN_BOOK_BLOCK);
        }
        final BookEventDecoder d = bookDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final short pkgType = d.pkgTypeRaw();
        if (pkgType != SNAPSHOT && pkgType != DELTA) {
            return reporter.malformed("BookEvent pkgType " + pkgType + " is neither SNAPSHOT (0) nor DELTA (1)");
        }
        // Pass 1: check both groups and every level against the frame, then find the market after them.
        if (!groupHeaderFits(d.limit(), frameEnd)) {
            return reporter.malformed("BookEvent bids group header runs past the frame end");
        }
        final BookEventDecoder.BidsDecoder bids = d.bids();
        if (!groupFits(bids.actingBlockLength(), bids.count(), d.limit(), frameEnd)) {
            return reporter.malformed("BookEvent bids group (" + bids.count() + " x " + bids.actingBlockLength()
                + " bytes) runs past the frame end or has entries shorter than " + MIN_LEVEL_BLOCK);
        }
        while (bids.hasNext()) {
            bids.next();
            if (!validLevel(bids.price().mantissa(), bids.size().mantissa())) {
                return reporter.malformed("BookEvent bid level with a non-positive price or negative size");
            }
        }
        if (!groupHeaderFits(d.limit(), frameEnd)) {
            return reporter.malformed("BookEvent asks group header runs past the frame end");
        }
        final BookEventDecoder.AsksDecoder asks = d.asks();
        if (!groupFits(asks.actingBlockLength(), asks.count(), d.limit(), frameEnd)) {
            return reporter.malformed("BookEvent asks group (" + asks.count() + " x " + asks.actingBlockLength()
                + " bytes) runs past the frame end or has entries shorter than " + MIN_LEVEL_BLOCK);
        }
        while (asks.hasNext()) {
            asks.next();
            if (!validLevel(asks.price().mantissa(), asks.size().mantissa())) {
                return reporter.malformed("BookEvent ask level with a non-positive price or negative size");
            }
        }
        final int marketSlot = markets.slotAt(buffer, d.limit(), frameEnd);
        if (marketSlot == MarketTable.BAD_MARKET) {
            return reporter.malformed("BookEvent market string runs past the frame end");
        }
        final SequencedBookApplier applier = marketSlot < 0 ? null : markets.book(marketSlot);
        if (applier == null) {
            return reporter.unrouted(marketSlot < 0 ? "?" : markets.symbol(marketSlot));
        }

        // Pass 2: apply.
        final long seq = d.seq();
        final long tsMicros = d.ts();
        final long gapsBefore = applier.gaps();
        final boolean apply = pkgType == SNAPSHOT
            ? applier.beginSnapshot(seq, tsMicros, receivedNanos)
            : applier.beginDelta(seq, tsMicros, receivedNanos);
        if (apply) {
            applying = applier;
            d.sbeRewind();
            final BookEventDecoder.BidsDecoder bidLevels = d.bids();
            while (bidLevels.hasNext()) {
                bidLevels.next();
                applier.bid(bidLevels.price().mantissa(), bidLevels.size().mantissa());
            }
            final BookEventDecoder.AsksDecoder askLevels = d.asks();
            while (askLevels.hasNext()) {
                askLevels.next();
                applier.ask(askLevels.price().mantissa(), askLevels.size().mantissa());
            }
            applier.end();
            applying = null;
            reporter.book(applier.book());
        } else if (applier.gaps() != gapsBefore) {
            reporter.book(applier.book());
        }
        return FrameStatus.DECODED;
    }

    /**
     * After an unexpected exception while a book frame was being applied: the half-written book is reset
     * (invalidated, sequence forgotten, waiting for a snapshot) and reported. Does nothing otherwise.
     */
    void abandon() {
        final SequencedBookApplier applier = applying;
        applying = null;
        if (applier != null) {
            applier.reset();
            reporter.book(applier.book());
        }
    }

    private static boolean groupHeaderFits(final int position, final int frameEnd) {
        return position + GROUP_HEADER_LENGTH <= frameEnd;
    }

    private static boolean groupFits(final int entryLength, final int count, final int entriesStart,
        final int frameEnd) {
        return entryLength >= MIN_LEVEL_BLOCK && (long) entryLength * count <= frameEnd - entriesStart;
    }

    private static boolean validLevel(final long price, final long size) {
        return price > 0 && size >= 0;
    }
}
