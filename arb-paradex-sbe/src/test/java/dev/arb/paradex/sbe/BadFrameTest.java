package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBook;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Wrong schema ids, truncated and inconsistent frames, unknown templates: counted, reported, never thrown. */
class BadFrameTest {
    private final RecordingListener listener = new RecordingListener();
    private final ParadexSbeDecoder decoder = new ParadexSbeDecoder(listener);

    @Test
    void shouldCountAndReportAWrongSchemaIdAsATypedError() {
        final byte[] frame = Fixtures.hex("bbo.sbe.txt");
        frame[4] = 2; // schemaId = 2

        assertThat(decode(frame)).isEqualTo(FrameStatus.WRONG_SCHEMA);

        assertThat(decoder.wrongSchemaFrames()).isEqualTo(1);
        assertThat(decoder.malformedFrames()).isZero();
        assertThat(listener.bbos).isEmpty();
        assertThat(listener.errors).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(MalformedMessageException.class);
            assertThat(e.status()).isEqualTo(FrameStatus.WRONG_SCHEMA);
            assertThat(e.templateId()).isEqualTo(2);
            assertThat(e.venue()).isEqualTo("paradex");
            assertThat(e.getMessage()).contains("schema id 2");
        });
    }

    @Test
    void shouldDropEveryTruncationOfEveryFixtureAsMalformed() {
        for (final String name : List.of("trade.sbe.txt", "bbo.sbe.txt", "book-snapshot.sbe.txt",
            "book-delta-1001.sbe.txt", "heartbeat.sbe.txt")) {
            final byte[] frame = Fixtures.hex(name);
            for (int length = 0; length < frame.length; length++) {
                final byte[] truncated = java.util.Arrays.copyOf(frame, length);
                assertThat(decode(truncated)).as("%s cut to %d bytes", name, length).isEqualTo(FrameStatus.MALFORMED);
            }
        }
        final int truncations = 71 + 69 + 182 + 150 + 24;
        assertThat(decoder.malformedFrames()).isEqualTo(truncations);
        assertThat(listener.errors).hasSize(truncations).allMatch(e -> e.status() == FrameStatus.MALFORMED)
            // every truncation is caught by an explicit length check, not by the buffer's bounds-check backstop
            .noneMatch(e -> e.getCause() != null);
        assertThat(listener.trades).isEmpty();
        assertThat(listener.bbos).isEmpty();
        assertThat(listener.heartbeats).isEmpty();
    }

    @Test
    void shouldLeaveTheBookUntouchedWhenADeltaIsTruncated() {
        final OrderBook book = ParadexSbeDecoderTemplatesTest.btcBook();
        final SequencedBookApplier applier = decoder.addBook(book);
        decode(Fixtures.hex("book-snapshot.sbe.txt"));
        final byte[] delta = Fixtures.hex("book-delta-1001.sbe.txt");

        // cut inside the asks group: the bid removal before it must not be applied
        assertThat(decode(java.util.Arrays.copyOf(delta, delta.length - 20))).isEqualTo(FrameStatus.MALFORMED);

        assertThat(book.isValid()).isTrue();
        assertThat(book.sequence()).isEqualTo(1000);
        assertThat(book.bidLevels()).isEqualTo(2);
        assertThat(applier.lastSequence()).isEqualTo(1000);

        assertThat(decode(delta)).isEqualTo(FrameStatus.DECODED);
        assertThat(book.sequence()).isEqualTo(1001);
        assertThat(book.bidLevels()).isEqualTo(1);
    }

    @Test
    void shouldSkipAndCountUnknownTemplates() {
        final byte[] frame = Fixtures.hex("bbo.sbe.txt");
        frame[2] = 99; // templateId = 99

        assertThat(decode(frame)).isEqualTo(FrameStatus.UNKNOWN_TEMPLATE);
        assertThat(decode(frame)).isEqualTo(FrameStatus.UNKNOWN_TEMPLATE);

        assertThat(decoder.unknownTemplates()).isEqualTo(2);
        assertThat(decoder.malformedFrames()).isZero();
        assertThat(listener.errors).isEmpty();
        assertThat(listener.bbos).isEmpty();
        // the next good frame decodes normally
        assertThat(decode(Fixtures.hex("bbo.sbe.txt"))).isEqualTo(FrameStatus.DECODED);
        assertThat(listener.bbos).hasSize(1);
    }

    @Test
    void shouldSkipSchemaTemplatesItDoesNotHandle() {
        final byte[] frame = Fixtures.hex("heartbeat.sbe.txt");
        frame[2] = 5; // FundingDataEvent

        assertThat(decode(frame)).isEqualTo(FrameStatus.SKIPPED_TEMPLATE);

        assertThat(decoder.skippedTemplates()).isEqualTo(1);
        assertThat(listener.heartbeats).isEmpty();
    }

    @Test
    void shouldRejectABlockLengthTooShortForTheTemplate() {
        final byte[] frame = Fixtures.hex("bbo.sbe.txt");
        frame[0] = 40; // blockLength 40 < 48: askSize would be read from the market string

        assertThat(decode(frame)).isEqualTo(FrameStatus.MALFORMED);
        assertThat(listener.errors.get(0).getMessage()).contains("BboEvent block length 40");
    }

    @Test
    void shouldRejectBookGroupsWithEntriesShorterThanALevel() {
        decoder.addBook(ParadexSbeDecoderTemplatesTest.btcBook());
        final byte[] frame = Fixtures.hex("book-snapshot.sbe.txt");
        frame[8 + 89] = 8; // bids group blockLength 8 < 16

        assertThat(decode(frame)).isEqualTo(FrameStatus.MALFORMED);
    }

    @Test
    void shouldRejectABookGroupCountBeyondTheFrame() {
        decoder.addBook(ParadexSbeDecoderTemplatesTest.btcBook());
        final byte[] frame = Fixtures.hex("book-snapshot.sbe.txt");
        frame[8 + 89 + 2] = (byte) 0xFF; // bids numInGroup 255
        frame[8 + 89 + 3] = (byte) 0xFF; // ... 65535

        assertThat(decode(frame)).isEqualTo(FrameStatus.MALFORMED);
    }

    @Test
    void shouldRejectAnUnknownPkgType() {
        decoder.addBook(ParadexSbeDecoderTemplatesTest.btcBook());
        final byte[] frame = Fixtures.hex("book-snapshot.sbe.txt");
        frame[8 + 16] = 7;

        assertThat(decode(frame)).isEqualTo(FrameStatus.MALFORMED);
    }

    @Test
    void shouldRejectANegativeLevelSize() {
        decoder.addBook(ParadexSbeDecoderTemplatesTest.btcBook());
        final byte[] frame = Fixtures.hex("book-snapshot.sbe.txt");
        ParadexSbeDecoderTemplatesTest.putLong(frame, 8 + 89 + 4 + 8, -1L);

        assertThat(decode(frame)).isEqualTo(FrameStatus.MALFORMED);
    }

    @Test
    void shouldStepThroughGroupsByTheirOwnBlockLength() {
        // FBC's book-longer-entries case: 24-byte entries (a future appended field) must still decode
        final OrderBook book = ParadexSbeDecoderTemplatesTest.btcBook();
        decoder.addBook(book);
        final byte[] frame = widenLevels(Fixtures.hex("book-snapshot.sbe.txt"), 8);

        assertThat(decode(frame)).isEqualTo(FrameStatus.DECODED);

        assertThat(book.bidLevels()).isEqualTo(2);
        assertThat(book.bidPrice(1)).isEqualTo(6_200_040_000_000L);
        assertThat(book.askPrice(1)).isEqualTo(6_200_150_000_000L);
        assertThat(book.askSize(1)).isEqualTo(200_000_000L);
    }

    @Test
    void shouldCountBookFramesOfUnregisteredMarkets() {
        assertThat(decode(Fixtures.hex("book-snapshot.sbe.txt"))).isEqualTo(FrameStatus.UNROUTED);
        assertThat(decoder.unroutedFrames()).isEqualTo(1);
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void shouldKeepDecodingWhenTheListenerThrows() {
        final ParadexSbeDecoder throwing = new ParadexSbeDecoder(new ParadexSbeListener() {
            @Override
            public void onBbo(final BboUpdate bbo) {
                throw new IllegalStateException("listener bug");
            }
        });
        final byte[] frame = Fixtures.hex("bbo.sbe.txt");
        final UnsafeBuffer view = new UnsafeBuffer(frame);

        assertThat(throwing.decode(view, 0, frame.length, 0L)).isEqualTo(FrameStatus.DECODED);
        assertThat(throwing.decode(view, 0, frame.length, 0L)).isEqualTo(FrameStatus.DECODED);

        assertThat(throwing.listenerErrors()).isEqualTo(2);
        assertThat(throwing.malformedFrames()).isZero();
    }

    @Test
    void shouldDecodeAFrameInsideALargerBuffer() {
        final byte[] frame = Fixtures.hex("bbo.sbe.txt");
        final byte[] padded = new byte[frame.length + 20];
        System.arraycopy(frame, 0, padded, 10, frame.length);

        assertThat(decoder.decode(new UnsafeBuffer(padded), 10, frame.length, 0L)).isEqualTo(FrameStatus.DECODED);
        assertThat(decoder.decode(new UnsafeBuffer(padded), 10, frame.length - 1, 0L))
            .isEqualTo(FrameStatus.MALFORMED);
        assertThat(decoder.decode(new UnsafeBuffer(padded), 10, padded.length, 0L)).isEqualTo(FrameStatus.MALFORMED);
        assertThat(listener.bbos).hasSize(1);
    }

    /** Rewrites both groups of a BookEvent with {@code extra} zero bytes appended to every entry. */
    private static byte[] widenLevels(final byte[] frame, final int extra) {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pos = 8 + 89;
        out.write(frame, 0, pos);
        for (int group = 0; group < 2; group++) {
            final int entryLength = (frame[pos] & 0xFF) | (frame[pos + 1] & 0xFF) << 8;
            final int count = (frame[pos + 2] & 0xFF) | (frame[pos + 3] & 0xFF) << 8;
            out.write(entryLength + extra);
            out.write(0);
            out.write(frame, pos + 2, 2);
            pos += 4;
            for (int i = 0; i < count; i++) {
                out.write(frame, pos, entryLength);
                out.write(new byte[extra], 0, extra);
                pos += entryLength;
            }
        }
        out.write(frame, pos, frame.length - pos);
        return out.toByteArray();
    }

    private FrameStatus decode(final byte[] frame) {
        final ByteBuf buf = Unpooled.wrappedBuffer(frame);
        try {
            return decoder.decode(buf, 0L);
        } finally {
            buf.release();
        }
    }
}
