package dev.arb.api;

import java.util.concurrent.ScheduledExecutorService;

/**
 * How an adapter talks to its venue, for the knobs every venue shares: request and stream timeouts, book
 * staleness, reconnect backoff with jitter, order-status polling, client-side rate limits and the event loop.
 * Each venue config holds one ({@code VestConfig.transport()}, {@code ParadexConfig.transport()}) and its builder
 * extends {@link AbstractBuilder}, so these knobs are written, checked and documented once, here; what only one
 * venue has (endpoints, keys, keep-alive pings, signing windows) stays in that venue's config.
 *
 * <p><b>Reconnect backoff.</b> After an unexpected close a stream waits before reconnect attempt {@code n}
 * (1 = first) {@code min(reconnectInitialDelayMs × reconnectMultiplier^(n−1), reconnectMaxDelayMs / (1 +
 * reconnectJitter))} scaled by a random factor in {@code [1 − reconnectJitter, 1 + reconnectJitter]}, so that many
 * clients do not reconnect in step after a venue restart, not even once their delays have reached the cap; no
 * delay exceeds {@code reconnectMaxDelayMs}.
 * Both venue modules compute it with Resilience4j's {@code IntervalFunction} ({@code ofExponentialBackoff}, then {@code ofRandomized}) from these
 * numbers (this module depends on no library). A fixed delay: multiplier 1 and jitter 0, or max = initial.
 *
 * <p>{@link #builder()} starts from venue-neutral defaults; a venue config's builder starts from that venue's
 * defaults (documented on its {@code transport} component). An out-of-range knob is an
 * {@link IllegalArgumentException} naming the knob, its unit and the value.
 *
 * <p><b>Note:</b> immutable, thread-safe (the event loop group is shared, not copied).
 *
 * @param requestTimeoutMs        how long one request to the venue (a REST call, a WebSocket handshake or RPC)
 *                                may take, ms, &gt; 0 (default 5000)
 * @param idleTimeoutMs           a stream that receives no frame at all for this long is presumed dead, closed and
 *                                reopened, ms, &gt; 0 (default 60000)
 * @param maxBookAgeMs            age of a book's last update after which it counts as stale, ms, &gt; 0 (default
 *                                5000)
 * @param reconnectInitialDelayMs delay before the first reconnect attempt after an unexpected close, before jitter,
 *                                ms, &ge; 1 (default 1000)
 * @param reconnectMaxDelayMs     largest reconnect delay, jitter included, ms, &ge; {@code reconnectInitialDelayMs}
 *                                (default 30000)
 * @param reconnectMultiplier     factor by which the reconnect delay grows per failed attempt, &ge; 1 (default
 *                                2.0; 1 = fixed delay)
 * @param reconnectJitter         random spread of each reconnect delay, a fraction of it in [0, 1) (default 0.2,
 *                                i.e. ±20 %; 0 = none)
 * @param orderPollAttempts       how many times an IOC/MARKET order still open after its acknowledgement is polled
 *                                over REST before its outcome is reported unknown, &ge; 0 (default 5)
 * @param orderPollIntervalMs     delay between two such polls, ms, &ge; 0 (default 200)
 * @param orderRequestsPerSecond  client-side limit on order and cancel requests, per second, &gt; 0 (default 10)
 * @param otherRequestsPerSecond  client-side limit on the venue's other rate-limited REST requests, per second,
 *                                &gt; 0 (default 5); which requests count is the venue config's to say
 * @param eventLoopGroup          a shared Netty {@code io.netty.channel.EventLoopGroup} (typed here as the
 *                                {@link ScheduledExecutorService} it is, since this module depends on no library;
 *                                the venue configs refuse any other executor), not shut down by the adapters; or
 *                                null (default) for an adapter-owned single-thread loop
 */
