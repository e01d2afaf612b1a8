package dev.arb.vest;

import dev.arb.api.Secret;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;

/**
 * Immutable configuration of a {@link VestAdapter}: endpoints, account group, credentials and
 * limits.
 *
 * <p>Endpoints and verifying contracts of {@link #production()} and {@link #testnet()} come from the
 * Vest API docs "General API Information" and "Contract Addresses" (protocol reference §1). The
 * account group routes requests to a server shard ({@code xrestservermm: restserver{accountGroup}},
 * {@code &xwebsocketserver=restserver{accountGroup}}); it is the {@code accGroup} that
 * {@code POST /register} returned.
 *
 * <p><b>Note:</b> immutable, thread-safe. {@link #toString()} never shows secrets.
 */
public final class VestConfig {
    /** Production REST base URL. */
    public static final String PROD_REST = "https://server-prod.hz.vestmarkets.com/v2";
    /** Production WebSocket URL. */
    public static final String PROD_WS = "wss://ws-prod.hz.vestmarkets.com/ws-api?version=1.0";
    /** Production VestRouterV2 (EIP-712 verifying contract). */
    public static final String PROD_VERIFYING_CONTRACT = "0x919386306C47b2Fe1036e3B4F7C40D22D2461a23";
    /** Testnet (dev) REST base URL. */
    public static final String DEV_REST = "https://server-dev.hz.vestmarkets.com/v2";
    /** Testnet (dev) WebSocket URL. */
    public static final String DEV_WS = "wss://ws-dev.hz.vestmarkets.com/ws-api?version=1.0";
    /** Testnet (dev) VestRouterV2 (EIP-712 verifying contract). */
    public static final String DEV_VERIFYING_CONTRACT = "0x8E4D87AEf4AC4D5415C35A12319013e34223825B";

    private final String restBaseUrl;
    private final String wsUrl;
    private final int accountGroup;
    private final Secret apiKey;
    private final Secret signingKey;
    private final String primaryAddress;
    private final String verifyingContract;
    private final long maxBookAgeMs;
    private final long recvWindowMs;
    private final long requestTimeoutMs;
    private final long pingIntervalMs;
    private final int orderPollAttempts;
    private final long orderPollIntervalMs;
    private final int ordersPerSecond;
    private final int restCallsPerSecond;
    private final EventLoopGroup eventLoopGroup;
    private final long pongTimeoutMs;
    private final long idleTimeoutMs;
    private final long reconnectInitialDelayMs;
    private final long reconnectMaxDelayMs;
    private final boolean autoReconnect;
    private final boolean accountStream;
    private final long listenKeyRenewIntervalMs;
    private final long streamFillWaitMs;
    private final int rateLimitRetries;
    private final long rateLimitBackoffMs;
    private final boolean subscribeTickers;
    private final boolean signLeverage;
    private final String limitIocTimeInForce;
    private final boolean rejectUnsortedDepth;

