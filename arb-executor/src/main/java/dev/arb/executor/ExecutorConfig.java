package dev.arb.executor;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Parameters of a {@link DeltaNeutralExecutor}: entry and exit thresholds, position size, slippage
 * bound of IOC orders, book freshness, error budget and unwind policy.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class ExecutorConfig {
    private final double entryThresholdPct;
    private final double exitThresholdPct;
    private final BigDecimal positionSizeBase;
    private final double slippageBps;
    private final long maxBookAgeMs;
    private final boolean useVwap;
    private final int maxConsecutiveErrors;
    private final int unwindMaxAttempts;
    private final long orderTimeoutMs;

    private ExecutorConfig(final Builder b) {
        entryThresholdPct = b.entryThresholdPct;
        exitThresholdPct = b.exitThresholdPct;
        positionSizeBase = Objects.requireNonNull(b.positionSizeBase, "positionSizeBase is required");
        slippageBps = b.slippageBps;
        maxBookAgeMs = b.maxBookAgeMs;
        useVwap = b.useVwap;
        maxConsecutiveErrors = b.maxConsecutiveErrors;
        unwindMaxAttempts = b.unwindMaxAttempts;
        orderTimeoutMs = b.orderTimeoutMs;
    }

    /**
     * @return a builder with entry 0.15 %, exit −0.05 %, slippage 10 bps, max book age 2,000 ms,
     *     top of book (no VWAP), 5 consecutive errors, 3 unwind attempts, 5,000 ms order timeout;
     *     the position size has no default
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return net spread (after both taker fees) at or above which a position is entered, percent */
    public double entryThresholdPct() {
        return entryThresholdPct;
    }

    /**
     * @return gross spread of the closing direction at or above which an open position is closed,
     *     percent (e.g. −0.05: close once buying back costs at most 0.05 %)
     */
    public double exitThresholdPct() {
        return exitThresholdPct;
    }

    /** @return target size of each leg, base units (rounded down to both venues' step sizes) */
    public BigDecimal positionSizeBase() {
        return positionSizeBase;
    }

    /** @return slippage bound of IOC limit prices beyond the book price, bps */
    public double slippageBps() {
        return slippageBps;
    }

    /** @return the oldest a book may be and still be used for a decision, ms */
    public long maxBookAgeMs() {
        return maxBookAgeMs;
    }

    /** @return {@code true} to measure spreads as VWAP over the position size, else top of book */
    public boolean useVwap() {
        return useVwap;
    }

    /** @return order errors in a row (rejects, rate limits, transport, timeouts) that halt the executor */
    public int maxConsecutiveErrors() {
        return maxConsecutiveErrors;
    }

    /** @return reduce-only orders tried per venue to remove an excess (the last one MARKET) */
    public int unwindMaxAttempts() {
        return unwindMaxAttempts;
    }

    /** @return time after which an order's outcome is treated as unknown, ms */
    public long orderTimeoutMs() {
        return orderTimeoutMs;
    }

    @Override
    public String toString() {
        return "ExecutorConfig{entryThresholdPct=" + entryThresholdPct + ", exitThresholdPct=" + exitThresholdPct
            + ", positionSizeBase=" + positionSizeBase.toPlainString() + ", slippageBps=" + slippageBps
            + ", maxBookAgeMs=" + maxBookAgeMs + ", useVwap=" + useVwap + ", maxConsecutiveErrors="
            + maxConsecutiveErrors + ", unwindMaxAttempts=" + unwindMaxAttempts + ", orderTimeoutMs="
            + orderTimeoutMs + '}';
    }

    /**
     * Builder for {@link ExecutorConfig}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder {
        private double entryThresholdPct = 0.15;
        private double exitThresholdPct = -0.05;
        private BigDecimal positionSizeBase;
        private double slippageBps = 10;
        private long maxBookAgeMs = 2_000;
        private boolean useVwap;
        private int maxConsecutiveErrors = 5;
        private int unwindMaxAttempts = 3;
        private long orderTimeoutMs = 5_000;

        private Builder() {
        }

        /**
         * @param pct net entry threshold, percent (e.g. 0.15)
         * @return this
         * @throws IllegalArgumentException if not finite
         */
        public Builder entryThresholdPct(final double pct) {
            entryThresholdPct = finite(pct, "entryThresholdPct");
            return this;
        }

        /**
         * @param pct gross exit threshold of the closing direction, percent (e.g. −0.05)
         * @return this
         * @throws IllegalArgumentException if not finite
         */
        public Builder exitThresholdPct(final double pct) {
            exitThresholdPct = finite(pct, "exitThresholdPct");
            return this;
        }

        /**
         * @param size size of each leg, base units
         * @return this
         * @throws IllegalArgumentException if not positive
         */
        public Builder positionSizeBase(final BigDecimal size) {
            if (size == null || size.signum() <= 0) {
                throw new IllegalArgumentException("positionSizeBase must be positive: " + size);
            }
            positionSizeBase = size;
            return this;
        }

        /**
         * @param bps slippage bound of IOC limits, bps (≥ 0)
         * @return this
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder slippageBps(final double bps) {
            if (!(bps >= 0) || Double.isInfinite(bps)) {
                throw new IllegalArgumentException("slippageBps must be finite and ≥ 0: " + bps);
            }
            slippageBps = bps;
            return this;
        }

        /**
         * @param ms maximum book age for a decision, ms (≥ 0)
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder maxBookAgeMs(final long ms) {
            maxBookAgeMs = nonNegative(ms, "maxBookAgeMs");
            return this;
        }

        /**
         * @param vwap {@code true} to measure spreads as VWAP over the position size
         * @return this
         */
        public Builder useVwap(final boolean vwap) {
            useVwap = vwap;
            return this;
        }

        /**
         * @param n order errors in a row that halt (≥ 1)
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxConsecutiveErrors(final int n) {
            maxConsecutiveErrors = (int) positive(n, "maxConsecutiveErrors");
            return this;
        }

        /**
         * @param n reduce-only attempts per unwind (≥ 1; the last is a MARKET order)
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder unwindMaxAttempts(final int n) {
            unwindMaxAttempts = (int) positive(n, "unwindMaxAttempts");
            return this;
        }

        /**
         * @param ms order timeout, ms (≥ 1)
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder orderTimeoutMs(final long ms) {
            orderTimeoutMs = positive(ms, "orderTimeoutMs");
            return this;
        }

        /**
         * @return the configuration
         * @throws NullPointerException if the position size was not set
         */
        public ExecutorConfig build() {
            return new ExecutorConfig(this);
        }

        private static double finite(final double v, final String name) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " must be finite: " + v);
            }
            return v;
        }

        private static long nonNegative(final long v, final String name) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must be ≥ 0: " + v);
            }
            return v;
        }

        private static long positive(final long v, final String name) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be ≥ 1: " + v);
            }
            return v;
        }
    }
}
