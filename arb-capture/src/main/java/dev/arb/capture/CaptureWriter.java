package dev.arb.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.arb.api.WireTap;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes received WebSocket frames as a JSON Lines capture, one frame a line, the format {@link CaptureReader}
 * reads and the shared captures use: {@code {"t_ns":<receive ns>,"opcode":"text","text":"…"}} or
 * {@code {"t_ns":…,"opcode":"binary","b64":"…"}} (standard Base64). Install it on an adapter with
 * {@link dev.arb.api.ExchangeAdapter#setWireTap} to record a session as received.
 *
 * <p>Off the hot path: each frame is serialised with Jackson's streaming generator and written through the
 * given writer (buffer it). A write failure is logged once, counted, and later frames are dropped; it never
 * reaches the adapter's event loop as an exception.
 *
 * <p><b>Note:</b> thread-safe (frames of several connections may arrive on different threads; lines never
 * interleave).
 */
public final class CaptureWriter implements WireTap, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriter.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private long frames;
    private long failures;
    private boolean closed;

    /**
     * @param out where the lines go (UTF-8; the caller should buffer it); closed by {@link #close()}
     * @throws NullPointerException if {@code out} is null
     */
    public CaptureWriter(final Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Appends one frame.
     *
     * @param venue         venue name (not written: one capture per venue)
     * @param receivedNanos {@link System#nanoTime()} at receipt, written as {@code t_ns}
     * @param binary        {@code true} for a binary frame ({@code b64}), {@code false} for text (UTF-8, {@code text})
     * @param data          buffer holding the payload
     * @param offset        first payload byte
     * @param length        payload length in bytes
     */
    @Override
    public synchronized void onFrame(final String venue, final long receivedNanos, final boolean binary, final byte[] data,
        final int offset, final int length) {
        if (closed || failures > 0) {
            return;
        }
        try {
            final JsonGenerator g = JSON.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("t_ns", receivedNanos);
            if (binary) {
                g.writeStringField("opcode", "binary");
                g.writeStringField("b64", Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOfRange(data, offset, offset + length)));
            } else {
                g.writeStringField("opcode", "text");
                g.writeStringField("text", new String(data, offset, length, StandardCharsets.UTF_8));
            }
            g.writeEndObject();
            g.flush();
            out.write('\n');
            frames++;
        } catch (final IOException e) {
            failures++;
            LOG.warn("capture write failed; later frames are dropped (logged once)", e);
        }
    }

    /** @return frames written */
    public synchronized long frames() {
        return frames;
    }

    /** @return {@code true} if a write failed (the capture is truncated) */
    public synchronized boolean failed() {
        return failures > 0;
    }

    /**
     * Flushes and closes the writer. Idempotent.
     *
     * @throws UncheckedIOException if flushing or closing fails
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("closing the capture failed", e);
        }
    }
}