    private VestConfig(final Builder b) {
        restBaseUrl = stripSlash(Objects.requireNonNull(b.restBaseUrl, "restBaseUrl"));
        wsUrl = Objects.requireNonNull(b.wsUrl, "wsUrl");
        accountGroup = b.accountGroup;
        apiKey = b.apiKey;
        signingKey = b.signingKey;
        primaryAddress = b.primaryAddress;
        verifyingContract = b.verifyingContract;
        maxBookAgeMs = positive(b.maxBookAgeMs, "maxBookAgeMs");
        recvWindowMs = positive(b.recvWindowMs, "recvWindowMs");
        requestTimeoutMs = positive(b.requestTimeoutMs, "requestTimeoutMs");
        pingIntervalMs = positive(b.pingIntervalMs, "pingIntervalMs");
        orderPollAttempts = (int) nonNegative(b.orderPollAttempts, "orderPollAttempts");
        orderPollIntervalMs = nonNegative(b.orderPollIntervalMs, "orderPollIntervalMs");
        ordersPerSecond = (int) positive(b.ordersPerSecond, "ordersPerSecond");
        restCallsPerSecond = (int) positive(b.restCallsPerSecond, "restCallsPerSecond");
        eventLoopGroup = b.eventLoopGroup;
        pongTimeoutMs = positive(b.pongTimeoutMs, "pongTimeoutMs");
        idleTimeoutMs = positive(b.idleTimeoutMs, "idleTimeoutMs");
        reconnectInitialDelayMs = positive(b.reconnectInitialDelayMs, "reconnectInitialDelayMs");
        reconnectMaxDelayMs = positive(b.reconnectMaxDelayMs, "reconnectMaxDelayMs");
        autoReconnect = b.autoReconnect;
        accountStream = b.accountStream;
        listenKeyRenewIntervalMs = positive(b.listenKeyRenewIntervalMs, "listenKeyRenewIntervalMs");
        streamFillWaitMs = nonNegative(b.streamFillWaitMs, "streamFillWaitMs");
        rateLimitRetries = (int) nonNegative(b.rateLimitRetries, "rateLimitRetries");
        rateLimitBackoffMs = positive(b.rateLimitBackoffMs, "rateLimitBackoffMs");
        subscribeTickers = b.subscribeTickers;
        signLeverage = b.signLeverage;
        rejectUnsortedDepth = b.rejectUnsortedDepth;
        limitIocTimeInForce = Objects.requireNonNull(b.limitIocTimeInForce, "limitIocTimeInForce");
        if (!limitIocTimeInForce.equals("IOC") && !limitIocTimeInForce.equals("FOK")) {
            throw new IllegalArgumentException("limitIocTimeInForce must be IOC or FOK");
        }
        if (reconnectMaxDelayMs < reconnectInitialDelayMs) {
            throw new IllegalArgumentException("reconnectMaxDelayMs must be >= reconnectInitialDelayMs");
        }
        if (accountGroup < 0) {
            throw new IllegalArgumentException("accountGroup must be >= 0");
        }
        if (!restBaseUrl.startsWith("http://") && !restBaseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("restBaseUrl must be http(s)");
        }
        if (!wsUrl.startsWith("ws://") && !wsUrl.startsWith("wss://")) {
            throw new IllegalArgumentException("wsUrl must be ws(s)");
        }
    }

    private static String stripSlash(final String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static long positive(final long v, final String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return v;
    }

    private static long nonNegative(final long v, final String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0");
        }
        return v;
    }

    /** @return a builder without endpoints (set {@link Builder#restBaseUrl} and {@link Builder#wsUrl}) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder preset with the production endpoints and verifying contract */
    public static Builder production() {
        return new Builder().restBaseUrl(PROD_REST).wsUrl(PROD_WS).verifyingContract(PROD_VERIFYING_CONTRACT);
    }

    /** @return a builder preset with the testnet (dev) endpoints and verifying contract */
    public static Builder testnet() {
        return new Builder().restBaseUrl(DEV_REST).wsUrl(DEV_WS).verifyingContract(DEV_VERIFYING_CONTRACT);
    }

    /** @return REST base URL without trailing slash, e.g. {@code https://server-prod.hz.vestmarkets.com/v2} */
    public String restBaseUrl() {
        return restBaseUrl;
    }

    /** @return WebSocket URL as configured (the adapter appends {@code xwebsocketserver}) */
    public String wsUrl() {
        return wsUrl;
    }

    /** @return the account group ({@code accGroup} from {@code POST /register}) */
    public int accountGroup() {
        return accountGroup;
    }

    /** @return the API key, or null if only market data is used */
    public Secret apiKey() {
        return apiKey;
    }

    /** @return the delegate signing key, or null if only market data is used */
    public Secret signingKey() {
        return signingKey;
    }

    /** @return the primary wallet address, or null */
    public String primaryAddress() {
        return primaryAddress;
    }

    /** @return the VestRouterV2 address used for registration, or null */
    public String verifyingContract() {
        return verifyingContract;
    }

    /** @return age after which a book counts as stale, ms (default 5000) */
    public long maxBookAgeMs() {
        return maxBookAgeMs;
    }

    /** @return {@code recvWindow} sent with signed requests, ms (default 5000) */
    public long recvWindowMs() {
        return recvWindowMs;
    }

    /** @return timeout of one REST request, ms (default 5000) */
    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    /** @return interval of the JSON {@code PING}, ms (default 30000) */
    public long pingIntervalMs() {
        return pingIntervalMs;
    }

