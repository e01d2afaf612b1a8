package dev.arb.api;

import java.util.Objects;

/**
 * An order to send: market, side, type, time in force, size, limit price, reduce-only flag and the
 * client order id that makes a retry idempotent.
 *
 * <p>{@code size} is in base units at the market's {@link MarketSpec#sizeScale()}, {@code limitPrice}
 * at its {@link MarketSpec#priceScale()}. For {@link OrderType#MARKET} orders the limit price is
 * the worst acceptable price (a slippage guard) where the venue takes one, or 0 for none.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class OrderRequest {
    private final String market;
    private final Side side;
    private final OrderType type;
    private final TimeInForce timeInForce;
    private final long size;
    private final long limitPrice;
    private final boolean reduceOnly;
    private final String clientOrderId;

    private OrderRequest(final Builder b) {
        market = Objects.requireNonNull(b.market, "market");
        side = Objects.requireNonNull(b.side, "side");
        type = Objects.requireNonNull(b.type, "type");
        timeInForce = Objects.requireNonNull(b.timeInForce, "timeInForce");
        clientOrderId = Objects.requireNonNull(b.clientOrderId, "clientOrderId");
        size = b.size;
        limitPrice = b.limitPrice;
        reduceOnly = b.reduceOnly;
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        if (type == OrderType.LIMIT && limitPrice <= 0) {
            throw new IllegalArgumentException("a LIMIT order needs a positive limit price");
        }
        if (clientOrderId.isEmpty() || clientOrderId.length() > 64) {
            throw new IllegalArgumentException("client order id must be 1..64 characters");
        }
    }

    /** @return a new builder (time in force defaults to IOC, type to LIMIT) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the venue's market symbol */
    public String market() {
        return market;
    }

    /** @return side */
    public Side side() {
        return side;
    }

    /** @return order type */
    public OrderType type() {
        return type;
    }

    /** @return time in force */
    public TimeInForce timeInForce() {
        return timeInForce;
    }

    /** @return size, base units at the market's size scale */
    public long size() {
        return size;
    }

    /** @return limit price at the market's price scale; for MARKET orders the slippage guard or 0 */
    public long limitPrice() {
        return limitPrice;
    }

    /** @return {@code true} if the order may only reduce a position */
    public boolean reduceOnly() {
        return reduceOnly;
    }

    /** @return client order id, 1..64 characters, unique per order and reused on retry */
    public String clientOrderId() {
        return clientOrderId;
    }

    @Override
    public String toString() {
        return "OrderRequest{" + clientOrderId + ' ' + market + ' ' + side + ' ' + type + ' ' + timeInForce
            + " size=" + size + " limit=" + limitPrice + (reduceOnly ? " reduceOnly" : "") + '}';
    }

    /**
     * Builder for {@link OrderRequest}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder {
        private String market;
        private Side side;
        private OrderType type = OrderType.LIMIT;
        private TimeInForce timeInForce = TimeInForce.IOC;
        private long size;
        private long limitPrice;
        private boolean reduceOnly;
        private String clientOrderId;

        private Builder() {
        }

        /**
         * @param v market symbol
         * @return this
         */
        public Builder market(final String v) {
            market = v;
            return this;
        }

        /**
         * @param v side
         * @return this
         */
        public Builder side(final Side v) {
            side = v;
            return this;
        }

        /**
         * @param v type
         * @return this
         */
        public Builder type(final OrderType v) {
            type = v;
            return this;
        }

        /**
         * @param v time in force
         * @return this
         */
        public Builder timeInForce(final TimeInForce v) {
            timeInForce = v;
            return this;
        }

        /**
         * @param v size at the size scale
         * @return this
         */
        public Builder size(final long v) {
            size = v;
            return this;
        }

        /**
         * @param v limit price at the price scale
         * @return this
         */
        public Builder limitPrice(final long v) {
            limitPrice = v;
            return this;
        }

        /**
         * @param v reduce-only
         * @return this
         */
        public Builder reduceOnly(final boolean v) {
            reduceOnly = v;
            return this;
        }

        /**
         * @param v client order id
         * @return this
         */
        public Builder clientOrderId(final String v) {
            clientOrderId = v;
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException if size is not positive, a LIMIT has no price, or the client
         *     order id is empty or longer than 64 characters
         * @throws NullPointerException if a required field is missing
         */
        public OrderRequest build() {
            return new OrderRequest(this);
        }
    }
}
