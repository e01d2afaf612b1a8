package dev.arb.spread;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Parameters of a {@link SpreadCalculator}: both venues' taker fees, the size the spread is
 * measured for, and the maximum age of a book used for a decision.
 *
 * <p>{@code sizeBase} 0 measures top of book only; a positive size measures the volume-weighted
 * average price (VWAP) of the depth needed to fill that size on each side.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class SpreadConfig {
    private final double takerFeeBpsA;
    private final double takerFeeBpsB;
    private final BigDecimal sizeBase;
    private final long maxBookAgeMs;

    private SpreadConfig(final Builder b) {
        this.takerFeeBpsA = b.takerFeeBpsA;
        this.takerFeeBpsB = b.takerFeeBpsB;
        this.sizeBase = b.sizeBase;
        this.maxBookAgeMs = b.maxBookAgeMs;
    }

    /** @return a builder with zero fees, top-of-book size (0) and a 5,000 ms maximum book age */
    public static Builder builder() {
        return new Builder();
    }

    /** @return venue A's taker fee, bps of notional */
    public double takerFeeBpsA() {
        return takerFeeBpsA;
    }

    /** @return venue B's taker fee, bps of notional */
    public double takerFeeBpsB() {
        return takerFeeBpsB;
    }

    /** @return size the spread is measured for, base units; 0 = top of book only */
    public BigDecimal sizeBase() {
        return sizeBase;
    }

    /** @return the oldest a book may be (ms since its last update was received) and still be used */
    public long maxBookAgeMs() {
        return maxBookAgeMs;
    }

    /** @return both taker fees together, in percent of notional ({@code (feeA + feeB) / 100}) */
    public double totalTakerFeePct() {
        return (takerFeeBpsA + takerFeeBpsB) / 100.0;
    }

    @Override
    public String toString() {
        return "SpreadConfig{takerFeeBpsA=" + takerFeeBpsA + ", takerFeeBpsB=" + takerFeeBpsB + ", sizeBase="
            + sizeBase.toPlainString() + ", maxBookAgeMs=" + maxBookAgeMs + '}';
    }

    /**
     * Builder for {@link SpreadConfig}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder {
        private double takerFeeBpsA;
        private double takerFeeBpsB;
        private BigDecimal sizeBase = BigDecimal.ZERO;
        private long maxBookAgeMs = 5_000;

        private Builder() {
        }

        /**
         * @param bps venue A's taker fee, bps of notional (e.g. 2.0); may be negative for a rebate
         * @return this
         * @throws IllegalArgumentException if not finite
         */
        public Builder takerFeeBpsA(final double bps) {
            takerFeeBpsA = finite(bps, "takerFeeBpsA");
            return this;
        }

        /**
         * @param bps venue B's taker fee, bps of notional; may be negative for a rebate
         * @return this
         * @throws IllegalArgumentException if not finite
         */
        public Builder takerFeeBpsB(final double bps) {
            takerFeeBpsB = finite(bps, "takerFeeBpsB");
            return this;
        }

        /**
         * @param size base units the spread is measured for; 0 = top of book only
         * @return this
         * @throws IllegalArgumentException if negative
         * @throws NullPointerException if null
         */
        public Builder sizeBase(final BigDecimal size) {
            Objects.requireNonNull(size, "sizeBase");
            if (size.signum() < 0) {
                throw new IllegalArgumentException("sizeBase must not be negative: " + size.toPlainString());
            }
            sizeBase = size;
            return this;
        }

        /**
         * @param ms the oldest a book may be and still be used, ms
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder maxBookAgeMs(final long ms) {
            if (ms < 0) {
                throw new IllegalArgumentException("maxBookAgeMs must not be negative: " + ms);
            }
            maxBookAgeMs = ms;
            return this;
        }

        /** @return the configuration */
        public SpreadConfig build() {
            return new SpreadConfig(this);
        }

        private static double finite(final double v, final String name) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " must be finite: " + v);
            }
            return v;
        }
    }
}
