package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.OrderBook;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sequencing rules on their own, without SBE frames. */
class SequencedBookApplierTest {
    private final OrderBook book = ParadexSbeDecoderTemplatesTest.btcBook();
    private final List<String> resyncs = new ArrayList<>();
    private final SequencedBookApplier applier = new SequencedBookApplier(book,
        (b, reason, expected, got) -> resyncs.add(reason + " " + expected + " " + got + " valid=" + b.isValid()));

    @Test
    void shouldAnchorOnASnapshotAndStampTheBook() {
        snapshot(10, 2_000_999L);

        assertThat(book.isValid()).isTrue();
        assertThat(book.sequence()).isEqualTo(10);
        assertThat(book.venueTimestampMs()).isEqualTo(2_000L);
        assertThat(book.receivedNanos()).isEqualTo(77L);
        assertThat(book.bestBid()).isEqualTo(100);
        assertThat(book.bestAsk()).isEqualTo(101);
        assertThat(applier.isInSync()).isTrue();
    }

    @Test
    void shouldReplaceAllLevelsOnASecondSnapshot() {
        snapshot(10, 0);
        assertThat(applier.beginSnapshot(20, 0, 0)).isTrue();
        applier.bid(90, 1);
        applier.ask(95, 1);
        applier.end();

        assertThat(book.bidLevels()).isEqualTo(1);
        assertThat(book.bestBid()).isEqualTo(90);
        assertThat(book.askLevels()).isEqualTo(1);
        assertThat(book.sequence()).isEqualTo(20);
    }

    @Test
    void shouldApplyInSequenceDeltasAndDeleteOnSizeZero() {
        snapshot(10, 0);

        assertThat(applier.beginDelta(11, 0, 0)).isTrue();
        applier.bid(100, 0);
        applier.ask(101, 7);
        assertThat(applier.end()).isTrue();

        assertThat(book.bestBid()).isEqualTo(99);
        assertThat(book.askSize(0)).isEqualTo(7);
        assertThat(book.sequence()).isEqualTo(11);
        assertThat(resyncs).isEmpty();
    }

    @Test
    void shouldReportAGapWithExpectedAndReceivedSequence() {
        snapshot(10, 0);

        assertThat(applier.beginDelta(12, 0, 0)).isFalse();
        assertThat(applier.beginDelta(13, 0, 0)).isFalse();

        assertThat(resyncs).containsExactly("GAP 11 12 valid=false");
        assertThat(applier.gaps()).isEqualTo(1);
        assertThat(applier.deltasDroppedWhileResyncing()).isEqualTo(1);
        assertThat(book.isValid()).isFalse();
    }

    @Test
    void shouldInvalidateACrossedBook() {
        snapshot(10, 0);

        applier.beginDelta(11, 0, 0);
        applier.bid(102, 1);
        assertThat(applier.end()).isFalse();

        assertThat(book.isValid()).isFalse();
        assertThat(resyncs).containsExactly("CROSSED 11 11 valid=false");
        assertThat(applier.crossedBooks()).isEqualTo(1);
        assertThat(applier.beginDelta(12, 0, 0)).isFalse();
    }

    @Test
    void shouldRefuseBooksNotAtScaleEight() {
        assertThatThrownBy(() -> new SequencedBookApplier(new OrderBook("paradex", "X", 2, 8, 4), (b, r, e, g) -> { }))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale");
    }

    @Test
    void shouldRefuseLevelsOutsideAFrame() {
        assertThatThrownBy(() -> applier.bid(1, 1)).isInstanceOf(IllegalStateException.class);
        applier.beginSnapshot(1, 0, 0);
        assertThatThrownBy(() -> applier.beginDelta(2, 0, 0)).isInstanceOf(IllegalStateException.class);
    }

    private void snapshot(final long seq, final long tsMicros) {
        assertThat(applier.beginSnapshot(seq, tsMicros, 77L)).isTrue();
        applier.bid(100, 5);
        applier.bid(99, 6);
        applier.ask(101, 3);
        applier.ask(103, 4);
        assertThat(applier.end()).isTrue();
    }
}