    /** @return how many times a non-terminal IOC/MARKET order is polled with {@code GET /orders} (default 5) */
    public int orderPollAttempts() {
        return orderPollAttempts;
    }

    /** @return delay between order polls, ms (default 200) */
    public long orderPollIntervalMs() {
        return orderPollIntervalMs;
    }

    /** @return client-side limit on order and cancel requests per second (default 10) */
    public int ordersPerSecond() {
        return ordersPerSecond;
    }

    /** @return client-side limit on other REST calls per second (default 5) */
    public int restCallsPerSecond() {
        return restCallsPerSecond;
    }

    /** @return a shared event loop group, or null for an adapter-owned single-thread loop */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /** @return a JSON {@code PING} unanswered this long makes the stream stale and reconnects it, ms (default 5000, the RUST bot's bound; the docs give none) */
    public long pongTimeoutMs() {
        return pongTimeoutMs;
    }

    /** @return no frame at all for this long makes the stream stale and reconnects it, ms (default 35000: the RUST bot's 30 s {@code STALE_THRESHOLD_MS} plus the PONG bound, so that a quiet private stream still answers one PING in time; keep it above the ping interval) */
    public long idleTimeoutMs() {
        return idleTimeoutMs;
    }

    /** @return first reconnect delay after an unexpected close, ms (default 250); doubles per failed attempt, with ±20 % jitter */
    public long reconnectInitialDelayMs() {
        return reconnectInitialDelayMs;
    }

    /** @return largest reconnect delay, ms (default 30000) */
    public long reconnectMaxDelayMs() {
        return reconnectMaxDelayMs;
    }

    /**
     * The reconnect backoff of every Vest stream: Resilience4j's exponential random backoff (the same
     * implementation the Paradex adapter uses), attempt 1 waiting about
     * {@link #reconnectInitialDelayMs()}, doubling per failed attempt up to {@link #reconnectMaxDelayMs()},
     * each delay scaled by a random factor in [0.8, 1.2] so that many clients do not retry in step.
     *
     * @return attempt number (1 = first retry) to delay, ms; stateless and thread-safe
     */
    public io.github.resilience4j.core.IntervalFunction reconnectBackoff() {
        return io.github.resilience4j.core.IntervalFunction.ofExponentialRandomBackoff(reconnectInitialDelayMs, 2.0, 0.2,
            reconnectMaxDelayMs);
    }

    /** @return {@code true} (default): the streams reconnect by themselves after an unexpected close, with exponential backoff and jitter, and resubscribe */
    public boolean autoReconnect() {
        return autoReconnect;
    }

    /** @return {@code true} (default): with an API key, {@link VestAdapter#connect()} also opens the {@code account_private} stream (listen key from {@code POST /account/listenKey}) */
    public boolean accountStream() {
        return accountStream;
    }

    /** @return interval of {@code PUT /account/listenKey}, ms (default 30 minutes; the key lives 60 minutes, protocol reference §4) */
    public long listenKeyRenewIntervalMs() {
        return listenKeyRenewIntervalMs;
    }

    /** @return how long an IOC/MARKET order whose acknowledgement lacks fill data waits for its terminal ORDER event on the private stream before polling {@code GET /orders?id=}, ms (default 1000) */
    public long streamFillWaitMs() {
        return streamFillWaitMs;
    }

    /** @return how many times an order rejected as rate limited (HTTP 429 / code 1003, so not executed) is resent, identical, after a backoff (default 2; only within the receive window) */
    public int rateLimitRetries() {
        return rateLimitRetries;
    }

    /** @return first backoff after a rate-limit answer, ms (default 500; doubles per retry; a longer {@code Retry-After} wins) */
    public long rateLimitBackoffMs() {
        return rateLimitBackoffMs;
    }

    /** @return {@code true} (default): the market-data stream also subscribes {@code tickers} (mark, index, funding; {@link VestAdapter#ticker(String)}) */
    public boolean subscribeTickers() {
        return subscribeTickers;
    }

