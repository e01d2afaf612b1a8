package dev.arb.paradex.internal;

/**
 * Reads the ASCII decimal of a {@code funding_rate} ({@code -0.0000125}, {@code 1.5e-5}; quoted or bare in
 * {@code markets_summary} pushes, protocol reference §2.5) as a double without allocating: up to
 * {@value #RATE_DIGITS} significant digits are kept (a rate needs far fewer), the rest truncated.
 *
 * <p><b>Note:</b> thread-safe: stateless; the scanner it reads from is the caller's.
 */
final class FundingRateReader {
    /** Significant digits kept when reading a rate; further digits only move the decimal exponent. */
    private static final int RATE_DIGITS = 18;
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private FundingRateReader() {
    }

    /**
     * @param in    the scanner holding the bytes
     * @param start first byte of the decimal
     * @param stop  its end (exclusive)
     * @return the value
     * @throws JsonByteScanner.Malformed if the bytes are not a decimal
     */
    static double read(final JsonByteScanner in, final int start, final int stop) {
        int i = start;
        final boolean negative = i < stop && in.byteAt(i) == '-';
        if (negative || i < stop && in.byteAt(i) == '+') {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean point = false;
        boolean any = false;
        for (; i < stop; i++) {
            final byte c = in.byteAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                if (digits < RATE_DIGITS) {
                    if (mantissa != 0 || c != '0') {
                        digits++;
                    }
                    mantissa = mantissa * 10 + (c - '0');
                    if (point) {
                        exponent--;
                    }
                } else if (!point) {
                    exponent++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else if (c == 'e' || c == 'E') {
                exponent += (int) exponent(in, i + 1, stop);
                break;
            } else {
                throw in.malformed("funding_rate is not a decimal");
            }
        }
        if (!any) {
            throw in.malformed("funding_rate is not a decimal");
        }
        double v = mantissa;
        if (exponent < 0) {
            v = -exponent < POW10.length ? v / POW10[-exponent] : v / Math.pow(10, -exponent);
        } else if (exponent > 0) {
            v = exponent < POW10.length ? v * POW10[exponent] : v * Math.pow(10, exponent);
        }
        return negative ? -v : v;
    }

    private static long exponent(final JsonByteScanner in, final int start, final int stop) {
        int i = start;
        final boolean negative = i < stop && in.byteAt(i) == '-';
        if (negative || i < stop && in.byteAt(i) == '+') {
            i++;
        }
        if (i >= stop) {
            throw in.malformed("funding_rate has an empty exponent");
        }
        long e = 0;
        for (; i < stop; i++) {
            final byte c = in.byteAt(i);
            if (c < '0' || c > '9' || e > 1000) {
                throw in.malformed("funding_rate has a bad exponent");
            }
            e = e * 10 + (c - '0');
        }
        return negative ? -e : e;
    }
}
