package dev.arb.vest.internal;

import dev.arb.api.MalformedMessageException;
import java.util.Arrays;

/**
 * The byte-level JSON grammar of one Vest frame, read in place from its ASCII bytes: whitespace, punctuation,
 * strings (skipped, escapes honoured), whole values (skipped, nesting counted), key comparison, and the two
 * number forms the frames carry: an unsigned ASCII decimal parsed to a fixed-point {@code long} at a given
 * scale (the {@code "price"}/{@code "size"} strings of {@code @depth} levels) and an unsigned integer
 * ({@code tsMs}, ms since the epoch). Every index is a byte index into the wrapped array; a method that steps
 * over something returns the index just after it.
 *
 * <p>Stateless besides the wrapped frame: {@link VestDepthDecoder} walks the top-level object and its
 * {@code data}, {@link VestDepthLevels} the level arrays, both through one instance. Nothing is allocated but
 * the exception of a malformed frame.
 *
 * <p><b>Note:</b> not thread-safe; owned by its decoder.
 */
final class VestJsonCursor {
    private static final String VENUE = "vest";
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private byte[] bytes;
    private int end;
    private int after;

    /**
     * @param frame  buffer holding the UTF-8 JSON text (kept by reference until the next wrap)
     * @param offset index of the first byte
     * @param length number of bytes
     */
    void wrap(final byte[] frame, final int offset, final int length) {
        bytes = frame;
        end = offset + length;
    }

    /** @param index a byte index below {@link #end()} @return the byte there */
    byte byteAt(final int index) {
        return bytes[index];
    }

    /** @return the index just after the frame's last byte */
    int end() {
        return end;
    }

    /**
     * @param from first byte of the region
     * @param to   index just after the region
     * @param key  ASCII bytes to compare with
     * @return {@code true} if the region holds exactly {@code key}
     */
    boolean regionEquals(final int from, final int to, final byte[] key) {
        return Arrays.equals(bytes, from, to, key, 0, key.length);
    }

    /** @return the first index at or after {@code p} that is not JSON whitespace, at most {@link #end()} */
    int skipWs(int p) {
        while (p < end) {
            final byte c = bytes[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * @return {@code p + 1} if the byte at {@code p} is {@code c}
     * @throws MalformedMessageException otherwise
     */
    int expect(final int p, final char c) {
        if (p >= end || bytes[p] != c) {
            throw malformed("expected '" + c + "'");
        }
        return p + 1;
    }

    /** {@code p} is just after an opening quote; returns the index after the closing quote. */
    int skipStringBody(int p) {
        while (p < end) {
            final byte c = bytes[p];
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (c == '"') {
                return p + 1;
            }
            p++;
        }
        throw malformed("unterminated string");
    }

    /** {@code p} is the first byte of a value (string, object, array or literal); returns the index after it. */
    int skipValue(int p) {
        if (p >= end) {
            throw malformed("missing value");
        }
        final byte c = bytes[p];
        if (c == '"') {
            return skipStringBody(p + 1);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (p < end) {
                final byte b = bytes[p];
                if (b == '"') {
                    p = skipStringBody(p + 1);
                    continue;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 0) {
                        return p + 1;
                    }
                }
                p++;
            }
            throw malformed("unterminated container");
        }
        final int start = p;
        while (p < end && bytes[p] != ',' && bytes[p] != '}' && bytes[p] != ']' && bytes[p] > ' ') {
            p++;
        }
        if (p == start) {
            throw malformed("empty value");
        }
        return p;
    }

    /** @return the index just after the token last read by {@link #decimalToken} (after its closing quote) */
    int after() {
        return after;
    }

    /**
     * Reads a level value, a quoted decimal or a bare number, in one pass: its end is found while its digits
     * are parsed ({@link #after()} then holds the index just after it). The decimal is unsigned ASCII at
     * {@code scale}, exactly like {@link dev.arb.api.FixedPoint#parse(byte[], int, int, int)} for
     * non-negative input, extra trailing zeros allowed, without a division per digit: up to 18 significant
     * digits cannot overflow, so only longer numbers pay for an overflow check. A bare number ends at
     * {@code ,}, {@code ]} or white space.
     *
     * @param p     index of the token's first byte (its opening quote, if quoted)
     * @param scale decimal places of the result, 0 to 18
     * @return the value times 10<sup>scale</sup>
     * @throws MalformedMessageException if the frame ends first, or the token is not such a decimal, has
     *     more than {@code scale} non-zero decimals, or overflows a {@code long}
     */
    long decimalToken(final int p, final int scale) {
        if (p >= end) {
            throw malformed("truncated level");
        }
        final byte[] b = bytes;
        final boolean quoted = b[p] == '"';
        final int start = quoted ? p + 1 : p;
        long value = 0;
        int significant = 0;
        int fraction = -1;
        boolean anyDigit = false;
        int i = start;
        for (; i < end; i++) {
            final int c = b[i];
            if (quoted ? c == '"' : c == ',' || c == ']' || c <= ' ') {
                break;
            }
            if (c == '.') {
                if (fraction >= 0) {
                    throw malformed("two decimal points");
                }
                fraction = 0;
                continue;
            }
            final int digit = c - '0';
            if (digit < 0 || digit > 9) {
                throw malformed("not a decimal digit");
            }
            anyDigit = true;
            if (fraction >= 0) {
                if (fraction == scale) {
                    if (digit != 0) {
                        throw malformed("more than " + scale + " decimals");
                    }
                    continue;
                }
                fraction++;
            }
            if (value == 0 && digit == 0) {
                continue;
            }
            if (++significant > 18 && value > (Long.MAX_VALUE - digit) / 10) {
                throw malformed("decimal overflows");
            }
            value = value * 10 + digit;
        }
        if (quoted) {
            if (i >= end) {
                throw malformed("unterminated string");
            }
            after = i + 1;
        } else {
            after = i;
        }
        if (i == start) {
            throw malformed("empty decimal");
        }
        if (!anyDigit) {
            throw malformed("no digits");
        }
        final int missing = scale - Math.max(fraction, 0);
        final long factor = POW10[missing];
        if (significant + missing > 18 && value > Long.MAX_VALUE / factor) {
            throw malformed("decimal overflows");
        }
        return value * factor;
    }

    /**
     * @param from first digit
     * @param to   index just after the last digit
     * @return the unsigned decimal integer in {@code [from, to)}
     * @throws MalformedMessageException if empty, not all digits, or too large for a {@code long}
     */
    long parseLong(final int from, final int to) {
        if (from >= to) {
            throw malformed("empty number");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            final byte c = bytes[i];
            if (c < '0' || c > '9' || v > (Long.MAX_VALUE - 9) / 10) {
                throw malformed("bad tsMs");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** @param what what is wrong @return the exception a malformed Vest frame is reported with */
    static MalformedMessageException malformed(final String what) {
        return new MalformedMessageException(VENUE, null, "malformed Vest frame: " + what);
    }
}