public record TransportConfig(long requestTimeoutMs, long idleTimeoutMs, long maxBookAgeMs,
    long reconnectInitialDelayMs, long reconnectMaxDelayMs, double reconnectMultiplier, double reconnectJitter,
    int orderPollAttempts, long orderPollIntervalMs, int orderRequestsPerSecond, int otherRequestsPerSecond,
    ScheduledExecutorService eventLoopGroup) {

    /**
     * Checks every knob; prefer {@link #builder()}.
     *
     * @param requestTimeoutMs        request timeout, ms
     * @param idleTimeoutMs           stream idle timeout, ms
     * @param maxBookAgeMs            book staleness, ms
     * @param reconnectInitialDelayMs first reconnect delay, ms
     * @param reconnectMaxDelayMs     largest reconnect delay, ms
     * @param reconnectMultiplier     growth factor per failed attempt
     * @param reconnectJitter         random spread, fraction
     * @param orderPollAttempts       order polls
     * @param orderPollIntervalMs     delay between order polls, ms
     * @param orderRequestsPerSecond  order and cancel requests per second
     * @param otherRequestsPerSecond  other rate-limited requests per second
     * @param eventLoopGroup          shared event loop group, or null
     * @throws IllegalArgumentException if a knob is out of range; the message names it, its unit and the value
     */
    public TransportConfig {
        atLeast(requestTimeoutMs, 1, "requestTimeoutMs", " ms");
        atLeast(idleTimeoutMs, 1, "idleTimeoutMs", " ms");
        atLeast(maxBookAgeMs, 1, "maxBookAgeMs", " ms");
        atLeast(reconnectInitialDelayMs, 1, "reconnectInitialDelayMs", " ms");
        if (reconnectMaxDelayMs < reconnectInitialDelayMs) {
            throw new IllegalArgumentException("reconnectMaxDelayMs must be >= reconnectInitialDelayMs ("
                + reconnectInitialDelayMs + " ms), was " + reconnectMaxDelayMs + " ms");
        }
        if (!(reconnectMultiplier >= 1 && Double.isFinite(reconnectMultiplier))) {
            throw new IllegalArgumentException("reconnectMultiplier must be a finite factor >= 1 per failed attempt, "
                + "was " + reconnectMultiplier);
        }
        if (!(reconnectJitter >= 0 && reconnectJitter < 1)) {
            throw new IllegalArgumentException("reconnectJitter must be a fraction of the delay in [0, 1), was "
                + reconnectJitter);
        }
        atLeast(orderPollAttempts, 0, "orderPollAttempts", " polls");
        atLeast(orderPollIntervalMs, 0, "orderPollIntervalMs", " ms");
        atLeast(orderRequestsPerSecond, 1, "orderRequestsPerSecond", " per second");
        atLeast(otherRequestsPerSecond, 1, "otherRequestsPerSecond", " per second");
    }

    private static void atLeast(final long value, final long min, final String knob, final String unit) {
        if (value < min) {
            throw new IllegalArgumentException(knob + " must be >= " + min + unit + ", was " + value + unit);
        }
    }

    /**
     * The event loop group as the type a venue's adapter needs; a venue config calls it when built, so that another
     * executor is refused then rather than when the adapter starts.
     *
     * @param type the type, Netty's {@code io.netty.channel.EventLoopGroup} for the venue adapters
     * @param <G>  that type
     * @return {@link #eventLoopGroup()} as a {@code type}, or null when none is set
     * @throws IllegalArgumentException if the group is not a {@code type}
     */
    public <G> G eventLoopGroup(final Class<G> type) {
        if (eventLoopGroup != null && !type.isInstance(eventLoopGroup)) {
            throw new IllegalArgumentException("eventLoopGroup must be a " + type.getName() + ", was "
                + eventLoopGroup.getClass().getName());
        }
        return type.cast(eventLoopGroup);
    }

    /** @return a builder with the venue-neutral defaults (see the components) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these values, to derive a changed copy */
    public Builder toBuilder() {
        return new Builder().transport(this);
    }

    /**
     * The transport setters, written once: {@link Builder} and every venue config's builder extend this class, so
     * a venue's builder offers them under the same names and returns its own type for chaining.
     *
     * <p><b>Note:</b> not thread-safe.
     *
     * @param <B> the concrete builder
     */
    public abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {
        private long requestTimeoutMs = 5000;
        private long idleTimeoutMs = 60_000;
        private long maxBookAgeMs = 5000;
        private long reconnectInitialDelayMs = 1000;
        private long reconnectMaxDelayMs = 30_000;
        private double reconnectMultiplier = 2.0;
        private double reconnectJitter = 0.2;
        private int orderPollAttempts = 5;
        private long orderPollIntervalMs = 200;
        private int orderRequestsPerSecond = 10;
        private int otherRequestsPerSecond = 5;
        private ScheduledExecutorService eventLoopGroup;

        /** Starts from the venue-neutral defaults. */
        protected AbstractBuilder() {
        }

        /** @return this builder, as its concrete type (a subclass {@code X} extends {@code AbstractBuilder<X>}) */
        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * @return the transport knobs set so far
         * @throws IllegalArgumentException if a knob is out of range; the message names it, its unit and the value
         */
        protected final TransportConfig buildTransport() {
            return new TransportConfig(requestTimeoutMs, idleTimeoutMs, maxBookAgeMs, reconnectInitialDelayMs,
                reconnectMaxDelayMs, reconnectMultiplier, reconnectJitter, orderPollAttempts, orderPollIntervalMs,
                orderRequestsPerSecond, otherRequestsPerSecond, eventLoopGroup);
        }

        /**
         * Replaces every transport knob, the venue's defaults included, by those of {@code t}; later setters change
         * single knobs again.
         *
         * @param t the transport settings, e.g. one shared by both venues
         * @return this
         */
        public final B transport(final TransportConfig t) {
            requestTimeoutMs = t.requestTimeoutMs;
            idleTimeoutMs = t.idleTimeoutMs;
            maxBookAgeMs = t.maxBookAgeMs;
            reconnectInitialDelayMs = t.reconnectInitialDelayMs;
            reconnectMaxDelayMs = t.reconnectMaxDelayMs;
            reconnectMultiplier = t.reconnectMultiplier;
            reconnectJitter = t.reconnectJitter;
            orderPollAttempts = t.orderPollAttempts;
            orderPollIntervalMs = t.orderPollIntervalMs;
            orderRequestsPerSecond = t.orderRequestsPerSecond;
            otherRequestsPerSecond = t.otherRequestsPerSecond;
            eventLoopGroup = t.eventLoopGroup;
            return self();
        }

        /**
         * @param v {@link TransportConfig#requestTimeoutMs()}, ms
         * @return this
         */
        public final B requestTimeoutMs(final long v) {
            requestTimeoutMs = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#idleTimeoutMs()}, ms
         * @return this
         */
        public final B idleTimeoutMs(final long v) {
            idleTimeoutMs = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#maxBookAgeMs()}, ms
         * @return this
         */
        public final B maxBookAgeMs(final long v) {
            maxBookAgeMs = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#reconnectInitialDelayMs()}, ms
         * @return this
         */
        public final B reconnectInitialDelayMs(final long v) {
            reconnectInitialDelayMs = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#reconnectMaxDelayMs()}, ms
         * @return this
         */
        public final B reconnectMaxDelayMs(final long v) {
            reconnectMaxDelayMs = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#reconnectMultiplier()}, factor per failed attempt
         * @return this
         */
        public final B reconnectMultiplier(final double v) {
            reconnectMultiplier = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#reconnectJitter()}, fraction of the delay
         * @return this
         */
        public final B reconnectJitter(final double v) {
            reconnectJitter = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#orderPollAttempts()}, polls
         * @return this
         */
        public final B orderPollAttempts(final int v) {
            orderPollAttempts = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#orderPollIntervalMs()}, ms
         * @return this
         */
        public final B orderPollIntervalMs(final long v) {
            orderPollIntervalMs = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#orderRequestsPerSecond()}, per second
         * @return this
         */
        public final B orderRequestsPerSecond(final int v) {
            orderRequestsPerSecond = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#otherRequestsPerSecond()}, per second
         * @return this
         */
        public final B otherRequestsPerSecond(final int v) {
            otherRequestsPerSecond = v;
            return self();
        }

        /**
         * @param v {@link TransportConfig#eventLoopGroup()}: a Netty event loop group shared with other adapters (not
         *          shut down by them), or null for an adapter-owned one
         * @return this
         */
        public final B eventLoopGroup(final ScheduledExecutorService v) {
            eventLoopGroup = v;
            return self();
        }
    }

    /**
     * Builder of a {@link TransportConfig} on its own, e.g. one to give both venue configs.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder extends AbstractBuilder<Builder> {
        private Builder() {
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException if a knob is out of range; the message names it, its unit and the value
         */
        public TransportConfig build() {
            return buildTransport();
        }
    }
}
