package dev.arb.vest.internal;

import dev.arb.api.FixedPoint;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Venue decimals to fixed-point: sizes exactly at the market's size scale, prices rounded half-even to its price scale,
 * fees as {@link BigDecimal}s. Plain decimals ({@code -?digits[.digits]}, at most 18 digits, rescaled without overflow)
 * are read straight from their characters without allocating; anything else (exponents, signs, spaces, long or
 * malformed text) goes through {@link BigDecimal} with the venue limits ({@link VestOrderCodec#MAX_DECIMAL_CHARS}
 * characters, exponent within ±{@link VestOrderCodec#MAX_EXPONENT}), so results and typed errors are the same either
 * way.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class VestDecimals {
    private static final long[] POW10 = new long[19];
    /** Result of {@link #plain} when the text is not a plain decimal of at most 18 digits. */
    private static final long NOT_PLAIN = Long.MIN_VALUE;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private VestDecimals() {
    }

    /**
     * @param text   decimal characters
     * @param length how many
     * @param spec   the market
     * @return the size at {@code spec}'s size scale
     * @throws MalformedMessageException if it is not a decimal or finer than the size scale
     */
    static long size(final char[] text, final int length, final MarketSpec spec) {
        final long unscaled = plain(text, length);
        if (unscaled != NOT_PLAIN) {
            final int shift = spec.sizeScale() - scaleOf(text, length);
            final long v = shift >= 0 ? scaledUp(unscaled, shift) : exactDown(unscaled, -shift);
            if (v != NOT_PLAIN) {
                return v;
            }
        }
        return size(new String(text, 0, length), spec);
    }

    /**
     * @param text   decimal characters
     * @param length how many
     * @param spec   the market
     * @return the price rounded half-even to {@code spec}'s price scale
     * @throws MalformedMessageException if it is not a decimal or out of range
     */
    static long price(final char[] text, final int length, final MarketSpec spec) {
        final long unscaled = plain(text, length);
        if (unscaled != NOT_PLAIN) {
            final int shift = spec.priceScale() - scaleOf(text, length);
            final long v = shift >= 0 ? scaledUp(unscaled, shift) : halfEvenDown(unscaled, -shift);
            if (v != NOT_PLAIN) {
                return v;
            }
        }
        return price(new String(text, 0, length), spec);
    }

    /** @return {@code unscaled·10^up}, or {@link #NOT_PLAIN} if it overflows */
    private static long scaledUp(final long unscaled, final int up) {
        return up < POW10.length && Math.abs(unscaled) <= Long.MAX_VALUE / POW10[up] ? unscaled * POW10[up] : NOT_PLAIN;
    }

    /** @return {@code unscaled/10^down} if exact, else {@link #NOT_PLAIN} (finer than the scale: BigDecimal's error) */
    private static long exactDown(final long unscaled, final int down) {
        return down < POW10.length && unscaled % POW10[down] == 0 ? unscaled / POW10[down] : NOT_PLAIN;
    }

    /** @return {@code unscaled/10^down} rounded half-even (symmetric about zero, as BigDecimal's HALF_EVEN) */
    private static long halfEvenDown(final long unscaled, final int down) {
        if (down >= POW10.length) {
            return NOT_PLAIN;
        }
        final long unit = POW10[down];
        final long magnitude = Math.abs(unscaled);
        long q = magnitude / unit;
        final long twice = 2 * (magnitude % unit); // < 2e18: no overflow
        if (twice > unit || twice == unit && (q & 1) == 1) {
            q++;
        }
        return unscaled < 0 ? -q : q;
    }

    /**
     * @param text   decimal characters
     * @param length how many
     * @return the decimal, with the scale its text has (as {@code new BigDecimal(text)})
     * @throws MalformedMessageException if it is not a decimal or out of range
     */
    static BigDecimal decimal(final char[] text, final int length) {
        final long unscaled = plain(text, length);
        if (unscaled != NOT_PLAIN) {
            return BigDecimal.valueOf(unscaled, scaleOf(text, length));
        }
        return decimal(new String(text, 0, length));
    }

    /** The size at the market's size scale, through {@link BigDecimal}. */
    static long size(final String text, final MarketSpec spec) {
        try {
            return FixedPoint.fromBigDecimal(decimal(text), spec.sizeScale());
        } catch (ArithmeticException e) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "size finer than the market's step: " + text, e);
        }
    }

    /** Prices such as averages may carry more decimals than the tick: rounded half-even to the price scale. */
    static long price(final String text, final MarketSpec spec) {
        try {
            return FixedPoint.fromBigDecimal(decimal(text).setScale(spec.priceScale(), RoundingMode.HALF_EVEN),
                spec.priceScale());
        } catch (ArithmeticException e) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "price out of range: " + text, e);
        }
    }

    /**
     * A venue decimal: at most {@link VestOrderCodec#MAX_DECIMAL_CHARS} characters and an exponent within
     * ±{@link VestOrderCodec#MAX_EXPONENT} (so that rescaling it costs nothing: {@code 1e-999999999} would make
     * {@code setScale} run for minutes).
     */
    static BigDecimal decimal(final String text) {
        if (text.length() > VestOrderCodec.MAX_DECIMAL_CHARS) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "decimal of " + text.length() + " characters");
        }
        final BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "not a decimal: " + text, e);
        }
        if (Math.abs(d.scale()) > VestOrderCodec.MAX_EXPONENT) {
            throw new MalformedMessageException(VestErrors.VENUE, null, "decimal out of range: " + text);
        }
        return d;
    }

    /**
     * @return the unscaled value of {@code -?digits[.digits]} with at most 18 digits, else {@link #NOT_PLAIN}
     */
    private static long plain(final char[] text, final int length) {
        int i = 0;
        final boolean negative = length > 0 && text[0] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        int intDigits = 0;
        boolean dot = false;
        for (; i < length; i++) {
            final char c = text[i];
            if (c >= '0' && c <= '9') {
                if (++digits > 18) {
                    return NOT_PLAIN;
                }
                value = value * 10 + (c - '0');
                if (!dot) {
                    intDigits++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return NOT_PLAIN;
            }
        }
        if (intDigits == 0 || dot && digits == intDigits) {
            return NOT_PLAIN; // "", "-", ".5", "5.": left to BigDecimal
        }
        return negative ? -value : value;
    }

    /** @return digits after the dot of a plain decimal */
    private static int scaleOf(final char[] text, final int length) {
        for (int i = 0; i < length; i++) {
            if (text[i] == '.') {
                return length - i - 1;
            }
        }
        return 0;
    }
}
