package dev.arb.paradex;

import dev.arb.api.Secret;
import io.netty.channel.EventLoopGroup;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Settings of a {@link ParadexAdapter}: endpoints, chain id, account and STARK key, book staleness,
 * timeouts, JWT refresh, the order-book channel and client-side rate limits.
 *
 * <p>Endpoints and chain ids: protocol reference §1 (REST {@code https://api.prod.paradex.trade/v1},
 * WS {@code wss://ws.api.prod.paradex.trade/v1}) and §3.1 ({@code PRIVATE_SN_PARACLEAR_MAINNET},
 * testnet {@code PRIVATE_SN_POTC_SEPOLIA}). Rate-limit defaults are well below §3.9's venue limits.
 *
 * <p>Without an account address and private key the adapter is public-only (market data and
 * markets; private calls fail with {@link dev.arb.api.AuthenticationException}).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class ParadexConfig {
    private final String restBaseUrl;
    private final String wsUrl;
    private final String chainId;
    private final String accountAddress;
    private final Secret privateKey;
    private final long maxBookAgeMs;
    private final long requestTimeoutMs;
    private final long jwtRefreshBeforeExpiryMs;
    private final String bookChannelTemplate;
    private final EventLoopGroup eventLoopGroup;
    private final BigDecimal defaultTakerFeeRate;
    private final BigDecimal defaultMakerFeeRate;
    private final int orderRequestsPerSecond;
    private final int privateGetRequestsPerSecond;
    private final long orderPollIntervalMs;
    private final int orderPollMaxAttempts;
    private final long signatureExpirySeconds;
    private final long reconnectDelayMs;
    private final long reconnectMaxDelayMs;
    private final long streamIdleTimeoutMs;
    private final boolean sbe;
    private final String sbeQuery;
    private final boolean wsOrderEntry;
    private final boolean cancelOnDisconnect;
    private final boolean privateStreams;
    private final String subkeyPublicKey;
    private final long jwtRefreshJitterMs;

    private ParadexConfig(final Builder b) {
        restBaseUrl = stripSlash(Objects.requireNonNull(b.restBaseUrl, "restBaseUrl"));
        wsUrl = Objects.requireNonNull(b.wsUrl, "wsUrl");
        chainId = Objects.requireNonNull(b.chainId, "chainId");
        accountAddress = b.accountAddress;
        privateKey = b.privateKey;
        maxBookAgeMs = b.maxBookAgeMs;
        requestTimeoutMs = b.requestTimeoutMs;
        jwtRefreshBeforeExpiryMs = b.jwtRefreshBeforeExpiryMs;
        bookChannelTemplate = Objects.requireNonNull(b.bookChannelTemplate, "bookChannelTemplate");
        eventLoopGroup = b.eventLoopGroup;
        defaultTakerFeeRate = Objects.requireNonNull(b.defaultTakerFeeRate);
        defaultMakerFeeRate = Objects.requireNonNull(b.defaultMakerFeeRate);
        orderRequestsPerSecond = b.orderRequestsPerSecond;
        privateGetRequestsPerSecond = b.privateGetRequestsPerSecond;
        orderPollIntervalMs = b.orderPollIntervalMs;
        orderPollMaxAttempts = b.orderPollMaxAttempts;
        signatureExpirySeconds = b.signatureExpirySeconds;
        reconnectDelayMs = b.reconnectDelayMs;
        reconnectMaxDelayMs = b.reconnectMaxDelayMs;
        streamIdleTimeoutMs = b.streamIdleTimeoutMs;
        sbe = b.sbe;
        sbeQuery = Objects.requireNonNull(b.sbeQuery, "sbeQuery");
        wsOrderEntry = b.wsOrderEntry;
        cancelOnDisconnect = b.cancelOnDisconnect;
        privateStreams = b.privateStreams;
        subkeyPublicKey = b.subkeyPublicKey;
        jwtRefreshJitterMs = Math.min(b.jwtRefreshJitterMs, b.jwtRefreshBeforeExpiryMs);
        if (b.jwtRefreshJitterMs < 0) {
            throw new IllegalArgumentException("jwtRefreshJitterMs must not be negative");
        }
        if (sbe && !bookChannelTemplate.startsWith("order_book.%s.")) {
            throw new IllegalArgumentException("bookChannelTemplate must be order_book.%s.… " + bookChannelTemplate);
        }
        if (streamIdleTimeoutMs <= 0) {
            throw new IllegalArgumentException("streamIdleTimeoutMs must be positive");
        }
        if (maxBookAgeMs <= 0 || requestTimeoutMs <= 0 || jwtRefreshBeforeExpiryMs < 0 || orderRequestsPerSecond <= 0
            || privateGetRequestsPerSecond <= 0 || orderPollIntervalMs <= 0 || orderPollMaxAttempts <= 0
            || signatureExpirySeconds <= 0 || reconnectDelayMs < 0) {
            throw new IllegalArgumentException("durations and rates must be positive");
        }
        if (reconnectMaxDelayMs < Math.max(1, reconnectDelayMs)) {
            throw new IllegalArgumentException("reconnectMaxDelayMs must be >= reconnectDelayMs (and >= 1)");
        }
        if ((accountAddress == null) != (privateKey == null)) {
            throw new IllegalArgumentException("accountAddress and privateKey must be given together");
        }
        if (!wsUrl.startsWith("ws://") && !wsUrl.startsWith("wss://")) {
            throw new IllegalArgumentException("wsUrl must be ws:// or wss://: " + wsUrl);
        }
    }

    private static String stripSlash(final String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** @return an empty builder (endpoints and chain id must be set) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder for production: {@code https://api.prod.paradex.trade/v1},
     *     {@code wss://ws.api.prod.paradex.trade/v1}, chain {@code PRIVATE_SN_PARACLEAR_MAINNET} (§1, §3.1), SBE
     *     market data on the bare {@code order_book.{market}.deltas} channel (JSON is no longer served for public
     *     channels since 2026-09-21: paradex-sbe reference §1) and order entry over the WebSocket
     */
    public static Builder production() {
        return new Builder().restBaseUrl("https://api.prod.paradex.trade/v1").wsUrl("wss://ws.api.prod.paradex.trade/v1")
            .chainId("PRIVATE_SN_PARACLEAR_MAINNET").sbe(true).wsOrderEntry(true);
    }

    /**
     * @return a builder for testnet: {@code https://api.testnet.paradex.trade/v1},
     *     {@code wss://ws.api.testnet.paradex.trade/v1}, chain {@code PRIVATE_SN_POTC_SEPOLIA} (§1, §3.1), SBE
     *     market data and WebSocket order entry as {@link #production()}
     */
    public static Builder testnet() {
        return new Builder().restBaseUrl("https://api.testnet.paradex.trade/v1").wsUrl("wss://ws.api.testnet.paradex.trade/v1")
            .chainId("PRIVATE_SN_POTC_SEPOLIA").sbe(true).wsOrderEntry(true);
    }

    /** @return {@code true} for SBE binary market data (the WebSocket URL carries {@link #sbeQuery()}) */
    public boolean sbe() {
        return sbe;
    }

    /** @return the SBE negotiation query, {@code sbeSchemaId=1&sbeSchemaVersion=1} by default (paradex-sbe §2) */
    public String sbeQuery() {
        return sbeQuery;
    }

    /** @return the URL the WebSocket connects to: {@link #wsUrl()} plus {@link #sbeQuery()} when {@link #sbe()} */
    public String streamUrl() {
        return sbe ? wsUrl + (wsUrl.indexOf('?') >= 0 ? '&' : '?') + sbeQuery : wsUrl;
    }

    /**
     * @return {@code true} to send orders and cancels as WebSocket RPCs ({@code order.create}, {@code order.cancel},
     *     protocol reference §2.6) while the authenticated stream is open; REST otherwise
     */
    public boolean wsOrderEntry() {
        return wsOrderEntry;
    }

    /** @return {@code true} to send {@code order.cancel_on_disconnect {enabled:true}} after every WS {@code auth} */
    public boolean cancelOnDisconnect() {
        return cancelOnDisconnect;
    }

    /**
     * @return {@code true} (default) to authenticate the WebSocket and subscribe to the private channels
     *     {@code orders.ALL}, {@code fills.ALL} and {@code positions} when an account is configured
     */
    public boolean privateStreams() {
        return privateStreams;
    }

    /**
     * @return the STARK public key of the subkey that signs (the JWT is then requested with
     *     {@code POST /v1/auth/{subkey}}; the account is the main account), or null (protocol reference §4.2)
     */
    public String subkeyPublicKey() {
        return subkeyPublicKey;
    }

    /**
     * @return random extra lead, ms, subtracted from each proactive JWT refresh time (0..this; at most
     *     {@link #jwtRefreshBeforeExpiryMs()})
     */
    public long jwtRefreshJitterMs() {
        return jwtRefreshJitterMs;
    }

    /** @return REST base URL including {@code /v1}, no trailing slash */
    public String restBaseUrl() {
        return restBaseUrl;
    }

    /** @return WebSocket URL ({@code ws://} or {@code wss://}) */
    public String wsUrl() {
        return wsUrl;
    }

    /** @return chain id name, e.g. {@code PRIVATE_SN_PARACLEAR_MAINNET} */
    public String chainId() {
        return chainId;
    }

    /** @return account (L2) address hex, or null in public-only mode */
    public String accountAddress() {
        return accountAddress;
    }

    /** @return STARK private key, or null in public-only mode */
    public Secret privateKey() {
        return privateKey;
    }

    /** @return age in ms after which a book counts as stale */
    public long maxBookAgeMs() {
        return maxBookAgeMs;
    }

    /** @return REST request timeout, ms */
    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    /** @return how long before the JWT's {@code exp} it is refreshed, ms */
    public long jwtRefreshBeforeExpiryMs() {
        return jwtRefreshBeforeExpiryMs;
    }

    /** @return {@link String#format} template of the book channel, {@code %s} = market */
    public String bookChannelTemplate() {
        return bookChannelTemplate;
    }

    /** @return a shared Netty event loop group, or null for an adapter-owned one */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /** @return taker fee rate used when {@code /markets} has no {@code fee_config.api_fee} (fraction of notional) */
    public BigDecimal defaultTakerFeeRate() {
        return defaultTakerFeeRate;
    }

    /** @return maker fee rate used when {@code /markets} has no {@code fee_config.api_fee} (fraction of notional) */
    public BigDecimal defaultMakerFeeRate() {
        return defaultMakerFeeRate;
    }

    /** @return client-side limit of order POST/DELETE requests per second */
    public int orderRequestsPerSecond() {
        return orderRequestsPerSecond;
    }

    /** @return client-side limit of private GET requests per second */
    public int privateGetRequestsPerSecond() {
        return privateGetRequestsPerSecond;
    }

    /** @return interval between {@code GET /orders/{id}} polls of a non-terminal IOC/MARKET order, ms */
    public long orderPollIntervalMs() {
        return orderPollIntervalMs;
    }

    /** @return maximum number of polls before the order's outcome is reported unknown */
    public int orderPollMaxAttempts() {
        return orderPollMaxAttempts;
    }

    /** @return lifetime of the auth signature ({@code PARADEX-SIGNATURE-EXPIRATION} − now), s */
    public long signatureExpirySeconds() {
        return signatureExpirySeconds;
    }

    /** @return first delay before reconnecting after the stream dropped, ms (default 1000); doubles per failed attempt, with ±20 % jitter */
    public long reconnectDelayMs() {
        return reconnectDelayMs;
    }

    /** @return largest reconnect delay before jitter, ms (default 30000) */
    public long reconnectMaxDelayMs() {
        return reconnectMaxDelayMs;
    }

    /**
     * The stream's reconnect backoff: Resilience4j's exponential random backoff (the same implementation
     * the Vest adapter uses), attempt 1 waiting about {@link #reconnectDelayMs()}, doubling per failed
     * attempt up to {@link #reconnectMaxDelayMs()}, each delay scaled by a random factor in [0.8, 1.2] so
     * that many clients do not reconnect in step after a venue restart.
     *
     * @return attempt number (1 = first retry) to delay, ms; stateless and thread-safe
     */
    public io.github.resilience4j.core.IntervalFunction reconnectBackoff() {
        return io.github.resilience4j.core.IntervalFunction.ofExponentialRandomBackoff(Math.max(1, reconnectDelayMs),
            2.0, 0.2, reconnectMaxDelayMs);
    }

    /**
     * @return ms without any frame (data or ping) after which the stream is presumed dead, closed and
     *     reopened; the venue pings every 55 s (protocol reference §2.4)
     */
    public long streamIdleTimeoutMs() {
        return streamIdleTimeoutMs;
    }

    @Override
    public String toString() {
        return "ParadexConfig{rest=" + restBaseUrl + ", ws=" + wsUrl + ", chainId=" + chainId + ", account=" + accountAddress
            + ", privateKey=" + privateKey + '}';
    }

    /**
     * Builder of {@link ParadexConfig}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder {
        private String restBaseUrl;
        private String wsUrl;
        private String chainId;
        private String accountAddress;
        private Secret privateKey;
        private long maxBookAgeMs = 5000;
        private long requestTimeoutMs = 5000;
        private long jwtRefreshBeforeExpiryMs = 60_000;
        private String bookChannelTemplate = "order_book.%s.snapshot@15@50ms";
        private EventLoopGroup eventLoopGroup;
        private BigDecimal defaultTakerFeeRate = new BigDecimal("0.0003");
        private BigDecimal defaultMakerFeeRate = new BigDecimal("0.00003");
        private int orderRequestsPerSecond = 50;
        private int privateGetRequestsPerSecond = 10;
        private long orderPollIntervalMs = 50;
        private int orderPollMaxAttempts = 40;
        private long signatureExpirySeconds = 1800;
        private long reconnectDelayMs = 1000;
        private long reconnectMaxDelayMs = 30_000;
        private long streamIdleTimeoutMs = 70_000;
        private boolean sbe;
        private String sbeQuery = dev.arb.paradex.sbe.ParadexSbe.URL_QUERY;
        private boolean wsOrderEntry;
        private boolean cancelOnDisconnect;
        private boolean privateStreams = true;
        private String subkeyPublicKey;
        private long jwtRefreshJitterMs = 10_000;
        private boolean channelSet;

        private Builder() {
        }

        /**
         * SBE binary market data (default off in {@link #builder()}, on in {@link #production()} and
         * {@link #testnet()}). Turning it on also selects the bare {@code order_book.%s.deltas} channel unless
         * {@link #bookChannelTemplate} was set explicitly; off selects {@code order_book.%s.snapshot@15@50ms}.
         *
         * @param v {@code true} for SBE
         * @return this
         */
        public Builder sbe(final boolean v) {
            sbe = v;
            if (!channelSet) {
                bookChannelTemplate = v ? "order_book.%s.deltas" : "order_book.%s.snapshot@15@50ms";
            }
            return this;
        }

        /**
         * @param v SBE negotiation query (default {@code sbeSchemaId=1&sbeSchemaVersion=1})
         * @return this
         */
        public Builder sbeQuery(final String v) {
            sbeQuery = v;
            return this;
        }

        /**
         * @param v {@code true} to place and cancel orders over the WebSocket (REST fallback when it is not open)
         * @return this
         */
        public Builder wsOrderEntry(final boolean v) {
            wsOrderEntry = v;
            return this;
        }

        /**
         * @param v {@code true} to have the venue cancel our open orders when the WebSocket drops
         * @return this
         */
        public Builder cancelOnDisconnect(final boolean v) {
            cancelOnDisconnect = v;
            return this;
        }

        /**
         * @param v {@code false} to skip WebSocket {@code auth} and the private channels
         * @return this
         */
        public Builder privateStreams(final boolean v) {
            privateStreams = v;
            return this;
        }

        /**
         * @param v STARK public key ({@code 0x} hex) of the subkey whose private key is {@link #privateKey}; the
         *          account address stays the main account's
         * @return this
         */
        public Builder subkeyPublicKey(final String v) {
            subkeyPublicKey = v;
            return this;
        }

        /**
         * @param v random extra lead for proactive JWT refreshes, ms (default 10000)
         * @return this
         */
        public Builder jwtRefreshJitterMs(final long v) {
            jwtRefreshJitterMs = v;
            return this;
        }

        /**
         * @param v REST base URL including {@code /v1}
         * @return this
         */
        public Builder restBaseUrl(final String v) {
            restBaseUrl = v;
            return this;
        }

        /**
         * @param v WebSocket URL, {@code ws://} or {@code wss://}
         * @return this
         */
        public Builder wsUrl(final String v) {
            wsUrl = v;
            return this;
        }

        /**
         * @param v chain id short-string name, e.g. {@code PRIVATE_SN_PARACLEAR_MAINNET}
         * @return this
         */
        public Builder chainId(final String v) {
            chainId = v;
            return this;
        }

        /**
         * @param v account (L2) address hex
         * @return this
         */
        public Builder accountAddress(final String v) {
            accountAddress = v;
            return this;
        }

        /**
         * @param v STARK private key, hex
         * @return this
         */
        public Builder privateKey(final Secret v) {
            privateKey = v;
            return this;
        }

        /**
         * @param v ms after which a book is stale (default 5000)
         * @return this
         */
        public Builder maxBookAgeMs(final long v) {
            maxBookAgeMs = v;
            return this;
        }

        /**
         * @param v REST timeout, ms (default 5000)
         * @return this
         */
        public Builder requestTimeoutMs(final long v) {
            requestTimeoutMs = v;
            return this;
        }

        /**
         * @param v refresh the JWT this many ms before its {@code exp} (default 60000)
         * @return this
         */
        public Builder jwtRefreshBeforeExpiryMs(final long v) {
            jwtRefreshBeforeExpiryMs = v;
            return this;
        }

        /**
         * @param v book channel template, {@code %s} = market (default {@code order_book.%s.snapshot@15@50ms})
         * @return this
         */
        public Builder bookChannelTemplate(final String v) {
            channelSet = true;
            bookChannelTemplate = v;
            return this;
        }

        /**
         * @param v shared Netty event loop group (not shut down by the adapter)
         * @return this
         */
        public Builder eventLoopGroup(final EventLoopGroup v) {
            eventLoopGroup = v;
            return this;
        }

        /**
         * @param v default taker fee rate, fraction (default 0.0003)
         * @return this
         */
        public Builder defaultTakerFeeRate(final BigDecimal v) {
            defaultTakerFeeRate = v;
            return this;
        }

        /**
         * @param v default maker fee rate, fraction (default 0.00003)
         * @return this
         */
        public Builder defaultMakerFeeRate(final BigDecimal v) {
            defaultMakerFeeRate = v;
            return this;
        }

        /**
         * @param v client-side order POST/DELETE limit per second (default 50; venue 800/s, §3.9)
         * @return this
         */
        public Builder orderRequestsPerSecond(final int v) {
            orderRequestsPerSecond = v;
            return this;
        }

        /**
         * @param v client-side private GET limit per second (default 10; venue 600/min, §3.9)
         * @return this
         */
        public Builder privateGetRequestsPerSecond(final int v) {
            privateGetRequestsPerSecond = v;
            return this;
        }

        /**
         * @param v poll interval of a non-terminal IOC order, ms (default 50)
         * @return this
         */
        public Builder orderPollIntervalMs(final long v) {
            orderPollIntervalMs = v;
            return this;
        }

        /**
         * @param v maximum polls of a non-terminal IOC order (default 40)
         * @return this
         */
        public Builder orderPollMaxAttempts(final int v) {
            orderPollMaxAttempts = v;
            return this;
        }

        /**
         * @param v auth signature lifetime, s (default 1800; OAS default 30 min, max 1 week, §4.2)
         * @return this
         */
        public Builder signatureExpirySeconds(final long v) {
            signatureExpirySeconds = v;
            return this;
        }

        /**
         * @param v first delay before an automatic reconnect, ms (default 1000; doubles per failed attempt)
         * @return this
         */
        public Builder reconnectDelayMs(final long v) {
            reconnectDelayMs = v;
            return this;
        }

        /**
         * @param v largest delay between reconnect attempts, ms (default 30000)
         * @return this
         */
        public Builder reconnectMaxDelayMs(final long v) {
            reconnectMaxDelayMs = v;
            return this;
        }

        /**
         * @param v ms without any frame before the stream is reopened (default 70000)
         * @return this
         */
        public Builder streamIdleTimeoutMs(final long v) {
            streamIdleTimeoutMs = v;
            return this;
        }

        /**
         * @return the configuration
         * @throws NullPointerException if an endpoint or the chain id is missing
         * @throws IllegalArgumentException if a duration or rate is not positive, or only one of
         *     account and key is set
         */
        public ParadexConfig build() {
            return new ParadexConfig(this);
        }
    }
}
