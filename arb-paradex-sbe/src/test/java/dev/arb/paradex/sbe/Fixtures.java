package dev.arb.paradex.sbe;

import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures copied from shared/fixtures/paradex/sbe (hand-built hex frames, production JSONL capture). */
final class Fixtures {
    static final String CAPTURE = "btc-order-book-deltas-2026-10-08.head.jsonl";
    static final String BTC = "BTC-USD-PERP";

    private Fixtures() {
    }

    /** @return the bytes of a {@code *.sbe.txt} fixture: hex pairs, {@code #} starts a comment */
    static byte[] hex(final String name) {
        final String text = resourceText(name);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final String rawLine : text.split("\n")) {
            final int hash = rawLine.indexOf('#');
            final String line = (hash >= 0 ? rawLine.substring(0, hash) : rawLine).trim();
            if (line.isEmpty()) {
                continue;
            }
            for (final String pair : line.split("\\s+")) {
                if (pair.length() != 2) {
                    throw new IllegalArgumentException("bad hex '" + pair + "' in " + name);
                }
                out.write(Integer.parseInt(pair, 16));
            }
        }
        return out.toByteArray();
    }

    static Reader reader(final String name) {
        return new InputStreamReader(stream(name), StandardCharsets.UTF_8);
    }

    static String resourceText(final String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every frame of the production capture, in order */
    static List<CapturedFrame> capture() {
        try (Reader in = reader(CAPTURE)) {
            final CaptureReader reader = new CaptureReader(in);
            final List<CapturedFrame> frames = new ArrayList<>();
            CapturedFrame f;
            while ((f = reader.next()) != null) {
                frames.add(f);
            }
            return frames;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the binary frames of the production capture, in order */
    static List<byte[]> captureBinaryFrames() {
        final List<byte[]> frames = new ArrayList<>();
        for (final CapturedFrame f : capture()) {
            if (f.opcode() == CapturedFrame.Opcode.BINARY) {
                frames.add(f.payload());
            }
        }
        return frames;
    }

    /** The three ByteBuf shapes a Netty WebSocket frame can have. */
    enum BufKind {
        HEAP, DIRECT, COMPOSITE;

        ByteBuf of(final byte[] bytes) {
            switch (this) {
                case HEAP:
                    // a non-zero reader index and array offset exercise the index arithmetic
                    final ByteBuf heap = Unpooled.buffer(bytes.length + 7);
                    heap.writeBytes(new byte[] {9, 9, 9});
                    heap.readerIndex(3);
                    heap.writeBytes(bytes);
                    return heap;
                case DIRECT:
                    final ByteBuf direct = Unpooled.directBuffer(bytes.length + 5);
                    direct.writeBytes(new byte[] {7, 7});
                    direct.readerIndex(2);
                    direct.writeBytes(bytes);
                    return direct;
                default:
                    final CompositeByteBuf composite = Unpooled.compositeBuffer();
                    final int half = bytes.length / 2;
                    composite.addComponent(true, Unpooled.wrappedBuffer(bytes, 0, half));
                    composite.addComponent(true, Unpooled.directBuffer(bytes.length - half).writeBytes(bytes, half,
                        bytes.length - half));
                    return composite;
            }
        }
    }

    private static InputStream stream(final String name) {
        final InputStream in = Fixtures.class.getResourceAsStream("/paradex/sbe/" + name);
        if (in == null) {
            throw new IllegalArgumentException("missing test resource " + name);
        }
        return in;
    }
}
