package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderBook;
import dev.arb.api.fuzz.Mutations;
import dev.arb.capture.CapturedFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Fuzz (issue 12 §1): every Paradex SBE template through {@link ParadexSbeDecoder} and {@link SequencedBookApplier}
 * driven by arbitrary sequence numbers (the capture readers' fuzz is arb-capture's {@code CaptureFuzzTest}). Seeds:
 * the hand-built template frames and the production capture.
 */
class ParadexSbeFuzzTest {
    private static final List<byte[]> FRAMES = frames();
    private static final byte[] SNAPSHOT = FRAMES.get(FRAMES.size() - 1);

    private static List<byte[]> frames() {
        final List<byte[]> out = new ArrayList<>();
        for (final CapturedFrame f : Fixtures.capture()) {
            if (f.opcode() == CapturedFrame.Opcode.BINARY) {
                out.add(Arrays.copyOf(f.payload(), f.payloadLength()));
            }
        }
        final byte[] snapshot = out.get(0);
        for (final String name : List.of("trade.sbe.txt", "bbo.sbe.txt", "book-snapshot.sbe.txt",
            "book-delta-1001.sbe.txt", "heartbeat.sbe.txt")) {
            out.add(Fixtures.hex(name));
        }
        out.add(FillEventTest.fillFrame());
        out.add(SbeFrames.marketSummary(0));
        out.add(SbeFrames.marketSummary(1));
        out.add(SbeFrames.bookSnapshotWithoutAsks());
        out.add(snapshot); // last: the capture's snapshot, applied before each try
        return out;
    }

    @Provide
    Arbitrary<byte[]> sbeFrames() {
        return Mutations.mutatedBinary(FRAMES);
    }

    /**
     * Any frame: a status, never an exception; errors counted and reported once each, none from the decoder's
     * backstop (an unchecked length); a book frame that goes wrong leaves the book as it was or invalid.
     */
    @Property
    void frameIsDecodedOrCountedAndNeverCorruptsTheBook(@ForAll("sbeFrames") final byte[] frame) {
        final RecordingListener listener = new RecordingListener();
        final ParadexSbeDecoder decoder = new ParadexSbeDecoder(listener);
        final OrderBook book = new OrderBook("paradex", Fixtures.BTC, 8, 8, 64);
        decoder.addBook(book);
        decoder.decode(new UnsafeBuffer(SNAPSHOT), 0, SNAPSHOT.length, 1);
        assertThat(book.isValid()).isTrue();
        final String before = dump(book);

        final FrameStatus status = decoder.decode(new UnsafeBuffer(frame), 0, frame.length, 2);

        final long errors = decoder.malformedFrames() + decoder.wrongSchemaFrames();
        assertThat(errors).isEqualTo(status.isError() ? 1 : 0);
        assertThat(listener.errors).hasSize((int) errors);
        for (final ParadexSbeFrameException e : listener.errors) {
            assertThat(e.getMessage()).doesNotContain("undecodable frame");
            assertThat(e.status()).isEqualTo(status);
        }
        if (status.isError() && book.isValid()) {
            assertThat(dump(book)).isEqualTo(before);
        }
        if (book.isValid()) {
            assertSane(book);
        }
    }

    /** The sequencer: in sync exactly when the model says, and a valid book is never crossed. */
    @Property
    void sequencerFollowsTheModel(@ForAll("bookOps") final List<long[]> ops) {
        final List<ResyncReason> resyncs = new ArrayList<>();
        final OrderBook book = new OrderBook("paradex", Fixtures.BTC, 8, 8, 16);
        final SequencedBookApplier applier = new SequencedBookApplier(book,
            (b, reason, expected, got) -> resyncs.add(reason));
        boolean anchored = false;
        long last = 0;
        for (final long[] op : ops) {
            final boolean snapshot = op[0] == 0;
            final long seq = op[1];
            final boolean open = snapshot ? applier.beginSnapshot(seq, op[2], 0) : applier.beginDelta(seq, op[2], 0);
            assertThat(open).isEqualTo(snapshot || anchored && seq == last + 1);
            if (!snapshot && anchored && seq != last + 1) {
                anchored = false;
                assertThat(book.isValid()).isFalse();
            }
            if (!open) {
                continue;
            }
            for (int i = 3; i + 2 < op.length; i += 3) {
                if (op[i] == 0) {
                    applier.bid(op[i + 1], op[i + 2]);
                } else {
                    applier.ask(op[i + 1], op[i + 2]);
                }
            }
            final boolean valid = applier.end();
            anchored = valid;
            if (valid) {
                last = seq;
            }
            assertThat(applier.isInSync()).isEqualTo(anchored);
            if (book.isValid()) {
                assertThat(book.isCrossed()).isFalse();
            }
        }
        assertThat(resyncs.size()).isEqualTo((int) (applier.gaps() + applier.crossedBooks()));
    }

    @Provide
    Arbitrary<List<long[]>> bookOps() {
        final Arbitrary<Long> seq = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 12)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, Long.MAX_VALUE - 1)));
        final Arbitrary<long[]> levels = Combinators.combine(Arbitraries.longs().between(0, 1),
            Arbitraries.longs().between(1, 20), Arbitraries.longs().between(0, 3))
            .as((side, price, size) -> new long[] {side, price, size}).list().ofMaxSize(6)
            .map(l -> l.stream().flatMapToLong(Arrays::stream).toArray());
        return Combinators.combine(Arbitraries.longs().between(0, 1), seq, Arbitraries.longs(), levels)
            .as((kind, s, ts, lv) -> {
                final long[] op = new long[3 + lv.length];
                op[0] = kind;
                op[1] = s;
                op[2] = ts;
                System.arraycopy(lv, 0, op, 3, lv.length);
                return op;
            }).list().ofMaxSize(30);
    }

    private static String dump(final OrderBook b) {
        final StringBuilder sb = new StringBuilder().append(b.isValid()).append(b.sequence());
        for (int i = 0; i < b.bidLevels(); i++) {
            sb.append(" b").append(b.bidPrice(i)).append('x').append(b.bidSize(i));
        }
        for (int i = 0; i < b.askLevels(); i++) {
            sb.append(" a").append(b.askPrice(i)).append('x').append(b.askSize(i));
        }
        return sb.toString();
    }

    private static void assertSane(final OrderBook b) {
        assertThat(b.isCrossed()).isFalse();
        for (int i = 0; i < b.bidLevels(); i++) {
            assertThat(b.bidPrice(i)).isPositive();
            assertThat(b.bidSize(i)).isPositive();
        }
        for (int i = 0; i < b.askLevels(); i++) {
            assertThat(b.askPrice(i)).isPositive();
            assertThat(b.askSize(i)).isPositive();
        }
    }
}
