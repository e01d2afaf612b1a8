package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderBook;
import dev.arb.capture.CapturedFrame;
import java.util.List;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The production capture {@code order_book.BTC-USD-PERP.deltas} of 2026-10-08 (schema 1:1): the JSON ack, one
 * SNAPSHOT (seq 7687289234, 115 bids, 60 asks) and ten gap-free DELTAs, against a TreeMap reference book parsed
 * independently.
 */
class CapturedBookTest {
    private static final long SNAPSHOT_SEQ = 7_687_289_234L;

    @Test
    void shouldReadTheCaptureAsOneTextAndElevenBinaryFrames() {
        final List<CapturedFrame> frames = Fixtures.capture();

        assertThat(frames).hasSize(12);
        assertThat(frames.get(0).opcode()).isEqualTo(CapturedFrame.Opcode.TEXT);
        assertThat(frames.get(0).text()).contains("\"channel\":\"order_book.BTC-USD-PERP.deltas\"");
        assertThat(frames.get(0).lineNumber()).isEqualTo(1);
        assertThat(frames.get(1).opcode()).isEqualTo(CapturedFrame.Opcode.BINARY);
        assertThat(frames.get(1).payloadLength()).isEqualTo(2918);
        assertThat(frames.get(1).receivedNanos()).isEqualTo(1_791_421_535_339_902_000L);
        assertThat(frames.subList(1, 12)).allMatch(f -> f.opcode() == CapturedFrame.Opcode.BINARY);
    }

    @Test
    void shouldBuildTheSnapshotAndApplyTenDeltasMatchingTheReferenceBook() {
        final OrderBook book = ParadexSbeDecoderTemplatesTest.btcBook();
        final RecordingListener listener = new RecordingListener();
        final ParadexSbeDecoder decoder = new ParadexSbeDecoder(listener);
        final SequencedBookApplier applier = decoder.addBook(book);
        final NaiveBook reference = new NaiveBook();
        final List<byte[]> frames = Fixtures.captureBinaryFrames();
        final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

        for (int i = 0; i < frames.size(); i++) {
            final byte[] frame = frames.get(i);
            view.wrap(frame);
            assertThat(decoder.decode(view, 0, frame.length, 1000L + i)).isEqualTo(FrameStatus.DECODED);
            reference.apply(frame);

            if (i == 0) {
                assertThat(book.sequence()).isEqualTo(SNAPSHOT_SEQ);
                assertThat(book.bidLevels()).isEqualTo(115);
                assertThat(book.askLevels()).isEqualTo(60);
                assertThat(book.venueTimestampMs()).isEqualTo(1_791_421_535_318L);
            }
            assertThat(book.sequence()).isEqualTo(SNAPSHOT_SEQ + i).isEqualTo(reference.seq);
            assertThat(book.receivedNanos()).isEqualTo(1000L + i);
            assertThat(book.isValid()).isTrue();
            assertThat(book.isCrossed()).isFalse();
            assertTopOfBookEquals(book, reference);
        }
        assertAllLevelsEqual(book, reference);
        assertThat(reference.market).isEqualTo(Fixtures.BTC);
        assertThat(applier.snapshots()).isEqualTo(1);
        assertThat(applier.deltasApplied()).isEqualTo(10);
        assertThat(applier.gaps()).isZero();
        assertThat(decoder.gaps()).isZero();
        assertThat(listener.resyncs).isEmpty();
        assertThat(listener.errors).isEmpty();
        assertThat(listener.bookSeqs).hasSize(11);
    }

    @Test
    void shouldRemoveTheBestBidAtSeq7687289240AsTheCaptureShows() {
        final OrderBook book = ParadexSbeDecoderTemplatesTest.btcBook();
        final ParadexSbeDecoder decoder = new ParadexSbeDecoder(new ParadexSbeListener() { });
        decoder.addBook(book);
        final List<byte[]> frames = Fixtures.captureBinaryFrames();
        final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        for (int i = 0; i <= 5; i++) { // snapshot .. seq 7687289239
            view.wrap(frames.get(i));
            decoder.decode(view, 0, frames.get(i).length, 0L);
        }
        assertThat(book.bestBid()).isEqualTo(8_347_220_000_000L);
        assertThat(book.bidSize(0)).isEqualTo(1_198_000L);
        final int bidsBefore = book.bidLevels();

        view.wrap(frames.get(6)); // seq 7687289240: bid 83472.2 size 0
        decoder.decode(view, 0, frames.get(6).length, 0L);

        assertThat(book.sequence()).isEqualTo(7_687_289_240L);
        assertThat(book.bidLevels()).isEqualTo(bidsBefore - 1);
        assertThat(book.bestBid()).isEqualTo(8_346_270_000_000L);
    }

    static void assertTopOfBookEquals(final OrderBook book, final NaiveBook reference) {
        final Map.Entry<Long, Long> bid = reference.bestBid();
        final Map.Entry<Long, Long> ask = reference.bestAsk();
        assertThat(book.bestBid()).isEqualTo(bid.getKey());
        assertThat(book.bidSize(0)).isEqualTo(bid.getValue());
        assertThat(book.bestAsk()).isEqualTo(ask.getKey());
        assertThat(book.askSize(0)).isEqualTo(ask.getValue());
    }

    static void assertAllLevelsEqual(final OrderBook book, final NaiveBook reference) {
        assertThat(book.bidLevels()).isEqualTo(reference.bids.size());
        assertThat(book.askLevels()).isEqualTo(reference.asks.size());
        int i = 0;
        for (final Map.Entry<Long, Long> e : reference.bids.entrySet()) {
            assertThat(book.bidPrice(i)).isEqualTo(e.getKey());
            assertThat(book.bidSize(i)).isEqualTo(e.getValue());
            i++;
        }
        i = 0;
        for (final Map.Entry<Long, Long> e : reference.asks.entrySet()) {
            assertThat(book.askPrice(i)).isEqualTo(e.getKey());
            assertThat(book.askSize(i)).isEqualTo(e.getValue());
            i++;
        }
    }
}
