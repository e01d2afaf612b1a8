package dev.arb.executor;

import dev.arb.api.MarketSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Sizes that both venues can trade: multiples of the least common multiple of the two step sizes,
 * so a hedged size is exact on each venue whatever its size scale.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
final class HedgeSizing {
    private final BigDecimal commonStep;

    HedgeSizing(final MarketSpec a, final MarketSpec b) {
        final int scale = Math.max(a.sizeScale(), b.sizeScale());
        final BigInteger stepA = BigInteger.valueOf(a.stepSize()).multiply(BigInteger.TEN.pow(scale - a.sizeScale()));
        final BigInteger stepB = BigInteger.valueOf(b.stepSize()).multiply(BigInteger.TEN.pow(scale - b.sizeScale()));
        final BigInteger lcm = stepA.divide(stepA.gcd(stepB)).multiply(stepB);
        commonStep = new BigDecimal(lcm, scale);
    }

    /** @return the least common multiple of both step sizes, base units */
    BigDecimal commonStep() {
        return commonStep;
    }

    /**
     * @param size a non-negative size, base units
     * @return the largest multiple of {@link #commonStep()} not above {@code size}
     */
    BigDecimal floor(final BigDecimal size) {
        return size.divideToIntegralValue(commonStep).multiply(commonStep).setScale(commonStep.scale(),
            RoundingMode.UNNECESSARY);
    }
}
