package dev.arb.capture;

import java.util.Arrays;
import java.util.Objects;

/**
 * One WebSocket frame of a JSONL capture: {@code {"t_ns":…,"opcode":"text","text":"…"}} or
 * {@code {"t_ns":…,"opcode":"binary","b64":"…"}} (the format of FueledByChai's
 * {@code fixtures/paradex/md/*.jsonl}, also the bot's own {@code record} format).
 *
 * <p><b>Note:</b> immutable (the binary payload is copied in and out), thread-safe.
 */
public final class CapturedFrame {
    /** WebSocket frame type. */
    public enum Opcode {
        /** A text frame (JSON-RPC ack, error). */
        TEXT,
        /** A binary frame (SBE channel data). */
        BINARY
    }

    private final long lineNumber;
    private final long receivedNanos;
    private final Opcode opcode;
    private final String text;
    private final byte[] payload;

    /**
     * @param lineNumber    1-based line of the capture file
     * @param receivedNanos the capture's {@code t_ns}: receive time, ns (epoch-based wall clock in FBC captures)
     * @param opcode        frame type
     * @param text          the text of a {@link Opcode#TEXT} frame, else null
     * @param payload       the bytes of a {@link Opcode#BINARY} frame, else null (copied)
     * @throws NullPointerException if the opcode or the payload matching it is null
     */
    public CapturedFrame(final long lineNumber, final long receivedNanos, final Opcode opcode, final String text,
        final byte[] payload) {
        this.lineNumber = lineNumber;
        this.receivedNanos = receivedNanos;
        this.opcode = Objects.requireNonNull(opcode, "opcode");
        this.text = opcode == Opcode.TEXT ? Objects.requireNonNull(text, "text") : null;
        this.payload = opcode == Opcode.BINARY ? Objects.requireNonNull(payload, "payload").clone() : null;
    }

    /** @return 1-based line of the capture file */
    public long lineNumber() {
        return lineNumber;
    }

    /** @return the capture's {@code t_ns}, ns */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** @return frame type */
    public Opcode opcode() {
        return opcode;
    }

    /** @return text of a text frame, or null */
    public String text() {
        return text;
    }

    /** @return a copy of a binary frame's bytes, or null */
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** @return length of the binary payload in bytes, or 0 for a text frame */
    public int payloadLength() {
        return payload == null ? 0 : payload.length;
    }

    byte[] payloadUnsafe() {
        return payload;
    }

    @Override
    public String toString() {
        return "CapturedFrame{line " + lineNumber + ' ' + opcode + (payload != null ? " " + payload.length + " bytes"
            : " " + text.length() + " chars") + " t_ns=" + receivedNanos + '}';
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof CapturedFrame)) {
            return false;
        }
        final CapturedFrame f = (CapturedFrame) o;
        return lineNumber == f.lineNumber && receivedNanos == f.receivedNanos && opcode == f.opcode
            && Objects.equals(text, f.text) && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lineNumber, receivedNanos, opcode, text, Arrays.hashCode(payload));
    }
}
