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
    private final boolean useVwap;
    private final int maxConsecutiveErrors;
    private final int unwindMaxAttempts;
    private final long maxQuoteAgeMs;
    private final long maxSkewMs;
    private final BigDecimal unwindLossBoundUsd;
    private final BigDecimal deltaToleranceBase;
    private final long deltaCheckIntervalMs;
    private final DriftAction driftAction;
    /** Order timeout, re-sends, lookup timeout, journal-before-send, limit grid, hints, leg order. */
    private final OrderPathSettings orderPath;

    private ExecutorConfig(final Builder b) {
        entryThresholdPct = b.entryThresholdPct;
        exitThresholdPct = b.exitThresholdPct;
        positionSizeBase = Objects.requireNonNull(b.positionSizeBase, "positionSizeBase is required");
        slippageBps = b.slippageBps;
        useVwap = b.useVwap;
        maxConsecutiveErrors = b.maxConsecutiveErrors;
        unwindMaxAttempts = b.unwindMaxAttempts;
        maxQuoteAgeMs = b.maxQuoteAgeMs;
        maxSkewMs = b.maxSkewMs;
        unwindLossBoundUsd = b.unwindLossBoundUsd;
        deltaToleranceBase = b.deltaToleranceBase;
        deltaCheckIntervalMs = b.deltaCheckIntervalMs;
        driftAction = b.driftAction;
        orderPath = b.orderPath();
    }

    /**
     * @return a builder with entry 0.15 %, exit −0.05 %, slippage 10 bps, top of book, 5
     *     errors, 3 unwind attempts, 5,000 ms order timeout, quote age 2,000 ms, skew 1,000 ms, unwind loss
     *     bound 50 USD, 2 retries, delta tolerance 0, no delta check, HALT on drift, 10,000 ms lookup
     *     timeout, intents written ahead (not committed before the send), limits on a 1 bps grid, order hints on,
     *     the slower leg first; the position size has no default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the built-in strategy's {@code spread_entry}: entry spread net of both entry taker fees,
     *     plus expected funding, at or above which a position is entered, percent
     */
    public double entryThresholdPct() {
        return entryThresholdPct;
    }

    /** @return the built-in strategy's {@code spread_exit}: closing spread net of both exit taker fees, percent */
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

    /**
     * @return {@link #maxQuoteAgeMs()}, ms
     * @deprecated one quote-age gate now serves the strategy's spread and the engine's entries; use
     *     {@link #maxQuoteAgeMs()}
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public long maxBookAgeMs() {
        return maxQuoteAgeMs;
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
        return orderPath.orderTimeoutMs();
    }

    /**
     * @return the one quote-age gate, ms: no entry when either book was received longer ago than this, and
     *     the strategy's spread (and the engine's exit pricing) ignores older books
     */
    public long maxQuoteAgeMs() {
        return maxQuoteAgeMs;
    }

    /** @return no entry when the two books' venue timestamps differ by more than this, ms */
    public long maxSkewMs() {
        return maxSkewMs;
    }

    /**
     * @return the largest loss one unwind may realize against the leg's entry price, USD; the
     *     escalating orders are priced no worse than this bound and the executor halts when it is hit
     */
    public BigDecimal unwindLossBoundUsd() {
        return unwindLossBoundUsd;
    }

    /** @return times a rate-limited order is re-sent, with the same client order id */
    public int orderRetries() {
        return orderPath.orderRetries();
    }

    /** @return largest tolerated {@code |posA + posB|} in the periodic net-delta check, base units */
    public BigDecimal deltaToleranceBase() {
        return deltaToleranceBase;
    }

    /** @return period of the net-delta check, ms; 0 = off */
    public long deltaCheckIntervalMs() {
        return deltaCheckIntervalMs;
    }

    /**
     * @return how long a lookup by client order id after a lost ack may take, ms (Vest answers
     *     NOT_FOUND only once the order's receive window has passed: recvWindow + 1 s)
     */
    public long lookupTimeoutMs() {
        return orderPath.lookupTimeoutMs();
    }

    /** @return what a net-delta drift beyond tolerance triggers */
    public DriftAction driftAction() {
        return driftAction;
    }

    /**
     * @return {@code true} to commit each intent to the journal before sending its order (the old path, kept
     *     to measure against); {@code false} (default) queues the intent and sends at once, the commit running
     *     in parallel (a crash may lose intents of orders in flight; start-up reconciliation finds them)
     */
    public boolean journalBeforeSend() {
        return orderPath.journalBeforeSend();
    }

    /**
     * @return the grid IOC limits are moved onto, toward the book, bps (default 1; 0 = exact ticks): the largest
     *     tick × {1,2,5} × 10^k not above it, never past the depth price, so the slippage bound tightens by less than a step
     *     and never loosens, and a leg's likely next limit (hashed ahead by Paradex) survives small book moves
     */
    public double limitPriceGridBps() {
        return orderPath.limitPriceGridBps();
    }

    /** @return {@code true} (default) to tell each venue the engine's likely next order on it, when it changed */
    public boolean orderHints() {
        return orderPath.orderHints();
    }

    /** @return {@code true} (default) to send first the order whose venue answers more slowly; else leg A first */
    public boolean slowerLegFirst() {
        return orderPath.slowerLegFirst();
    }

    @Override
    public String toString() {
        return "ExecutorConfig{entryThresholdPct=" + entryThresholdPct + ", exitThresholdPct=" + exitThresholdPct
            + ", positionSizeBase=" + positionSizeBase.toPlainString() + ", slippageBps=" + slippageBps
            + ", useVwap=" + useVwap + ", maxConsecutiveErrors=" + maxConsecutiveErrors + ", unwindMaxAttempts="
            + unwindMaxAttempts + ", maxQuoteAgeMs=" + maxQuoteAgeMs + ", maxSkewMs=" + maxSkewMs
            + ", unwindLossBoundUsd=" + unwindLossBoundUsd.toPlainString() + ", deltaToleranceBase="
            + deltaToleranceBase.toPlainString() + ", deltaCheckIntervalMs=" + deltaCheckIntervalMs + ", driftAction="
            + driftAction + ", " + orderPath + '}';
    }

    /**
     * Builder for {@link ExecutorConfig}; the order-path setters ({@code orderTimeoutMs}, {@code orderRetries},
     * {@code lookupTimeoutMs}, {@code journalBeforeSend}) are inherited.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder extends OrderPathSettings.AbstractBuilder<Builder> {
        private double entryThresholdPct = 0.15;
        private double exitThresholdPct = -0.05;
        private BigDecimal positionSizeBase;
        private double slippageBps = 10;
        private boolean useVwap;
        private int maxConsecutiveErrors = 5;
        private int unwindMaxAttempts = 3;
        private long maxQuoteAgeMs = 2_000;
        private long maxSkewMs = 1_000;
        private BigDecimal unwindLossBoundUsd = new BigDecimal("50");
        private BigDecimal deltaToleranceBase = BigDecimal.ZERO;
        private long deltaCheckIntervalMs;
        private DriftAction driftAction = DriftAction.HALT;

        private Builder() {
        }

        /**
         * @param ms quote-age gate, ms (≥ 1)
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxQuoteAgeMs(final long ms) {
            maxQuoteAgeMs = atLeast(ms, 1, "maxQuoteAgeMs");
            return this;
        }

        /**
         * @param ms largest difference of the two venues' book timestamps, ms (≥ 0)
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder maxSkewMs(final long ms) {
            maxSkewMs = atLeast(ms, 0, "maxSkewMs");
            return this;
        }

        /**
         * @param usd loss bound per unwind, USD (&gt; 0)
         * @return this
         * @throws IllegalArgumentException if not positive
         */
        public Builder unwindLossBoundUsd(final BigDecimal usd) {
            if (usd == null || usd.signum() <= 0) {
                throw new IllegalArgumentException("unwindLossBoundUsd must be positive: " + usd);
            }
            unwindLossBoundUsd = usd;
            return this;
        }

        /**
         * @param base tolerated {@code |posA + posB|}, base units (≥ 0)
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder deltaToleranceBase(final BigDecimal base) {
            if (base == null || base.signum() < 0) {
                throw new IllegalArgumentException("deltaToleranceBase must be ≥ 0: " + base);
            }
            deltaToleranceBase = base;
            return this;
        }

        /**
         * @param ms period of the net-delta check, ms; 0 turns it off
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder deltaCheckIntervalMs(final long ms) {
            deltaCheckIntervalMs = atLeast(ms, 0, "deltaCheckIntervalMs");
            return this;
        }

        /**
         * @param action what a drift beyond tolerance triggers
         * @return this
         * @throws NullPointerException if null
         */
        public Builder driftAction(final DriftAction action) {
            driftAction = Objects.requireNonNull(action, "driftAction");
            return this;
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
         * @param pct exit threshold: closing spread net of both exit taker fees, percent (e.g. −0.05)
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
         * @param ms the quote-age gate, ms (≥ 1)
         * @return this
         * @throws IllegalArgumentException if below 1
         * @deprecated the same gate as {@link #maxQuoteAgeMs(long)}, which it sets; use that
         */
        @Deprecated(since = "0.1", forRemoval = true)
        public Builder maxBookAgeMs(final long ms) {
            return maxQuoteAgeMs(ms);
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
            maxConsecutiveErrors = (int) atLeast(n, 1, "maxConsecutiveErrors");
            return this;
        }

        /**
         * @param n reduce-only attempts per unwind (≥ 1; the last is a MARKET order)
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder unwindMaxAttempts(final int n) {
            unwindMaxAttempts = (int) atLeast(n, 1, "unwindMaxAttempts");
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

        /** The range check of every setter; also {@link OrderPathSettings}'s. */
        static long atLeast(final long v, final long min, final String name) {
            if (v < min) {
                throw new IllegalArgumentException(name + " must be ≥ " + min + ": " + v);
            }
            return v;
        }
    }
}
