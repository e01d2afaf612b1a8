package dev.arb.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact conversion between decimal strings and fixed-point {@code long}s.
 *
 * <p>A fixed-point value {@code v} at scale {@code s} stands for {@code v / 10^s}: at scale 2,
 * {@code 6543210} is {@code 65432.10}. Parsing never goes through {@code double}; it throws
 * {@link FixedPointFormatException} when the text is not a plain decimal, has more significant
 * fractional digits than the scale allows (so nothing is silently rounded) or overflows a
 * {@code long}. Trailing zeros beyond the scale are accepted ({@code "1.2300"} at scale 2 is
 * {@code 123}).
 *
 * <p>The byte-array overload parses ASCII in place without allocating, for the market-data path.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class FixedPoint {
    /** The largest scale supported (decimal places). */
    public static final int MAX_SCALE = 18;

    /** {@code 10^0 .. 10^18}; package-private for {@link AsciiDecimal}, never written after class initialization. */
    static final long[] POW10 = new long[MAX_SCALE + 1];
    /** {@code Long.MAX_VALUE / 10}: appending a digit to a larger value (or a digit above 7 to it) overflows. */
    private static final long OVERFLOW_GUARD = Long.MAX_VALUE / 10;

    static {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private FixedPoint() {
    }

    /**
     * @param exponent 0..18
     * @return {@code 10^exponent}
     * @throws IllegalArgumentException if the exponent is outside 0..18
     */
    public static long pow10(final int exponent) {
        if (exponent < 0 || exponent > MAX_SCALE) {
            throw new IllegalArgumentException("exponent out of range 0.." + MAX_SCALE + ": " + exponent);
        }
        return POW10[exponent];
    }

    /**
     * Parses a decimal such as {@code "-65432.1"} into a fixed-point long.
     *
     * @param text  optional sign, digits, optional {@code '.'} and digits; no exponent, no spaces
     * @param scale decimal places of the result, 0..18
     * @return the value times {@code 10^scale}
     * @throws FixedPointFormatException if the text is malformed, inexact at this scale or overflows
     */
    public static long parse(final CharSequence text, final int scale) {
        final int length = text.length();
        checkScale(scale);
        if (length == 0) {
            throw new FixedPointFormatException("empty decimal");
        }
        int i = 0;
        boolean negative = false;
        char c = text.charAt(0);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long value = 0;
        int fractionDigits = -1;
        boolean anyDigit = false;
        for (; i < length; i++) {
            c = text.charAt(i);
            if (c == '.') {
                if (fractionDigits >= 0) {
                    throw malformed(text);
                }
                fractionDigits = 0;
                continue;
            }
            if (c < '0' || c > '9') {
                throw malformed(text);
            }
            anyDigit = true;
            final int digit = c - '0';
            if (fractionDigits >= 0) {
                if (fractionDigits == scale) {
                    if (digit != 0) {
                        throw inexact(text, scale);
                    }
                    continue;
                }
                fractionDigits++;
            }
            value = accumulate(value, digit, text);
        }
        if (!anyDigit) {
            throw malformed(text);
        }
        return finish(value, fractionDigits, scale, negative, text);
    }

    /**
     * Parses ASCII decimal bytes in place, allocating nothing unless the input is bad.
     *
     * @param bytes  buffer holding the ASCII text
     * @param offset index of the first byte
     * @param length number of bytes
     * @param scale  decimal places of the result, 0..18
     * @return the value times {@code 10^scale}
     * @throws FixedPointFormatException if the text is malformed, inexact at this scale or overflows
     */
    public static long parse(final byte[] bytes, final int offset, final int length, final int scale) {
        checkScale(scale);
        if (length <= 0) {
            throw new FixedPointFormatException("empty decimal");
        }
        final int end = offset + length;
        int i = offset;
        boolean negative = false;
        byte c = bytes[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long value = 0;
        int fractionDigits = -1;
        boolean anyDigit = false;
        for (; i < end; i++) {
            c = bytes[i];
            if (c == '.') {
                if (fractionDigits >= 0) {
                    throw malformed(bytes, offset, length);
                }
                fractionDigits = 0;
                continue;
            }
            if (c < '0' || c > '9') {
                throw malformed(bytes, offset, length);
            }
            anyDigit = true;
            final int digit = c - '0';
            if (fractionDigits >= 0) {
                if (fractionDigits == scale) {
                    if (digit != 0) {
                        throw new FixedPointFormatException("more than " + scale + " decimals: "
                            + new String(bytes, offset, length, java.nio.charset.StandardCharsets.US_ASCII));
                    }
                    continue;
                }
                fractionDigits++;
            }
            if (value >= OVERFLOW_GUARD && (value > OVERFLOW_GUARD || digit > 7)) {
                throw malformed(bytes, offset, length);
            }
            value = value * 10 + digit;
        }
        if (!anyDigit) {
            throw malformed(bytes, offset, length);
        }
        final int missing = scale - Math.max(fractionDigits, 0);
        final long factor = POW10[missing];
        if (value > Long.MAX_VALUE / factor) {
            throw malformed(bytes, offset, length);
        }
        value *= factor;
        return negative ? -value : value;
    }

    /**
     * Formats with exactly {@code scale} decimals, as venues that sign fixed-width strings need
     * (Vest: {@code format(10000, 4)} is {@code "1.0000"}).
     *
     * @param value fixed-point value
     * @param scale decimal places, 0..18
     * @return plain decimal text, no exponent
     */
    public static String format(final long value, final int scale) {
        checkScale(scale);
        final StringBuilder sb = new StringBuilder(24);
        appendFixed(sb, value, scale);
        return sb.toString();
    }

    /**
     * Formats with the fewest decimals that keep the value exact: {@code formatTrimmed(650000, 2)}
     * is {@code "6500"}, {@code formatTrimmed(650010, 2)} is {@code "6500.1"}.
     *
     * @param value fixed-point value
     * @param scale decimal places of {@code value}, 0..18
     * @return plain decimal text, no exponent, no trailing zeros after the point
     */
    public static String formatTrimmed(final long value, final int scale) {
        checkScale(scale);
        final StringBuilder sb = new StringBuilder(24);
        appendFixed(sb, value, scale);
        if (scale > 0) {
            int end = sb.length();
            while (sb.charAt(end - 1) == '0') {
                end--;
            }
            if (sb.charAt(end - 1) == '.') {
                end--;
            }
            sb.setLength(end);
        }
        return sb.toString();
    }

    /**
     * Appends {@code value} with exactly {@code scale} decimals, without creating a String.
     *
     * @param sb    destination
     * @param value fixed-point value
     * @param scale decimal places, 0..18
     * @return {@code sb}
     */
    public static StringBuilder appendFixed(final StringBuilder sb, final long value, final int scale) {
        checkScale(scale);
        if (value == Long.MIN_VALUE) {
            return sb.append(BigDecimal.valueOf(value, scale).toPlainString());
        }
        long abs = Math.abs(value);
        if (value < 0) {
            sb.append('-');
        }
        final long unit = POW10[scale];
        sb.append(abs / unit);
        if (scale > 0) {
            sb.append('.');
            final long frac = abs % unit;
            for (int d = scale - 1; d >= 0; d--) {
                sb.append((char) ('0' + (frac / POW10[d]) % 10));
            }
        }
        return sb;
    }

    /**
     * Changes the scale of a value exactly.
     *
     * @param value     fixed-point value at {@code fromScale}
     * @param fromScale current decimal places, 0..18
     * @param toScale   wanted decimal places, 0..18
     * @return the same number at {@code toScale}
     * @throws ArithmeticException if the value does not fit, or digits would be lost
     */
    public static long rescale(final long value, final int fromScale, final int toScale) {
        checkScale(fromScale);
        checkScale(toScale);
        if (toScale == fromScale) {
            return value;
        }
        if (toScale > fromScale) {
            return Math.multiplyExact(value, POW10[toScale - fromScale]);
        }
        final long divisor = POW10[fromScale - toScale];
        if (value % divisor != 0) {
            throw new ArithmeticException("rescaling " + value + " from scale " + fromScale + " to "
                + toScale + " would lose digits");
        }
        return value / divisor;
    }

    /**
     * @param value fixed-point value
     * @param scale decimal places, 0..18
     * @return the exact {@link BigDecimal} (off the hot path only: allocates)
     */
    public static BigDecimal toBigDecimal(final long value, final int scale) {
        return BigDecimal.valueOf(value, scale);
    }

    /**
     * @param decimal a decimal number
     * @param scale   decimal places of the result, 0..18
     * @return the fixed-point value
     * @throws ArithmeticException if the value has more significant decimals than {@code scale}
     *     or does not fit a long
     */
    public static long fromBigDecimal(final BigDecimal decimal, final int scale) {
        checkScale(scale);
        if (decimal.signum() == 0) {
            return 0;
        }
        // Checked before setScale: 1E+999999999 or 1E-999999999 (a few bytes from a venue) would make it compute a
        // power of ten with a billion digits, minutes of CPU (found by fuzzing, RELIABILITY.md).
        if (decimal.precision() - decimal.scale() > 19) {
            throw new ArithmeticException("decimal does not fit a long at scale " + scale);
        }
        BigDecimal d = decimal;
        if (d.scale() > scale) {
            d = d.stripTrailingZeros();
            if (d.scale() > scale) {
                throw new ArithmeticException("decimal has more than " + scale + " decimal places");
            }
        }
        return d.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /**
     * For ratios and display only, never for amounts sent to a venue.
     *
     * @param value fixed-point value
     * @param scale decimal places, 0..18
     * @return the nearest {@code double}
     */
    public static double toDouble(final long value, final int scale) {
        return value / (double) POW10[scale];
    }

    private static long accumulate(final long value, final int digit, final CharSequence text) {
        if (value >= OVERFLOW_GUARD && (value > OVERFLOW_GUARD || digit > 7)) {
            throw new FixedPointFormatException("decimal overflows a long: " + text);
        }
        return value * 10 + digit;
    }

    private static long finish(
        final long raw, final int fractionDigits, final int scale, final boolean negative, final CharSequence text) {
        final int missing = scale - Math.max(fractionDigits, 0);
        final long factor = POW10[missing];
        if (raw > Long.MAX_VALUE / factor) {
            throw new FixedPointFormatException("decimal overflows a long at scale " + scale + ": " + text);
        }
        final long value = raw * factor;
        return negative ? -value : value;
    }

    /** @throws IllegalArgumentException if {@code scale} is outside 0..18 (also {@link AsciiDecimal}'s check) */
    static void checkScale(final int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale out of range 0.." + MAX_SCALE + ": " + scale);
        }
    }

    private static FixedPointFormatException malformed(final CharSequence text) {
        return new FixedPointFormatException("not a plain decimal: '" + text + "'");
    }

    private static FixedPointFormatException malformed(final byte[] bytes, final int offset, final int length) {
        return new FixedPointFormatException("not a plain decimal or overflows: '"
            + new String(bytes, offset, length, java.nio.charset.StandardCharsets.US_ASCII) + "'");
    }

    private static FixedPointFormatException inexact(final CharSequence text, final int scale) {
        return new FixedPointFormatException("more than " + scale + " decimals: " + text);
    }
}
