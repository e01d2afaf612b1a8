package dev.arb.bench;

import dev.arb.paradex.sbe.codec.BookEventEncoder;
import dev.arb.paradex.sbe.codec.MessageHeaderEncoder;
import dev.arb.paradex.sbe.codec.PkgType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Realistic venue frames for the benchmarks and the allocation test: the captured Vest
 * {@code NDX-USD-PERP@depth} frame (20 levels a side), and Paradex frames of the shape the venue sends
 * (protocol reference §2.5: {@code order_book.<market>.snapshot@15@50ms} JSON with 15 levels a side;
 * SBE {@code BookEvent} snapshot with 15 levels a side and a 2-level delta), priced around the Vest
 * book so that spreads are realistic.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class BenchFrames {
    /** Paradex market of the generated frames. */
    static final String PARADEX_MARKET = "NDX-USD-PERP";
    /** Levels per side of the Paradex frames. */
    static final int PARADEX_LEVELS = 15;

    private BenchFrames() {
    }

    /** @return the captured Vest 20-level depth frame (~1 KB) */
    static byte[] vestDepth() {
        return VestDepthBenchmark.NDX_FRAME.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return a Paradex JSON order-book snapshot push, 15 levels a side around 31,479.5 USD (~2.3 KB) */
    static byte[] paradexJsonSnapshot() {
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"order_book.")
            .append(PARADEX_MARKET).append(".snapshot@15@50ms\",\"data\":{\"seq_no\":14127815,\"market\":\"")
            .append(PARADEX_MARKET).append("\",\"last_updated_at\":1718267837265,\"update_type\":\"s\",\"inserts\":[");
        for (int i = 0; i < PARADEX_LEVELS; i++) {
            sb.append("{\"side\":\"BUY\",\"price\":\"").append(31479 - i).append(".").append(10 + i)
                .append("\",\"size\":\"").append(1 + i % 4).append(".").append(137 + 11 * i).append("\"},");
            sb.append("{\"side\":\"SELL\",\"price\":\"").append(31481 + i).append(".").append(20 + i)
                .append("\",\"size\":\"").append(2 + i % 3).append(".").append(411 + 7 * i).append("\"}");
            if (i < PARADEX_LEVELS - 1) {
                sb.append(',');
            }
        }
        sb.append("],\"updates\":[],\"deletes\":[]}}}");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param seq sequence number
     * @return an SBE {@code BookEvent} SNAPSHOT (schema 1) with 15 levels a side at scale 8
     */
    static byte[] paradexSbeSnapshot(final long seq) {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        final BookEventEncoder e = new BookEventEncoder();
        header(buffer);
        e.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).ts(1_759_500_000_123_456L).seq(seq)
            .pkgType(PkgType.SNAPSHOT);
        final BookEventEncoder.BidsEncoder bids = e.bidsCount(PARADEX_LEVELS);
        for (int i = 0; i < PARADEX_LEVELS; i++) {
            bids.next();
            bids.price().mantissa(3_147_910_000_000L - 100_000_000L * i);
            bids.size().mantissa(113_700_000L + 1_100_000L * i);
        }
        final BookEventEncoder.AsksEncoder asks = e.asksCount(PARADEX_LEVELS);
        for (int i = 0; i < PARADEX_LEVELS; i++) {
            asks.next();
            asks.price().mantissa(3_148_120_000_000L + 100_000_000L * i);
            asks.size().mantissa(241_100_000L + 700_000L * i);
        }
        e.market(PARADEX_MARKET);
        return Arrays.copyOf(buffer.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    /**
     * @param seq sequence number (must follow the book's last one)
     * @return an SBE {@code BookEvent} DELTA changing the best bid's and best ask's sizes
     */
    static byte[] paradexSbeDelta(final long seq) {
        final UnsafeBuffer b2 = new UnsafeBuffer(new byte[512]);
        header(b2);
        final BookEventEncoder d = new BookEventEncoder();
        d.wrap(b2, MessageHeaderEncoder.ENCODED_LENGTH).ts(1_759_500_000_223_456L).seq(seq).pkgType(PkgType.DELTA);
        final BookEventEncoder.BidsEncoder bids = d.bidsCount(1);
        bids.next().price().mantissa(3_147_910_000_000L);
        bids.size().mantissa(120_000_000L);
        final BookEventEncoder.AsksEncoder asks = d.asksCount(1);
        asks.next().price().mantissa(3_148_120_000_000L);
        asks.size().mantissa(250_000_000L);
        d.market(PARADEX_MARKET);
        return Arrays.copyOf(b2.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + d.encodedLength());
    }

    /** Offset of the {@code seq} field in a BookEvent frame (after the 8-byte message header). */
    static int sbeSeqOffset() {
        return MessageHeaderEncoder.ENCODED_LENGTH + BookEventEncoder.seqEncodingOffset();
    }

    private static void header(final UnsafeBuffer buffer) {
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(BookEventEncoder.BLOCK_LENGTH)
            .templateId(BookEventEncoder.TEMPLATE_ID).schemaId(1).version(1);
    }
}
