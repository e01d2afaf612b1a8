package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderBook;
import dev.arb.api.Side;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One test per template, from the hand-built frames of shared/fixtures/paradex/sbe/*.sbe.txt: every decoded value
 * equals the fixture's comments. Frames go through each ByteBuf shape Netty can hand over.
 */
class ParadexSbeDecoderTemplatesTest {
    private static final long TS_MICROS = 1_759_500_000_123_456L;

    private final RecordingListener listener = new RecordingListener();
    private final ParadexSbeDecoder decoder = new ParadexSbeDecoder(listener);

    @ParameterizedTest
    @EnumSource(Fixtures.BufKind.class)
    void shouldDecodeTradeFrameAsCommented(final Fixtures.BufKind kind) {
        final byte[] frame = Fixtures.hex("trade.sbe.txt");
        assertThat(frame).hasSize(71);

        assertThat(decode(kind, frame, 1L)).isEqualTo(FrameStatus.DECODED);

        assertThat(listener.trades).containsExactly(new RecordingListener.Trade("BTC-USD-PERP", 1002, TS_MICROS,
            1_759_500_000_120_001L, Side.SELL, 6_200_000_000_000L, 12_500_000L, TradeUpdate.TRADE_TYPE_FILL));
        assertThat(listener.errors).isEmpty();
        assertThat(decoder.framesDecoded()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Fixtures.BufKind.class)
    void shouldDecodeBboFrameAsCommented(final Fixtures.BufKind kind) {
        final byte[] frame = Fixtures.hex("bbo.sbe.txt");
        assertThat(frame).hasSize(69);

        assertThat(decode(kind, frame, 1L)).isEqualTo(FrameStatus.DECODED);

        assertThat(listener.bbos).containsExactly(new RecordingListener.Bbo("BTC-USD-PERP", 1001, TS_MICROS,
            6_200_050_000_000L, 25_000_000L, 6_200_100_000_000L, 150_000_000L));
    }

    @ParameterizedTest
    @EnumSource(Fixtures.BufKind.class)
    void shouldApplyBookSnapshotFrameAsCommented(final Fixtures.BufKind kind) {
        final OrderBook book = btcBook();
        final SequencedBookApplier applier = decoder.addBook(book);
        final byte[] frame = Fixtures.hex("book-snapshot.sbe.txt");
        assertThat(frame).hasSize(182);

        assertThat(decode(kind, frame, 123_456_789L)).isEqualTo(FrameStatus.DECODED);

        assertThat(book.isValid()).isTrue();
        assertThat(book.sequence()).isEqualTo(1000);
        assertThat(book.venueTimestampMs()).isEqualTo(1_759_500_000_123L);
        assertThat(book.receivedNanos()).isEqualTo(123_456_789L);
        assertThat(book.bidLevels()).isEqualTo(2);
        assertThat(book.askLevels()).isEqualTo(2);
        assertThat(book.bidPrice(0)).isEqualTo(6_200_050_000_000L);
        assertThat(book.bidSize(0)).isEqualTo(25_000_000L);
        assertThat(book.bidPrice(1)).isEqualTo(6_200_040_000_000L);
        assertThat(book.bidSize(1)).isEqualTo(100_000_000L);
        assertThat(book.askPrice(0)).isEqualTo(6_200_100_000_000L);
        assertThat(book.askSize(0)).isEqualTo(150_000_000L);
        assertThat(book.askPrice(1)).isEqualTo(6_200_150_000_000L);
        assertThat(book.askSize(1)).isEqualTo(200_000_000L);
        assertThat(applier.snapshots()).isEqualTo(1);
        assertThat(applier.lastSequence()).isEqualTo(1000);
        assertThat(listener.bookSeqs).containsExactly(1000L);
    }

    @ParameterizedTest
    @EnumSource(Fixtures.BufKind.class)
    void shouldApplyBookDeltaFrameAsCommented(final Fixtures.BufKind kind) {
        final OrderBook book = btcBook();
        final SequencedBookApplier applier = decoder.addBook(book);
        decode(kind, Fixtures.hex("book-snapshot.sbe.txt"), 1L);
        final byte[] delta = Fixtures.hex("book-delta-1001.sbe.txt");
        assertThat(delta).hasSize(150);

        assertThat(decode(kind, delta, 2L)).isEqualTo(FrameStatus.DECODED);

        assertThat(book.isValid()).isTrue();
        assertThat(book.sequence()).isEqualTo(1001);
        assertThat(book.receivedNanos()).isEqualTo(2L);
        // bid 62000.4 size 0 removes the level; ask 62001 becomes 1.25
        assertThat(book.bidLevels()).isEqualTo(1);
        assertThat(book.bidPrice(0)).isEqualTo(6_200_050_000_000L);
        assertThat(book.bidSize(0)).isEqualTo(25_000_000L);
        assertThat(book.askLevels()).isEqualTo(2);
        assertThat(book.askPrice(0)).isEqualTo(6_200_100_000_000L);
        assertThat(book.askSize(0)).isEqualTo(125_000_000L);
        assertThat(book.askPrice(1)).isEqualTo(6_200_150_000_000L);
        assertThat(applier.deltasApplied()).isEqualTo(1);
        assertThat(listener.bookSeqs).containsExactly(1000L, 1001L);
    }

    @ParameterizedTest
    @EnumSource(Fixtures.BufKind.class)
    void shouldDecodeHeartbeatFrameAsCommented(final Fixtures.BufKind kind) {
        final byte[] frame = Fixtures.hex("heartbeat.sbe.txt");
        assertThat(frame).hasSize(24);

        assertThat(decode(kind, frame, 1L)).isEqualTo(FrameStatus.DECODED);

        assertThat(listener.heartbeats).containsExactly(new RecordingListener.Heartbeat(0, TS_MICROS));
    }

    @Test
    void shouldDecodeTheCapturedProductionBboFrame() {
        // shared/protocols/paradex-sbe.md §5 (a): captured from production, 69 bytes
        final byte[] frame = hexString("30 00 02 00 01 00 01 00 48 f4 61 eb 49 5d 06 00 9a c6 32 ca 01 00 00 00"
            + " 80 3b 0a 56 96 07 00 00 98 3a 00 00 00 00 00 00 80 c6 0b 0a 97 07 00 00 18 79 00 00 00 00 00 00"
            + " 0c 42 54 43 2d 55 53 44 2d 50 45 52 50");

        assertThat(decode(Fixtures.BufKind.DIRECT, frame, 1L)).isEqualTo(FrameStatus.DECODED);

        // seq=7687292570, ts=1791421923325000 us, bid 83422.7 x 0.00015, ask 83452.9 x 0.00031
        assertThat(listener.bbos).containsExactly(new RecordingListener.Bbo("BTC-USD-PERP", 7_687_292_570L,
            1_791_421_923_325_000L, 8_342_270_000_000L, 15_000L, 8_345_290_000_000L, 31_000L));
    }

    @Test
    void shouldDecodeBboWithEmptySidesAsNull() {
        final byte[] frame = Fixtures.hex("bbo.sbe.txt");
        putLong(frame, 8 + 16, Long.MIN_VALUE);
        putLong(frame, 8 + 24, Long.MIN_VALUE);

        decode(Fixtures.BufKind.HEAP, frame, 1L);

        final RecordingListener.Bbo bbo = listener.bbos.get(0);
        assertThat(bbo.bidPrice()).isEqualTo(ParadexSbe.NULL_VALUE).isEqualTo(OrderBook.NO_PRICE);
        assertThat(bbo.bidSize()).isEqualTo(ParadexSbe.NULL_VALUE);
        assertThat(bbo.askPrice()).isEqualTo(6_200_100_000_000L);
    }

    private FrameStatus decode(final Fixtures.BufKind kind, final byte[] frame, final long receivedNanos) {
        final ByteBuf buf = kind.of(frame);
        try {
            final int readerIndex = buf.readerIndex();
            final FrameStatus status = decoder.decode(buf, receivedNanos);
            assertThat(buf.readerIndex()).isEqualTo(readerIndex);
            return status;
        } finally {
            buf.release();
        }
    }

    static OrderBook btcBook() {
        return new OrderBook(ParadexSbe.VENUE, Fixtures.BTC, 8, 8, 16);
    }

    static void putLong(final byte[] frame, final int offset, final long value) {
        for (int i = 0; i < 8; i++) {
            frame[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    static byte[] hexString(final String hex) {
        final String[] pairs = hex.trim().split("\\s+");
        final byte[] bytes = new byte[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            bytes[i] = (byte) Integer.parseInt(pairs[i], 16);
        }
        return bytes;
    }
}
