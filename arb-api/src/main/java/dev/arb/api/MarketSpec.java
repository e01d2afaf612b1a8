package dev.arb.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Trading rules of one market on one venue: the fixed-point scales every price and size of the
 * market uses, tick size, step size, minimum notional and fees.
 *
 * <p>Built by the venue adapter from the venue's market list (Vest {@code GET /exchangeInfo},
 * Paradex {@code GET /v1/markets}).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class MarketSpec {
    private final String venue;
    private final String symbol;
    private final String baseAsset;
    private final int priceScale;
    private final int sizeScale;
    private final long tickSize;
    private final long stepSize;
    private final long minSize;
    private final BigDecimal minNotionalUsd;
    private final BigDecimal makerFeeRate;
    private final BigDecimal takerFeeRate;

    private MarketSpec(final Builder b) {
        this.venue = Objects.requireNonNull(b.venue, "venue");
        this.symbol = Objects.requireNonNull(b.symbol, "symbol");
        this.baseAsset = b.baseAsset == null ? symbol : b.baseAsset;
        this.priceScale = b.priceScale;
        this.sizeScale = b.sizeScale;
        this.tickSize = b.tickSize;
        this.stepSize = b.stepSize;
        this.minSize = b.minSize == 0 ? b.stepSize : b.minSize;
        this.minNotionalUsd = b.minNotionalUsd;
        this.makerFeeRate = b.makerFeeRate;
        this.takerFeeRate = b.takerFeeRate;
        if (priceScale < 0 || priceScale > FixedPoint.MAX_SCALE || sizeScale < 0 || sizeScale > FixedPoint.MAX_SCALE) {
            throw new IllegalArgumentException("scales must be 0.." + FixedPoint.MAX_SCALE);
        }
        if (tickSize <= 0 || stepSize <= 0) {
            throw new IllegalArgumentException("tick and step size must be positive for " + symbol);
        }
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return venue name, e.g. {@code "vest"} */
    public String venue() {
        return venue;
    }

    /** @return the venue's market symbol, e.g. {@code "BTC-PERP"} or {@code "BTC-USD-PERP"} */
    public String symbol() {
        return symbol;
    }

    /** @return base asset, e.g. {@code "BTC"} */
    public String baseAsset() {
        return baseAsset;
    }

    /** @return decimal places of every price of this market (USD per base unit) */
    public int priceScale() {
        return priceScale;
    }

    /** @return decimal places of every size of this market (base units) */
    public int sizeScale() {
        return sizeScale;
    }

    /** @return tick size, in price units at {@link #priceScale()} */
    public long tickSize() {
        return tickSize;
    }

    /** @return step size (size increment), in base units at {@link #sizeScale()} */
    public long stepSize() {
        return stepSize;
    }

    /** @return smallest order size, in base units at {@link #sizeScale()} */
    public long minSize() {
        return minSize;
    }

    /** @return minimum order notional in USD (size × price); zero when the venue sets none */
    public BigDecimal minNotionalUsd() {
        return minNotionalUsd;
    }

    /** @return maker fee as a fraction of notional ({@code 0.0001} = 1 bp); negative is a rebate */
    public BigDecimal makerFeeRate() {
        return makerFeeRate;
    }

    /** @return taker fee as a fraction of notional ({@code 0.0001} = 1 bp) */
    public BigDecimal takerFeeRate() {
        return takerFeeRate;
    }

    /** @return taker fee in bps (ratio, for spread maths) */
    public double takerFeeBps() {
        return takerFeeRate.doubleValue() * 10_000.0;
    }

    /**
     * @param price price at {@link #priceScale()}
     * @return the venue's decimal text with exactly {@code priceScale} decimals
     */
    public String formatPrice(final long price) {
        return FixedPoint.format(price, priceScale);
    }

    /**
     * @param size size at {@link #sizeScale()}
     * @return the venue's decimal text with exactly {@code sizeScale} decimals
     */
    public String formatSize(final long size) {
        return FixedPoint.format(size, sizeScale);
    }

    /**
     * @param text decimal price
     * @return price at {@link #priceScale()}
     * @throws FixedPointFormatException if malformed or finer than the scale
     */
    public long parsePrice(final CharSequence text) {
        return FixedPoint.parse(text, priceScale);
    }

    /**
     * @param text decimal size
     * @return size at {@link #sizeScale()}
     * @throws FixedPointFormatException if malformed or finer than the scale
     */
    public long parseSize(final CharSequence text) {
        return FixedPoint.parse(text, sizeScale);
    }

    /**
     * Snaps a price to the tick on the side that never worsens the order: a buy's limit is rounded
     * down, a sell's up.
     *
     * @param price price at {@link #priceScale()}
     * @param side  order side
     * @return a multiple of {@link #tickSize()}
     */
    public long snapPriceToTick(final long price, final Side side) {
        final long floor = Math.floorDiv(price, tickSize) * tickSize;
        if (floor == price || side == Side.BUY) {
            return floor;
        }
        return floor + tickSize;
    }

    /**
     * Snaps a price to the tick away from the book, for aggressive limits (a buy rounds up, a sell
     * down), so a slippage bound is never tightened below what was asked.
     *
     * @param price price at {@link #priceScale()}
     * @param side  order side
     * @return a multiple of {@link #tickSize()}
     */
    public long snapPriceAggressive(final long price, final Side side) {
        return snapPriceToTick(price, side.opposite());
    }

    /**
     * @param size size at {@link #sizeScale()}
     * @return the largest multiple of {@link #stepSize()} not above {@code size}
     */
    public long roundSizeDown(final long size) {
        return Math.floorDiv(size, stepSize) * stepSize;
    }

    @Override
    public String toString() {
        return "MarketSpec{" + venue + ':' + symbol + ", tick=" + FixedPoint.formatTrimmed(tickSize, priceScale)
            + ", step=" + FixedPoint.formatTrimmed(stepSize, sizeScale) + ", minNotionalUsd=" + minNotionalUsd
            + ", takerFee=" + takerFeeRate + ", makerFee=" + makerFeeRate + '}';
    }

    /**
     * Builder for {@link MarketSpec}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder {
        private String venue;
        private String symbol;
        private String baseAsset;
        private int priceScale;
        private int sizeScale;
        private long tickSize;
        private long stepSize;
        private long minSize;
        private BigDecimal minNotionalUsd = BigDecimal.ZERO;
        private BigDecimal makerFeeRate = BigDecimal.ZERO;
        private BigDecimal takerFeeRate = BigDecimal.ZERO;

        private Builder() {
        }

        /**
         * @param v venue name
         * @return this
         */
        public Builder venue(final String v) {
            venue = v;
            return this;
        }

        /**
         * @param v market symbol
         * @return this
         */
        public Builder symbol(final String v) {
            symbol = v;
            return this;
        }

        /**
         * @param v base asset
         * @return this
         */
        public Builder baseAsset(final String v) {
            baseAsset = v;
            return this;
        }

        /**
         * @param v price decimals
         * @return this
         */
        public Builder priceScale(final int v) {
            priceScale = v;
            return this;
        }

        /**
         * @param v size decimals
         * @return this
         */
        public Builder sizeScale(final int v) {
            sizeScale = v;
            return this;
        }

        /**
         * @param v tick size at the price scale
         * @return this
         */
        public Builder tickSize(final long v) {
            tickSize = v;
            return this;
        }

        /**
         * @param v step size at the size scale
         * @return this
         */
        public Builder stepSize(final long v) {
            stepSize = v;
            return this;
        }

        /**
         * @param v minimum size at the size scale (defaults to the step size)
         * @return this
         */
        public Builder minSize(final long v) {
            minSize = v;
            return this;
        }

        /**
         * @param v minimum notional, USD
         * @return this
         */
        public Builder minNotionalUsd(final BigDecimal v) {
            minNotionalUsd = Objects.requireNonNull(v);
            return this;
        }

        /**
         * @param v maker fee rate (fraction of notional)
         * @return this
         */
        public Builder makerFeeRate(final BigDecimal v) {
            makerFeeRate = Objects.requireNonNull(v);
            return this;
        }

        /**
         * @param v taker fee rate (fraction of notional)
         * @return this
         */
        public Builder takerFeeRate(final BigDecimal v) {
            takerFeeRate = Objects.requireNonNull(v);
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalArgumentException if a scale is out of range or tick/step not positive
         * @throws NullPointerException if venue or symbol is missing
         */
        public MarketSpec build() {
            return new MarketSpec(this);
        }
    }
}
