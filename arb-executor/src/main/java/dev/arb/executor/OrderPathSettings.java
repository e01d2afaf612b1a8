package dev.arb.executor;

/**
 * The order path's part of an {@link ExecutorConfig}: how {@link OrderGateway} (and {@link StartupReconciler}) send
 * an order and resolve its outcome, and how the engine prepares the venues for its next orders ({@link OrderHints},
 * the limit-price grid of {@link LegPricing#gridLimit}). Read through {@link ExecutorConfig}'s getters of the same names; set through
 * {@link ExecutorConfig.Builder}, which inherits the setters from {@link AbstractBuilder}.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param orderTimeoutMs    time after which an order's outcome is treated as unknown, ms (≥ 1)
 * @param orderRetries      times a rate-limited order is re-sent with the same client order id (≥ 0)
 * @param lookupTimeoutMs   time a lookup by client order id after a lost ack may take, ms (≥ 1)
 * @param journalBeforeSend {@code true} to commit each intent to the journal before sending its order;
 *                          {@code false} to send at once, the commit running in parallel
 * @param limitPriceGridBps the grid IOC limit prices are moved onto, toward the book, bps of the price (≥ 0; 0 =
 *                          exact ticks)
 * @param orderHints        {@code true} to tell the venues each leg's likely next order
 *                          ({@link dev.arb.api.ExchangeAdapter#expectOrder})
 * @param slowerLegFirst    {@code true} to send first the leg whose venue answers more slowly
 */
record OrderPathSettings(long orderTimeoutMs, int orderRetries, long lookupTimeoutMs, boolean journalBeforeSend,
    double limitPriceGridBps, boolean orderHints, boolean slowerLegFirst) {
    /**
     * 5,000 ms order timeout, 2 re-sends, 10,000 ms lookup timeout, intents written ahead of the send, a 1 bps limit
     * grid, hints on, the slower leg first.
     */
    static final OrderPathSettings DEFAULTS = new OrderPathSettings(5_000, 2, 10_000, false, 1, true, true);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException naming the setting, e.g. {@code orderTimeoutMs must be ≥ 1: 0}, when a
     *                                  value is out of range
     */
    OrderPathSettings {
        ExecutorConfig.Builder.atLeast(orderTimeoutMs, 1, "orderTimeoutMs");
        ExecutorConfig.Builder.atLeast(orderRetries, 0, "orderRetries");
        ExecutorConfig.Builder.atLeast(lookupTimeoutMs, 1, "lookupTimeoutMs");
        if (!(limitPriceGridBps >= 0 && limitPriceGridBps <= 100)) {
            throw new IllegalArgumentException("limitPriceGridBps must be within 0..100: " + limitPriceGridBps);
        }
    }

    /**
     * The order-path setters of {@link ExecutorConfig.Builder}, each checked when called; starts from
     * {@link #DEFAULTS}. The setters are not final, so that javac gives the public subclass public bridges to
     * them: reflective callers (outside this package they cannot reach this class) find them there.
     *
     * <p><b>Note:</b> not thread-safe.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {
        private OrderPathSettings orderPath = DEFAULTS;

        /** @return this builder, as its concrete type (a subclass {@code X} extends {@code AbstractBuilder<X>}) */
        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** @return the order-path settings set so far */
        final OrderPathSettings orderPath() {
            return orderPath;
        }

        /**
         * @param ms order timeout, ms (≥ 1)
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public B orderTimeoutMs(final long ms) {
            orderPath = new OrderPathSettings(ms, orderPath.orderRetries, orderPath.lookupTimeoutMs,
                orderPath.journalBeforeSend, orderPath.limitPriceGridBps, orderPath.orderHints,
                orderPath.slowerLegFirst);
            return self();
        }

        /**
         * @param n re-sends of a rate-limited order with the same client order id (≥ 0)
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public B orderRetries(final int n) {
            orderPath = new OrderPathSettings(orderPath.orderTimeoutMs, n, orderPath.lookupTimeoutMs,
                orderPath.journalBeforeSend, orderPath.limitPriceGridBps, orderPath.orderHints,
                orderPath.slowerLegFirst);
            return self();
        }

        /**
         * @param ms time allowed for a lookup by client order id after a lost ack, ms (≥ 1)
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public B lookupTimeoutMs(final long ms) {
            orderPath = new OrderPathSettings(orderPath.orderTimeoutMs, orderPath.orderRetries, ms,
                orderPath.journalBeforeSend, orderPath.limitPriceGridBps, orderPath.orderHints,
                orderPath.slowerLegFirst);
            return self();
        }

        /**
         * @param before {@code true} to commit each intent before sending (see {@link ExecutorConfig#journalBeforeSend()})
         * @return this
         */
        public B journalBeforeSend(final boolean before) {
            orderPath = new OrderPathSettings(orderPath.orderTimeoutMs, orderPath.orderRetries,
                orderPath.lookupTimeoutMs, before, orderPath.limitPriceGridBps, orderPath.orderHints,
                orderPath.slowerLegFirst);
            return self();
        }

        /**
         * @param bps the grid IOC limit prices are moved onto, toward the book, bps of the price (0..100; 0 = exact
         *            ticks; see {@link ExecutorConfig#limitPriceGridBps()})
         * @return this
         * @throws IllegalArgumentException if outside 0..100 or NaN
         */
        public B limitPriceGridBps(final double bps) {
            orderPath = new OrderPathSettings(orderPath.orderTimeoutMs, orderPath.orderRetries,
                orderPath.lookupTimeoutMs, orderPath.journalBeforeSend, bps, orderPath.orderHints,
                orderPath.slowerLegFirst);
            return self();
        }

        /**
         * @param on {@code true} to tell the venues each leg's likely next order (see
         *           {@link ExecutorConfig#orderHints()})
         * @return this
         */
        public B orderHints(final boolean on) {
            orderPath = new OrderPathSettings(orderPath.orderTimeoutMs, orderPath.orderRetries,
                orderPath.lookupTimeoutMs, orderPath.journalBeforeSend, orderPath.limitPriceGridBps, on,
                orderPath.slowerLegFirst);
            return self();
        }

        /**
         * @param on {@code true} to send first the leg whose venue answers more slowly (see
         *           {@link ExecutorConfig#slowerLegFirst()})
         * @return this
         */
        public B slowerLegFirst(final boolean on) {
            orderPath = new OrderPathSettings(orderPath.orderTimeoutMs, orderPath.orderRetries,
                orderPath.lookupTimeoutMs, orderPath.journalBeforeSend, orderPath.limitPriceGridBps,
                orderPath.orderHints, on);
            return self();
        }
    }
}
