package dev.arb.paradex.internal;

import dev.arb.api.FixedPoint;
import java.util.Arrays;

/**
 * A cursor over one JSON text held in a byte array, reading tokens in place without allocating: keys and strings as
 * {@code [start, end)} ranges of the buffer, integers, fixed-point decimals, and skipping whatever value the caller
 * does not want. What is not well-formed JSON (as far as read) is thrown as a preallocated {@link Malformed} signal
 * whose reason {@link #error()} keeps, a constant string. The Paradex meaning of the keys is
 * {@link BookMessageParser}'s.
 *
 * <p>Strings are not unescaped: a key or value is compared byte for byte, an escape only skipped (Paradex keys and
 * the values read here are plain ASCII).
 *
 * <p><b>Note:</b> not thread-safe; one instance per parser, used on one thread.
 */
final class JsonByteScanner {
    /** Thrown to unwind on malformed input; preallocated, no stack trace. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private static final Malformed MALFORMED_SIGNAL = new Malformed();
    /**
     * Deepest nesting of skipped values: the skipper recurses, so a frame of 100,000 {@code [} overflowed the
     * event loop's stack (found by fuzzing, RELIABILITY.md); Paradex frames nest 4 deep.
     */
    private static final int MAX_DEPTH = 64;

    private byte[] buf;
    private int pos;
    private int end;
    /** Current nesting depth of {@link #skipComposite}. */
    private int depth;
    private int strStart;
    private int strEnd;
    private int keyStart;
    private int keyEnd;
    private String error;

    /**
     * Starts on a new text.
     *
     * @param bytes  buffer holding the text
     * @param offset its first byte
     * @param length its length in bytes
     */
    void reset(final byte[] bytes, final int offset, final int length) {
        buf = bytes;
        pos = offset;
        end = offset + length;
        depth = 0;
        error = null;
    }

    /**
     * Records why the input is malformed.
     *
     * @param why a constant reason
     * @return the signal to throw
     */
    Malformed malformed(final String why) {
        error = why;
        return MALFORMED_SIGNAL;
    }

    /** @return the reason of the last {@link #malformed}, or null */
    String error() {
        return error;
    }

    /** @return {@code true} when only white space is left */
    boolean atEnd() {
        skipWs();
        return pos == end;
    }

    /** @return the buffer's byte at {@code i} (an absolute index, as in {@link #strStart()}) */
    byte byteAt(final int i) {
        return buf[i];
    }

    /** @return first byte of the last string read */
    int strStart() {
        return strStart;
    }

    /** @return end (exclusive) of the last string read */
    int strEnd() {
        return strEnd;
    }

    /** @return the current position (the first byte not read) */
    int pos() {
        return pos;
    }

    /**
     * @param start  first byte of a range of the buffer
     * @param stop   its end (exclusive)
     * @param ascii  the expected bytes
     * @return {@code true} if the range holds exactly those bytes
     */
    boolean rangeEquals(final int start, final int stop, final byte[] ascii) {
        return Arrays.equals(buf, start, stop, ascii, 0, ascii.length);
    }

    /**
     * Opens an object: {@code '{'}, or for an empty object {@code "{}"} at once.
     *
     * @return {@code true} if members follow (read each with {@link #readKey} then a value, then {@link #nextMember})
     */
    boolean openObject() {
        skipWs();
        expect('{');
        skipWs();
        if (peek() == '}') {
            pos++;
            return false;
        }
        return true;
    }

    /**
     * Reads a member's key and the colon after it; compare it with {@link #keyIs}.
     */
    void readKey() {
        skipWs();
        readString();
        keyStart = strStart;
        keyEnd = strEnd;
        skipWs();
        expect(':');
    }

    /**
     * @param k key bytes
     * @return {@code true} if the last key read is exactly {@code k}
     */
    boolean keyIs(final byte[] k) {
        return Arrays.equals(buf, keyStart, keyEnd, k, 0, k.length);
    }