    /** @return {@code false} (default, as documented and as two clients do): {@code POST /account/leverage} is sent unsigned; {@code true} adds {@code nonce} and a signature over {@code (time, nonce, symbol, value)} as the RUST bot does (open question §9.8) */
    public boolean signLeverage() {
        return signLeverage;
    }

    /**
     * @return {@code true} (default): a depth snapshot whose levels are not strictly sorted (bids
     *     descending, asks ascending) is counted and invalidates the book; {@code false}: it is sorted.
     *     Vest does not document the order (open question §9.10; the RUST bot sorts itself).
     */
    public boolean rejectUnsortedDepth() {
        return rejectUnsortedDepth;
    }

    /**
     * @return the {@code timeInForce} sent for an IOC LIMIT order: {@code "IOC"} (default; what the RUST
     *     bot traded with on v2) or {@code "FOK"} (the docs list only GTC/FOK for LIMIT, open question
     *     §9.5). Either never rests; an unaccepted value is refused by the venue with {@code 1133}
     *     INVALID_TIME_IN_FORCE, never executed as GTC. MARKET orders carry no {@code timeInForce}.
     */
    public String limitIocTimeInForce() {
        return limitIocTimeInForce;
    }

    @Override
    public String toString() {
        return "VestConfig{rest=" + restBaseUrl + " ws=" + wsUrl + " accountGroup=" + accountGroup + " apiKey="
            + (apiKey == null ? "none" : "***") + " signingKey=" + (signingKey == null ? "none" : "***") + '}';
    }

    /**
     * Builder for {@link VestConfig}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder {
        private String restBaseUrl;
        private String wsUrl;
        private int accountGroup;
        private Secret apiKey;
        private Secret signingKey;
        private String primaryAddress;
        private String verifyingContract;
        private long maxBookAgeMs = 5000;
        private long recvWindowMs = 5000;
        private long requestTimeoutMs = 5000;
        private long pingIntervalMs = 30_000;
        private long orderPollAttempts = 5;
        private long orderPollIntervalMs = 200;
        private long ordersPerSecond = 10;
        private long restCallsPerSecond = 5;
        private EventLoopGroup eventLoopGroup;
        private long pongTimeoutMs = 5000;
        private long idleTimeoutMs = 35_000;
        private long reconnectInitialDelayMs = 250;
        private long reconnectMaxDelayMs = 30_000;
        private boolean autoReconnect = true;
        private boolean accountStream = true;
        private long listenKeyRenewIntervalMs = 1_800_000;
        private long streamFillWaitMs = 1000;
        private long rateLimitRetries = 2;
        private long rateLimitBackoffMs = 500;
        private boolean subscribeTickers = true;
        private boolean signLeverage = false;
        private String limitIocTimeInForce = "IOC";
        private boolean rejectUnsortedDepth = true;

        /**
         * @param v reject unsorted depth snapshots (default true) or sort them
         * @return this
         */
        public Builder rejectUnsortedDepth(final boolean v) {
            rejectUnsortedDepth = v;
            return this;
        }

        private Builder() {
        }

        /**
         * @param v PONG timeout, ms (default 5000)
         * @return this
         */
        public Builder pongTimeoutMs(final long v) {
            pongTimeoutMs = v;
            return this;
        }

        /**
         * @param v idle timeout, ms (default 35000)
         * @return this
         */
        public Builder idleTimeoutMs(final long v) {
            idleTimeoutMs = v;
            return this;
        }

        /**
         * @param v first reconnect delay, ms (default 250)
         * @return this
         */
        public Builder reconnectInitialDelayMs(final long v) {
            reconnectInitialDelayMs = v;
            return this;
        }

        /**
         * @param v largest reconnect delay, ms (default 30000)
         * @return this
         */
        public Builder reconnectMaxDelayMs(final long v) {
            reconnectMaxDelayMs = v;
            return this;
        }

        /**
         * @param v automatic reconnection (default true)
         * @return this
         */
        public Builder autoReconnect(final boolean v) {
            autoReconnect = v;
            return this;
        }

        /**
         * @param v open the private account stream when an API key is set (default true)
         * @return this
         */
        public Builder accountStream(final boolean v) {
            accountStream = v;
            return this;
        }

