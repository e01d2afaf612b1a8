package dev.arb.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads a JSONL WebSocket capture (the format of {@link CaptureWriter} and {@link CaptureReader}) one frame at a
 * time into a reused buffer, for the backtester: no object per frame, no {@link String}, no Jackson tree. It is a
 * flyweight: after {@link #next()} returns {@code true}, {@link #receivedNanos()}, {@link #opcode()} and the
 * payload in {@link #buffer()}{@code [0, }{@link #length()}{@code )} describe the frame (a text frame's JSON
 * string unescaped to its UTF-8 bytes, a binary frame's Base64 decoded) until the next call.
 *
 * <p>The fast path recognises the line shape the writer produces, {@code {"t_ns":N,"opcode":"text","text":"…"}} or
 * {@code {"t_ns":N,"opcode":"binary","b64":"…"}}, with or without blanks between the tokens (the shared
 * FueledByChai captures have them); any other line (fields reordered, non-ASCII text, an escape it does not
 * take) goes to {@link CaptureReader}'s Jackson parser, so both accept and reject exactly the same lines and
 * a malformed line is a {@link CaptureFormatException} naming its line number. Blank lines are skipped. A line
 * longer than {@link #MAX_LINE_BYTES} is rejected rather than buffered.
 *
 * <p><b>Note:</b> not thread-safe; one cursor per stream. Does not close the stream.
 */
public final class CaptureCursor {
    /** Longest line accepted, bytes (64 MiB: far above any venue's frame limit). */
    public static final int MAX_LINE_BYTES = 64 << 20;

    /** The line shapes of the fast path; a space stands for optional blanks (Python's {@code json.dumps} has them). */
    private static final byte[] PREFIX = ascii("{ \"t_ns\" : ");
    private static final byte[] TEXT = ascii(" , \"opcode\" : \"text\" , \"text\" : \"");
    private static final byte[] BINARY = ascii(" , \"opcode\" : \"binary\" , \"b64\" : \"");
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private byte[] chunk = new byte[1 << 20];
    private int start;
    private int end;
    private int scanned;
    private boolean eof;
    private byte[] payload = new byte[1 << 16];
    private int length;
    private long receivedNanos;
    private CapturedFrame.Opcode opcode;
    private long lineNumber;
    private long slowLines;
    private boolean skipMalformed;
    private long malformedLines;
    private long firstMalformedLine;
    private String firstMalformedReason;

    /**
     * @param in the capture bytes (UTF-8)
     * @throws NullPointerException if {@code in} is null
     */
    public CaptureCursor(final InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * Moves to the next frame.
     *
     * @return {@code true} if a frame was read, {@code false} at the end of the input
     * @throws CaptureFormatException if the line is not a valid frame record (names the line number), unless
     *                                {@link #skipMalformedLines(boolean) skipped}
     * @throws IOException            if reading fails
     */
    public boolean next() throws IOException {
        while (true) {
            int nl = indexOfNewline();
            while (nl < 0 && !eof) {
                fill();
                nl = indexOfNewline();
            }
            if (nl < 0 && start == end) {
                return false;
            }
            final int lineEnd = nl < 0 ? end : nl;
            final int from = start;
            start = nl < 0 ? end : nl + 1;
            lineNumber++;
            int to = lineEnd;
            while (to > from && isSpace(chunk[to - 1])) {
                to--;
            }
            int at = from;
            while (at < to && isSpace(chunk[at])) {
                at++;
            }
            if (at == to) {
                continue;
            }
            if (!fast(at, to)) {
                try {
                    slow(from, lineEnd);
                } catch (final CaptureFormatException e) {
                    if (!skipMalformed) {
                        throw e;
                    }
                    if (malformedLines++ == 0) {
                        firstMalformedLine = lineNumber;
                        firstMalformedReason = e.getMessage();
                    }
                    continue;
                }
            }
            return true;
        }
    }

    /**
     * Skips lines that are not frame records, counting them, instead of throwing: a capture cut mid-line when the
     * recorder was killed, or a corrupted line, then costs that line and not the whole replay.
     *
     * @param skip {@code true} to skip and count, {@code false} (the default) to throw
     * @return this
     */
    public CaptureCursor skipMalformedLines(final boolean skip) {
        this.skipMalformed = skip;
        return this;
    }

    /** @return lines skipped as not frame records (with {@link #skipMalformedLines(boolean)}) */
    public long malformedLines() {
        return malformedLines;
    }

    /** @return 1-based number of the first skipped line, 0 if none */
    public long firstMalformedLine() {
        return firstMalformedLine;
    }

    /** @return why the first skipped line was rejected (names its line), or null if none */
    public String firstMalformedReason() {
        return firstMalformedReason;
    }

    /** @return the frame's {@code t_ns}, ns */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** @return the frame's type */
    public CapturedFrame.Opcode opcode() {
        return opcode;
    }

    /** @return the buffer holding the frame's payload at {@code [0, length())}; overwritten by {@link #next()} */
    public byte[] buffer() {
        return payload;
    }

    /** @return the payload length, bytes (UTF-8 text or binary) */
    public int length() {
        return length;
    }

    /** @return 1-based number of the last line read (0 before the first) */
    public long lineNumber() {
        return lineNumber;
    }

    /** @return lines so far that were not in the writer's shape and went through the Jackson parser */
    public long slowLines() {
        return slowLines;
    }

    /** @return a text frame's payload as a string (allocates; for rare frames), or null for a binary frame */
    public String text() {
        return opcode == CapturedFrame.Opcode.TEXT ? new String(payload, 0, length, StandardCharsets.UTF_8) : null;
    }

    /** @return the frame as an immutable {@link CapturedFrame} (allocates) */
    public CapturedFrame toFrame() {
        return new CapturedFrame(lineNumber, receivedNanos, opcode, text(),
            opcode == CapturedFrame.Opcode.BINARY ? java.util.Arrays.copyOf(payload, length) : null);
    }

    private boolean fast(final int from, final int to) {
        int i = match(from, PREFIX);
        if (i < 0) {
            return false;
        }
        final boolean negative = i < to && chunk[i] == '-';
        if (negative) {
            i++;
        }
        final int digits = i;
        long t = 0;
        while (i < to && chunk[i] >= '0' && chunk[i] <= '9') {
            final int digit = chunk[i] - '0';
            if (i - digits >= 18 && (i - digits > 18 || t > (Long.MAX_VALUE - digit) / 10)) {
                return false; // beyond a long: let Jackson name it
            }
            t = t * 10 + digit;
            i++;
        }
        if (i == digits || i - digits > 1 && chunk[digits] == '0') {
            return false;
        }
        // the payload string runs to the '"' before the '}' that ends the line
        int stringEnd = to - 1;
        if (stringEnd <= i || chunk[stringEnd] != '}') {
            return false;
        }
        while (stringEnd > i && isSpace(chunk[stringEnd - 1])) {
            stringEnd--;
        }
        if (chunk[--stringEnd] != '"') {
            return false;
        }
        int body = match(i, TEXT);
        if (body >= 0 && body <= stringEnd) {
            if (!unescape(body, stringEnd)) {
                return false;
            }
            opcode = CapturedFrame.Opcode.TEXT;
        } else if ((body = match(i, BINARY)) >= 0 && body <= stringEnd) {
            if (!base64(body, stringEnd)) {
                return false;
            }
            opcode = CapturedFrame.Opcode.BINARY;
        } else {
            return false;
        }
        receivedNanos = negative ? -t : t;
        return true;
    }

    /**
     * Matches a template at {@code at}, a space in the template standing for optional blanks.
     *
     * @return the position after the match, or -1
     */
    private int match(final int at, final byte[] template) {
        final byte[] c = chunk;
        final int limit = end;
        int i = at;
        for (final byte t : template) {
            if (t == ' ') {
                while (i < limit && (c[i] == ' ' || c[i] == '\t')) {
                    i++;
                }
            } else if (i < limit && c[i] == t) {
                i++;
            } else {
                return -1;
            }
        }
        return i;
    }

    /**
     * JSON string body to UTF-8 ({@link JsonStringBody}); false on anything unusual (a lone quote, a control byte, a
     * surrogate escape).
     */
    private boolean unescape(final int from, final int to) {
        ensure(to - from);
        final int n = JsonStringBody.unescape(chunk, from, to, payload);
        if (n < 0) {
            return false;
        }
        length = n;
        return true;
    }

    /** Standard Base64 (with or without padding) to bytes ({@link Base64Quads}); false on any other character. */
    private boolean base64(final int from, final int to) {
        final int digits = Base64Quads.digits(chunk, from, to);
        if (digits < 0) {
            return false;
        }
        ensure(digits / 4 * 3 + 4); // + 1: each quad writes four bytes, the fourth overwritten by the next
        final int n = Base64Quads.decode(chunk, from, digits, payload);
        if (n < 0) {
            return false;
        }
        length = n;
        return true;
    }

    private void slow(final int from, final int to) {
        slowLines++;
        final CapturedFrame f = CaptureReader.parse(new String(chunk, from, to - from, StandardCharsets.UTF_8),
            lineNumber);
        receivedNanos = f.receivedNanos();
        opcode = f.opcode();
        if (opcode == CapturedFrame.Opcode.TEXT) {
            final byte[] bytes = f.text().getBytes(StandardCharsets.UTF_8);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, payload, 0, bytes.length);
            length = bytes.length;
        } else {
            final byte[] bytes = f.payloadUnsafe();
            ensure(bytes.length);
            System.arraycopy(bytes, 0, payload, 0, bytes.length);
            length = bytes.length;
        }
    }

    private static boolean isSpace(final byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private void ensure(final int capacity) {
        if (payload.length < capacity) {
            payload = new byte[Math.max(capacity, payload.length * 2)];
        }
    }

    private int indexOfNewline() {
        final byte[] c = chunk;
        int i = Math.max(start, scanned);
        for (final int last = end - 8; i <= last; i += 8) {
            final long x = (long) LONG_LE.get(c, i) ^ NEWLINES;
            final long found = (x - LOW_BITS) & ~x & HIGH_BITS;
            if (found != 0) {
                i += Long.numberOfTrailingZeros(found) >>> 3;
                scanned = i + 1;
                return i;
            }
        }
        for (; i < end; i++) {
            if (c[i] == '\n') {
                scanned = i + 1;
                return i;
            }
        }
        scanned = end;
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(chunk, start, chunk, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end == chunk.length) {
            if (chunk.length >= MAX_LINE_BYTES) {
                throw new CaptureFormatException(lineNumber + 1, "line longer than " + MAX_LINE_BYTES + " bytes", null);
            }
            chunk = java.util.Arrays.copyOf(chunk, Math.min(MAX_LINE_BYTES, chunk.length * 2));
        }
        final int n = in.read(chunk, end, chunk.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }
}
