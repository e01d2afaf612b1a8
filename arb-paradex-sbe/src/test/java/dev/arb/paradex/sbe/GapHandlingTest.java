package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderBook;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sequencing on the production capture: gaps, repeats, regressions and deltas before the snapshot. */
class GapHandlingTest {
    private final RecordingListener listener = new RecordingListener();
    private final ParadexSbeDecoder decoder = new ParadexSbeDecoder(listener);
    private final OrderBook book = ParadexSbeDecoderTemplatesTest.btcBook();
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private List<byte[]> frames;
    private SequencedBookApplier applier;

    @BeforeEach
    void setUp() {
        frames = Fixtures.captureBinaryFrames(); // [0] snapshot 7687289234, [1..10] deltas 7687289235..244
        applier = decoder.addBook(book);
    }

    @Test
    void shouldInvalidateAndReportGapWhenADeltaIsMissing() {
        feed(0, 1, 2, 3, 4, 5); // up to seq 7687289239
        assertThat(book.isValid()).isTrue();

        feed(7); // seq 7687289241: 7687289240 was dropped

        assertThat(book.isValid()).isFalse();
        assertThat(listener.resyncs).containsExactly(
            new RecordingListener.Resync(Fixtures.BTC, ResyncReason.GAP, 7_687_289_240L, 7_687_289_241L));
        assertThat(applier.gaps()).isEqualTo(1);
        assertThat(decoder.gaps()).isEqualTo(1);
        assertThat(book.sequence()).isEqualTo(7_687_289_239L);
        // the gap frame's bid (83476.5) was not applied
        assertThat(book.bestBid()).isEqualTo(8_347_220_000_000L);
        assertThat(listener.bookSeqs).last().isEqualTo(7_687_289_239L);
    }

    @Test
    void shouldReportAGapOnceAndDropLaterDeltasUntilTheNextSnapshot() {
        feed(0, 1, 3, 4, 5, 6, 7); // 7687289236 is missing

        assertThat(listener.resyncs).hasSize(1);
        assertThat(listener.resyncs.get(0).expected()).isEqualTo(7_687_289_236L);
        assertThat(listener.resyncs.get(0).received()).isEqualTo(7_687_289_237L);
        assertThat(applier.deltasDroppedWhileResyncing()).isEqualTo(4);
        assertThat(applier.isInSync()).isFalse();

        feed(0, 1, 2); // a new subscription starts again with a snapshot

        assertThat(book.isValid()).isTrue();
        assertThat(applier.isInSync()).isTrue();
        assertThat(book.sequence()).isEqualTo(7_687_289_236L);
        assertThat(listener.resyncs).hasSize(1);
    }

    @Test
    void shouldTreatARepeatedDeltaAsAGap() {
        feed(0, 1, 2);

        feed(2);

        assertThat(book.isValid()).isFalse();
        assertThat(listener.resyncs).containsExactly(
            new RecordingListener.Resync(Fixtures.BTC, ResyncReason.GAP, 7_687_289_237L, 7_687_289_236L));
    }

    @Test
    void shouldTreatABackwardsDeltaAsAGap() {
        feed(0, 1, 2, 3);

        feed(1);

        assertThat(book.isValid()).isFalse();
        assertThat(listener.resyncs).containsExactly(
            new RecordingListener.Resync(Fixtures.BTC, ResyncReason.GAP, 7_687_289_238L, 7_687_289_235L));
    }

    @Test
    void shouldDropDeltasThatArriveBeforeTheFirstSnapshot() {
        feed(1, 2);

        assertThat(applier.deltasBeforeSnapshot()).isEqualTo(2);
        assertThat(book.isValid()).isFalse();
        assertThat(book.bidLevels()).isZero();
        assertThat(listener.resyncs).isEmpty();
        assertThat(listener.bookSeqs).isEmpty();

        feed(0, 1, 2);

        assertThat(book.isValid()).isTrue();
        assertThat(book.sequence()).isEqualTo(7_687_289_236L);
        assertThat(applier.deltasApplied()).isEqualTo(2);
    }

    @Test
    void shouldAdvanceTheSequenceOnEmptyDeltas() {
        feed(0, 1, 2, 3, 4, 5); // 7687289236..239 carry no levels

        assertThat(book.sequence()).isEqualTo(7_687_289_239L);
        assertThat(applier.lastSequence()).isEqualTo(7_687_289_239L);
        assertThat(book.venueTimestampMs()).isEqualTo(1_791_421_536_043L);
        assertThat(listener.resyncs).isEmpty();
    }

    @Test
    void shouldAwaitASnapshotAfterReset() {
        feed(0, 1);

        decoder.resetBooks();
        feed(2);

        assertThat(book.isValid()).isFalse();
        assertThat(applier.deltasDroppedWhileResyncing()).isEqualTo(1);
        assertThat(listener.resyncs).isEmpty();
    }

    private void feed(final int... indexes) {
        for (final int i : indexes) {
            final byte[] frame = frames.get(i);
            view.wrap(frame);
            assertThat(decoder.decode(view, 0, frame.length, i)).isEqualTo(FrameStatus.DECODED);
        }
    }
}
