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

        private Builder() {
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
