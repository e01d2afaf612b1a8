package dev.arb.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.fuzz.FuzzSeeds;
import dev.arb.api.fuzz.Mutations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz (issue 12 §1): the two capture readers ({@link CaptureReader}, the fast {@link CaptureCursor}) on damaged
 * capture lines. Seeds: the lines of the production Paradex capture, and its head as one input.
 */
class CaptureFuzzTest {
    private static final String CAPTURE = "/paradex/sbe/btc-order-book-deltas-2026-10-08.head.jsonl";

    @Provide
    Arbitrary<byte[]> captures() {
        final String capture = FuzzSeeds.text(CaptureFuzzTest.class, CAPTURE);
        final List<byte[]> seeds = new ArrayList<>();
        for (final String line : capture.split("\n")) {
            seeds.add((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        seeds.add(capture.substring(0, Math.min(capture.length(), 40_000)).getBytes(StandardCharsets.UTF_8));
        return Mutations.mutated(seeds);
    }

    /**
     * The capture readers: a frame or {@link CaptureFormatException} naming the line, never another exception;
     * the fast cursor and the Jackson reader accept and reject exactly the same lines with the same frames.
     */
    @Property
    void cursorAndReaderAgree(@ForAll("captures") final byte[] capture) throws IOException {
        assertThat(readAll(capture, false)).isEqualTo(readAll(capture, true));
        final CaptureCursor skipping = new CaptureCursor(new ByteArrayInputStream(capture)).skipMalformedLines(true);
        long frames = 0;
        while (skipping.next()) {
            frames++;
        }
        assertThat(frames + skipping.malformedLines()).isLessThanOrEqualTo(skipping.lineNumber());
    }

    /** Outcomes, one per record: the frame's fields, or the error's line number; stops at the first error. */
    private static List<String> readAll(final byte[] capture, final boolean cursor) throws IOException {
        final List<String> out = new ArrayList<>();
        if (cursor) {
            final CaptureCursor c = new CaptureCursor(new ByteArrayInputStream(capture));
            try {
                while (c.next()) {
                    out.add(describe(c.toFrame()));
                }
            } catch (CaptureFormatException e) {
                out.add("error at line " + e.lineNumber());
            }
        } else {
            final CaptureReader r = new CaptureReader(new StringReader(new String(capture, StandardCharsets.UTF_8)));
            try {
                for (CapturedFrame f = r.next(); f != null; f = r.next()) {
                    out.add(describe(f));
                }
            } catch (CaptureFormatException e) {
                out.add("error at line " + e.lineNumber());
            }
        }
        return out;
    }

    private static String describe(final CapturedFrame f) {
        return f.lineNumber() + " " + f.receivedNanos() + " " + f.opcode() + " " + (f.opcode() == CapturedFrame.Opcode.TEXT
            ? f.text() : Arrays.toString(Arrays.copyOf(f.payload(), f.payloadLength())));
    }
}