    /**
     * @param v value bytes
     * @return {@code true} if the last string read is exactly {@code v}
     */
    boolean strIs(final byte[] v) {
        return Arrays.equals(buf, strStart, strEnd, v, 0, v.length);
    }

    /**
     * After a member value.
     *
     * @return {@code true} on ',', {@code false} on '}'
     */
    boolean nextMember() {
        skipWs();
        final byte c = next();
        if (c == ',') {
            return true;
        }
        if (c == '}') {
            return false;
        }
        throw malformed("expected , or } after a member");
    }

    /** Reads a string; its bytes are {@code [strStart(), strEnd())}. */
    void readString() {
        skipWs();
        expect('"');
        strStart = pos;
        while (true) {
            final byte c = next();
            if (c == '"') {
                strEnd = pos - 1;
                return;
            }
            if (c == '\\') {
                next();
            } else if (c >= 0 && c < 0x20) {
                throw malformed("control character in a string");
            }
        }
    }

    /**
     * @param scale decimal places
     * @return the last string read as a fixed-point decimal at {@code scale}
     * @throws dev.arb.api.FixedPointFormatException if it is not a decimal
     */
    long strFixedPoint(final int scale) {
        return FixedPoint.parse(buf, strStart, strEnd - strStart, scale);
    }

    /** @return an integer, bare or quoted */
    long readLong() {
        skipWs();
        final boolean quoted = peek() == '"';
        if (quoted) {
            pos++;
        }
        boolean negative = false;
        if (peek() == '-') {
            negative = true;
            pos++;
        }
        long v = 0;
        int digits = 0;
        while (pos < end) {
            final byte c = buf[pos];
            if (c < '0' || c > '9') {
                break;
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw malformed("integer overflow");
            }
            v = v * 10 + (c - '0');
            pos++;
            digits++;
        }
        if (digits == 0) {
            throw malformed("expected an integer");
        }
        if (quoted) {
            expect('"');
        }
        return negative ? -v : v;
    }

    /** Skips any value. */
    void skipValue() {
        skipWs();
        final byte c = peek();
        switch (c) {
            case '"' -> readString();
            case '{' -> skipComposite('{', '}');
            case '[' -> skipComposite('[', ']');
            case 't', 'f', 'n' -> skipLiteral();
            default -> skipNumber();
        }
    }

    private void skipComposite(final char open, final char close) {
        if (++depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH);
        }
        skipCompositeBody(open, close);
        depth--;
    }

    private void skipCompositeBody(final char open, final char close) {
        expect(open);
        skipWs();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            if (open == '{') {
                readKey();
            }
            skipValue();
            skipWs();
            final byte c = next();
            if (c == close) {
                return;
            }
            if (c != ',') {
                throw malformed("expected , in an object or array");
            }
        }
    }

    /** Skips {@code true}, {@code false} or {@code null}. */
    void skipLiteral() {
        final int start = pos;
        while (pos < end && buf[pos] >= 'a' && buf[pos] <= 'z') {
            pos++;
        }
        final int len = pos - start;
        if (len != 4 && len != 5) {
            throw malformed("bad literal");
        }
    }

    /** Skips a bare number (its bytes are then {@code [start, pos())}). */
    void skipNumber() {
        final int start = pos;
        while (pos < end) {
            final byte c = buf[pos];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start) {
            throw malformed("unexpected character");
        }
    }

    /** Skips white space. */
    void skipWs() {
        while (pos < end) {
            final byte c = buf[pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    /** @return the next byte, not consumed */
    byte peek() {
        if (pos >= end) {
            throw malformed("truncated frame");
        }
        return buf[pos];
    }

    /** @return the next byte, consumed */
    byte next() {
        if (pos >= end) {
            throw malformed("truncated frame");
        }
        return buf[pos++];
    }

    /** Consumes one byte. */
    void skipByte() {
        pos++;
    }

    /** @param c the byte that must come next (consumed) */
    void expect(final char c) {
        if (next() != c) {
            throw malformed("unexpected character");
        }
    }
}
