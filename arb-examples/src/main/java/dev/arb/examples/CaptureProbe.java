package dev.arb.examples;

import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Looks at the first frames of a capture to say whose it is before {@code arb replay} replays it: a Paradex
 * capture has binary (SBE) frames or JSON-RPC text frames ({@code "jsonrpc"}); a Vest capture has text frames on
 * a channel named {@code SYMBOL@stream} (e.g. {@code "channel":"BTC-PERP@depth"}). Frames that say neither (a
 * Vest {@code {"result":null,"id":1}} ack) are passed over; after {@link #MAX_FRAMES} or at the first line that
 * is not a frame record the answer is {@link Venue#UNKNOWN} (the replay itself then reports that line).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class CaptureProbe {
    /** Frames looked at before giving up, frames. */
    static final int MAX_FRAMES = 1_000;

    private static final Pattern VEST_CHANNEL = Pattern.compile("\"channel\"\\s*:\\s*\"[^\".]+@");

    /** Whose capture a file looks like. */
    enum Venue {
        /** No frame at all (empty, or only blank lines). */
        EMPTY,
        /** Binary frames or JSON-RPC frames. */
        PARADEX,
        /** Frames on {@code SYMBOL@stream} channels. */
        VEST,
        /** Nothing decisive in the first frames, or a malformed line first. */
        UNKNOWN;

        /** @return the name as the command line spells it, e.g. {@code paradex} */
        String cliName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private CaptureProbe() {
    }

    /**
     * @param file a readable capture file
     * @return whose capture it looks like
     * @throws IOException if reading fails (not for a malformed line: that is {@link Venue#UNKNOWN})
     */
    static Venue probe(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            final CaptureReader reader = new CaptureReader(new Utf8LineReader(in));
            for (int i = 0; i < MAX_FRAMES; i++) {
                final CapturedFrame f;
                try {
                    f = reader.next();
                } catch (final dev.arb.capture.CaptureFormatException | Utf8LineReader.InvalidUtf8Exception e) {
                    return Venue.UNKNOWN;
                }
                if (f == null) {
                    return i == 0 ? Venue.EMPTY : Venue.UNKNOWN;
                }
                final Venue v = of(f);
                if (v != Venue.UNKNOWN) {
                    return v;
                }
            }
            return Venue.UNKNOWN;
        }
    }

    /** @return the venue one frame points at, or {@link Venue#UNKNOWN} */
    static Venue of(final CapturedFrame f) {
        if (f.opcode() == CapturedFrame.Opcode.BINARY) {
            return Venue.PARADEX;
        }
        final String text = f.text();
        if (text.contains("\"jsonrpc\"")) {
            return Venue.PARADEX;
        }
        if (VEST_CHANNEL.matcher(text).find()) {
            return Venue.VEST;
        }
        return Venue.UNKNOWN;
    }
}
