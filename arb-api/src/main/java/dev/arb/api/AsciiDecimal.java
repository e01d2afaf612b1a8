package dev.arb.api;

/**
 * Longs and fixed-point values written as ASCII decimal digits into a caller's {@code byte[]}, for encoders that
 * build JSON or HTTP text without a {@code String} per number (the Vest and Paradex order writers copy the bytes
 * into their Netty buffer).
 *
 * <p>Each method writes from {@code offset} and returns the offset just past the last byte written, so a number
 * written at offset 0 is that many bytes long. The text is that of the JDK and of {@link FixedPoint}:
 * {@link #writeLong} writes {@link Long#toString(long)}, {@link #writeFixed} writes {@link FixedPoint#format}
 * (exactly {@code scale} decimals), {@link #writeTrimmed} writes {@link FixedPoint#formatTrimmed} (no trailing zeros
 * after the point, no point for a whole number). Negative values get a leading {@code '-'} (also when the integer
 * part is 0: {@code "-0.05"}); zero is never signed; {@link Long#MIN_VALUE} is written like any other value.
 * None of them uses an exponent. At most {@link #MAX_LENGTH} bytes are written per call.
 *
 * <p><b>Note:</b> stateless, thread-safe, allocation-free (the array is the caller's: one per thread).
 */
public final class AsciiDecimal {
    /**
     * The most bytes one call writes: 21, {@code "-9.223372036854775808"} ({@link Long#MIN_VALUE} at scale 18) or
     * {@code "-0.000000000000000001"}; a long alone takes at most 20.
     */
    public static final int MAX_LENGTH = 21;

    /** {@code 10^0 .. 10^18}: {@link FixedPoint}'s table, read only. */
    private static final long[] POW10 = FixedPoint.POW10;

    private AsciiDecimal() {
    }

    /**
     * Writes {@code value} as {@link Long#toString(long)} does: a JSON integer.
     *
     * @param dst    destination
     * @param offset index of the first byte to write
     * @param value  any long
     * @return the index just past the last byte written
     * @throws ArrayIndexOutOfBoundsException if the text does not fit in {@code dst} from {@code offset} (bytes before
     *     the end of the array may have been written)
     */
    public static int writeLong(final byte[] dst, final int offset, final long value) {
        return writeInteger(dst, offset, value, value < 0 ? value : -value);
    }

    /**
     * Writes a fixed-point value with exactly {@code scale} decimals, as {@link FixedPoint#format(long, int)} does
     * ({@code 10000} at scale 4 is {@code "1.0000"}, at scale 0 {@code "10000"}): the fixed-width text Vest signs.
     *
     * @param dst    destination
     * @param offset index of the first byte to write
     * @param value  fixed-point value, any long
     * @param scale  decimal places of {@code value}, 0..18
     * @return the index just past the last byte written
     * @throws IllegalArgumentException       if {@code scale} is outside 0..18 (nothing is written)
     * @throws ArrayIndexOutOfBoundsException if the text does not fit in {@code dst} from {@code offset}
     */
    public static int writeFixed(final byte[] dst, final int offset, final long value, final int scale) {
        final long unit = unit(scale);
        final long negative = value < 0 ? value : -value;
        int p = writeInteger(dst, offset, value, negative / unit);
        if (scale > 0) {
            dst[p++] = '.';
            p = writeDigits(dst, p, negative % unit, scale);
        }
        return p;
    }

    /**
     * Writes a fixed-point value with the fewest decimals that keep it exact, as
     * {@link FixedPoint#formatTrimmed(long, int)} does ({@code 650000} at scale 2 is {@code "6500"}, {@code 650010}
     * is {@code "6500.1"}): the text of {@code BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString()}.
     *
     * @param dst    destination
     * @param offset index of the first byte to write
     * @param value  fixed-point value, any long
     * @param scale  decimal places of {@code value}, 0..18
     * @return the index just past the last byte written
     * @throws IllegalArgumentException       if {@code scale} is outside 0..18 (nothing is written)
     * @throws ArrayIndexOutOfBoundsException if the text does not fit in {@code dst} from {@code offset}
     */
    public static int writeTrimmed(final byte[] dst, final int offset, final long value, final int scale) {
        final long unit = unit(scale);
        final long negative = value < 0 ? value : -value;
        int p = writeInteger(dst, offset, value, negative / unit);
        long fraction = negative % unit;
        if (fraction == 0) {
            return p;
        }
        int decimals = scale;
        while (fraction % 10 == 0) {
            fraction /= 10;
            decimals--;
        }
        dst[p++] = '.';
        return writeDigits(dst, p, fraction, decimals);
    }

    /**
     * Writes the sign of {@code value} and its integer part, given negated ({@code <= 0}). Digits are taken from
     * non-positive values throughout, so {@link Long#MIN_VALUE} (which has no positive counterpart) needs no case.
     */
    private static int writeInteger(final byte[] dst, final int offset, final long value, final long negativeInteger) {
        int p = offset;
        if (value < 0) {
            dst[p++] = '-';
        }
        return writeDigits(dst, p, negativeInteger, digitCount(negativeInteger));
    }

    /** @return how many decimal digits {@code -negative} has (1 for 0), for {@code negative <= 0} */
    private static int digitCount(final long negative) {
        int digits = 1;
        while (digits < POW10.length && negative <= -POW10[digits]) {
            digits++;
        }
        return digits;
    }

    /**
     * Writes {@code -negative} ({@code negative <= 0}) as exactly {@code digits} digits, zero-padded on the left;
     * returns the index past them.
     */
    private static int writeDigits(final byte[] dst, final int offset, final long negative, final int digits) {
        final int end = offset + digits;
        long rest = negative;
        for (int i = end - 1; i >= offset; i--) {
            dst[i] = (byte) ('0' - rest % 10);
            rest /= 10;
        }
        return end;
    }

    private static long unit(final int scale) {
        FixedPoint.checkScale(scale);
        return POW10[scale];
    }
}
