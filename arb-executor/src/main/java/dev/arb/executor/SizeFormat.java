package dev.arb.executor;

import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Prints one bot's sizes (base units) the same way whichever venue they come from: with as many
 * decimals as the finer of its two markets' size steps (Vest step 0.0001 and Paradex step 0.001 both
 * print {@code 0.0100}), never in exponent notation ({@code 0E-8}), never with the venue's raw scale
 * ({@code 0.01000000}). A size finer than that step (dust) is rounded half-up to it.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class SizeFormat {
    private final int decimals;

    private SizeFormat(final int decimals) {
        this.decimals = decimals;
    }

    /**
     * @param a one leg's market
     * @param b the other leg's market
     * @return the format for a bot trading both
     * @throws NullPointerException if a market is null
     */
    public static SizeFormat of(final MarketSpec a, final MarketSpec b) {
        return new SizeFormat(Math.max(decimals(Objects.requireNonNull(a, "a")), decimals(Objects.requireNonNull(b, "b"))));
    }

    /**
     * @param decimals decimals to print, 0..18
     * @return a format with exactly that many decimals
     * @throws IllegalArgumentException if {@code decimals} is outside 0..18
     */
    public static SizeFormat ofDecimals(final int decimals) {
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("decimals must be 0..18: " + decimals);
        }
        return new SizeFormat(decimals);
    }

    private static int decimals(final MarketSpec spec) {
        final BigDecimal step = FixedPoint.toBigDecimal(Math.max(1, spec.stepSize()), spec.sizeScale()).stripTrailingZeros();
        return Math.max(0, step.scale());
    }

    /** @return decimals printed */
    public int decimals() {
        return decimals;
    }

    /**
     * @param size a size in base units, or null
     * @return its plain decimal text at this format's decimals, or {@code "unknown"} for null
     */
    public String format(final BigDecimal size) {
        return size == null ? "unknown" : size.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * @param size      a fixed-point size
     * @param sizeScale its scale (the market's {@link MarketSpec#sizeScale()})
     * @return its plain decimal text at this format's decimals
     */
    public String format(final long size, final int sizeScale) {
        return format(FixedPoint.toBigDecimal(size, sizeScale));
    }
}