        /**
         * @param v listen-key renewal interval, ms (default 1800000)
         * @return this
         */
        public Builder listenKeyRenewIntervalMs(final long v) {
            listenKeyRenewIntervalMs = v;
            return this;
        }

        /**
         * @param v wait for the private stream before polling, ms (default 1000)
         * @return this
         */
        public Builder streamFillWaitMs(final long v) {
            streamFillWaitMs = v;
            return this;
        }

        /**
         * @param v retries after a rate-limit answer (default 2)
         * @return this
         */
        public Builder rateLimitRetries(final int v) {
            rateLimitRetries = v;
            return this;
        }

        /**
         * @param v first rate-limit backoff, ms (default 500)
         * @return this
         */
        public Builder rateLimitBackoffMs(final long v) {
            rateLimitBackoffMs = v;
            return this;
        }

        /**
         * @param v subscribe {@code tickers} (default true)
         * @return this
         */
        public Builder subscribeTickers(final boolean v) {
            subscribeTickers = v;
            return this;
        }

        /**
         * @param v sign leverage requests (default false)
         * @return this
         */
        public Builder signLeverage(final boolean v) {
            signLeverage = v;
            return this;
        }

        /**
         * @param v {@code "IOC"} (default) or {@code "FOK"}: {@code timeInForce} of IOC LIMIT orders
         * @return this
         */
        public Builder limitIocTimeInForce(final String v) {
            limitIocTimeInForce = v;
            return this;
        }

        /**
         * @param v REST base URL including {@code /v2}
         * @return this
         */
        public Builder restBaseUrl(final String v) {
            restBaseUrl = v;
            return this;
        }

        /**
         * @param v WebSocket URL including {@code ?version=1.0}
         * @return this
         */
        public Builder wsUrl(final String v) {
            wsUrl = v;
            return this;
        }

        /**
         * @param v account group ({@code accGroup}), default 0
         * @return this
         */
        public Builder accountGroup(final int v) {
            accountGroup = v;
            return this;
        }

        /**
         * @param v API key from {@code POST /register}
         * @return this
         */
        public Builder apiKey(final Secret v) {
            apiKey = v;
            return this;
        }

        /**
         * @param v delegate signing private key
         * @return this
         */
        public Builder signingKey(final Secret v) {
            signingKey = v;
            return this;
        }

        /**
         * @param v primary wallet address
         * @return this
         */
        public Builder primaryAddress(final String v) {
            primaryAddress = v;
            return this;
        }

        /**
         * @param v VestRouterV2 address
         * @return this
         */
        public Builder verifyingContract(final String v) {
            verifyingContract = v;
            return this;
        }

        /**
         * @param v max book age, ms (default 5000)
         * @return this
         */
        public Builder maxBookAgeMs(final long v) {
            maxBookAgeMs = v;
            return this;
        }

        /**
         * @param v recvWindow, ms (default 5000)
         * @return this
         */
        public Builder recvWindowMs(final long v) {
            recvWindowMs = v;
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
         * @param v JSON PING interval, ms (default 30000)
         * @return this
         */
        public Builder pingIntervalMs(final long v) {
            pingIntervalMs = v;
            return this;
        }

        /**
         * @param v order polls after a non-terminal IOC/MARKET acknowledgement (default 5)
         * @return this
         */
        public Builder orderPollAttempts(final int v) {
            orderPollAttempts = v;
            return this;
        }

        /**
         * @param v delay between order polls, ms (default 200)
         * @return this
         */
        public Builder orderPollIntervalMs(final long v) {
            orderPollIntervalMs = v;
            return this;
        }

        /**
         * @param v client-side order/cancel rate limit per second (default 10)
         * @return this
         */
        public Builder ordersPerSecond(final int v) {
            ordersPerSecond = v;
            return this;
        }

        /**
         * @param v client-side limit on other REST calls per second (default 5)
         * @return this
         */
        public Builder restCallsPerSecond(final int v) {
            restCallsPerSecond = v;
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
         * @return the configuration
         * @throws NullPointerException if an endpoint is missing
         * @throws IllegalArgumentException if a value is out of range
         */
        public VestConfig build() {
            return new VestConfig(this);
        }
    }
}
