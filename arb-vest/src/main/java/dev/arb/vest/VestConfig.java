package dev.arb.vest;

import dev.arb.api.Secret;
import dev.arb.api.TransportConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of a {@link VestAdapter}: endpoints (Vest API docs "General API Information", "Contract
 * Addresses", protocol reference §1), the account group ({@code accGroup} of {@code POST /register}: the shard in
 * {@code xrestservermm: restserver{accountGroup}}), credentials, Vest-only knobs, the shared {@link TransportConfig}.
 *
 * <p><b>Note:</b> immutable, thread-safe; {@link #toString()} never shows secrets. Build it with the builders.
 *
 * @param restBaseUrl REST base URL without trailing slash, e.g. {@code https://server-prod.hz.vestmarkets.com/v2}
 * @param wsUrl WebSocket URL as configured (the adapter appends {@code xwebsocketserver})
 * @param accountGroup the account group ({@code accGroup} from {@code POST /register}), &ge; 0
 * @param apiKey the API key, or null if only market data is used
 * @param signingKey the delegate signing key, or null if only market data is used
 * @param primaryAddress the primary wallet address, or null
 * @param verifyingContract the VestRouterV2 address used for registration, or null
 * @param recvWindowMs {@code recvWindow} sent with signed requests, ms (default 5000)
 * @param pingIntervalMs interval of the JSON {@code PING}, ms (default 30000)
 * @param pongTimeoutMs an unanswered {@code PING} makes the stream stale after this, ms (default 5000, the RUST bot's)
 * @param autoReconnect {@code true} (default): streams reconnect after an unexpected close (backoff, jitter)
 * @param accountStream {@code true} (default): with an API key, {@code connect()} opens {@code account_private}
 * @param listenKeyRenewIntervalMs interval of {@code PUT /account/listenKey}, ms (default 30 min; keys live 60, §4)
 * @param streamFillWaitMs wait for an IOC/MARKET order's terminal event before polling {@code GET /orders}, ms (1000)
 * @param rateLimitRetries identical resends of an order answered rate limited (429/1003), in the recvWindow (2)
 * @param rateLimitBackoffMs first rate-limit backoff, ms (default 500, doubling; a longer {@code Retry-After} wins)
 * @param subscribeTickers {@code true} (default): also subscribe {@code tickers} ({@link VestAdapter#ticker})
 * @param signLeverage {@code false} (default, documented): leverage sent unsigned; {@code true}: signed (RUST, §9.8)
 * @param limitIocTimeInForce {@code timeInForce} of IOC LIMIT orders: "IOC" (default, RUST on v2) or "FOK" (§9.5)
 * @param rejectUnsortedDepth {@code true} (default): an unsorted depth snapshot invalidates the book, else sorted
 * @param presign {@code true} (default): orders and cancels are signed with pooled precomputed random ECDSA nonces
 *     ({@link VestSigner#presigning}, issue 14 §2); {@code false}: RFC 6979 ({@link VestSigner#fromPrivateKey})
 * @param nettyOrderEntry {@code true} (default): order and cancel POSTs on warm Netty keep-alive connections
 *     (on the adapter's event loop, issue 14 §3); {@code false}: on the JDK HttpClient with a Jackson tree per order
 * @param orderConnections keep-alive connections the Netty order path keeps open (default 2, &ge; 1)
 * @param transport shared knobs; Vest defaults: idle timeout 35000 ms (RUST's 30 s stale bound + PONG bound; keep it
 *     above the ping interval), first reconnect 250 ms; order limit = orders and cancels; event loop group: Netty's
 */
public record VestConfig(String restBaseUrl, String wsUrl, int accountGroup, Secret apiKey, Secret signingKey,
    String primaryAddress, String verifyingContract, long recvWindowMs, long pingIntervalMs, long pongTimeoutMs,
    boolean autoReconnect, boolean accountStream, long listenKeyRenewIntervalMs, long streamFillWaitMs,
    int rateLimitRetries, long rateLimitBackoffMs, boolean subscribeTickers, boolean signLeverage,
    String limitIocTimeInForce, boolean rejectUnsortedDepth, boolean presign, boolean nettyOrderEntry,
    int orderConnections, TransportConfig transport) {
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

    /**
     * Checks the ranges and strips a trailing slash from the REST URL; prefer the builders.
     * @throws NullPointerException if an endpoint, the time-in-force or the transport is missing
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     */
    public VestConfig {
        restBaseUrl = Objects.requireNonNull(restBaseUrl, "restBaseUrl").replaceFirst("/$", "");
        Objects.requireNonNull(transport, "transport").eventLoopGroup(EventLoopGroup.class); // refuses a non-Netty one
        atLeast(accountGroup, 0, "accountGroup", "");
        atLeast(recvWindowMs, 1, "recvWindowMs", " ms");
        atLeast(pingIntervalMs, 1, "pingIntervalMs", " ms");
        atLeast(pongTimeoutMs, 1, "pongTimeoutMs", " ms");
        atLeast(listenKeyRenewIntervalMs, 1, "listenKeyRenewIntervalMs", " ms");
        atLeast(streamFillWaitMs, 0, "streamFillWaitMs", " ms");
        atLeast(rateLimitRetries, 0, "rateLimitRetries", "");
        atLeast(rateLimitBackoffMs, 1, "rateLimitBackoffMs", " ms");
        atLeast(orderConnections, 1, "orderConnections", "");
        if (!List.of("IOC", "FOK").contains(Objects.requireNonNull(limitIocTimeInForce, "limitIocTimeInForce"))) {
            throw new IllegalArgumentException("limitIocTimeInForce must be IOC or FOK");
        }
        scheme(restBaseUrl, "http", "restBaseUrl");
        scheme(Objects.requireNonNull(wsUrl, "wsUrl"), "ws", "wsUrl");
    }

    private static void scheme(final String url, final String plain, final String name) {
        if (!url.startsWith(plain + "://") && !url.startsWith(plain + "s://")) {
            throw new IllegalArgumentException(name + " must be " + plain + "(s)");
        }
    }

    private static void atLeast(final long v, final long min, final String name, final String unit) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + unit + ", was " + v + unit);
        }
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

    /**
     * The reconnect backoff of every Vest stream (and of the order connections), as {@link TransportConfig}
     * describes it, computed by Resilience4j (the Paradex adapter builds its own the same way).
     * @return attempt number (1 = first retry) to delay, ms; stateless and thread-safe
     */
    public IntervalFunction reconnectBackoff() {
        final double jitter = transport.reconnectJitter();
        final IntervalFunction growth = IntervalFunction.ofExponentialBackoff(transport.reconnectInitialDelayMs(),
            transport.reconnectMultiplier(), Math.max(1, (long) (transport.reconnectMaxDelayMs() / (1 + jitter))));
        return attempt -> IntervalFunction.ofRandomized(growth.apply(attempt), jitter).apply(1);
    }

    @Override
    public String toString() {
        return "VestConfig{rest=" + restBaseUrl + " ws=" + wsUrl + " accountGroup=" + accountGroup + " apiKey="
            + (apiKey == null ? "none" : "***") + " signingKey=" + (signingKey == null ? "none" : "***") + '}';
    }

    /**
     * Builder for {@link VestConfig}; the transport setters ({@code requestTimeoutMs}, {@code idleTimeoutMs},
     * {@code eventLoopGroup}, …) are inherited from {@link TransportConfig.AbstractBuilder}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder extends TransportConfig.AbstractBuilder<Builder> {
        private String restBaseUrl, wsUrl, primaryAddress, verifyingContract;
        private int accountGroup;
        private Secret apiKey, signingKey;
        private long recvWindowMs = 5000, pingIntervalMs = 30_000, pongTimeoutMs = 5000;
        private boolean autoReconnect = true;
        private boolean accountStream = true;
        private long listenKeyRenewIntervalMs = 1_800_000;
        private long streamFillWaitMs = 1000;
        private int rateLimitRetries = 2;
        private long rateLimitBackoffMs = 500;
        private boolean subscribeTickers = true;
        private boolean signLeverage = false;
        private String limitIocTimeInForce = "IOC";
        private boolean rejectUnsortedDepth = true;
        private boolean presign = true;
        private boolean nettyOrderEntry = true;
        private int orderConnections = 2;

        private Builder() {
            idleTimeoutMs(35_000).reconnectInitialDelayMs(250); // Vest's transport defaults, see VestConfig#transport
        }

        /**
         * @param v the transport's order and cancel requests per second (default 10)
         * @return this
         */
        public Builder ordersPerSecond(final int v) {
            return orderRequestsPerSecond(v);
        }

        /**
         * @param v the transport's limit on other REST calls per second (default 5)
         * @return this
         */
        public Builder restCallsPerSecond(final int v) {
            return otherRequestsPerSecond(v);
        }

        /**
         * @param v reject unsorted depth snapshots (default true) or sort them
         * @return this
         */
        public Builder rejectUnsortedDepth(final boolean v) {
            rejectUnsortedDepth = v;
            return this;
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
         * @param v sign orders with precomputed nonces (default true)
         * @return this
         */
        public Builder presign(final boolean v) {
            presign = v;
            return this;
        }

        /**
         * @param on orders over warm Netty keep-alive connections (default true) or the JDK HttpClient
         * @param connections keep-alive connections of the Netty order path (default 2)
         * @return this
         */
        public Builder nettyOrderEntry(final boolean on, final int connections) {
            nettyOrderEntry = on;
            orderConnections = connections;
            return this;
        }

        /**
         * @param v orders over warm Netty keep-alive connections (default true) or the JDK HttpClient
         * @return this
         */
        public Builder nettyOrderEntry(final boolean v) {
            return nettyOrderEntry(v, orderConnections);
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
         * @param v recvWindow, ms (default 5000)
         * @return this
         */
        public Builder recvWindowMs(final long v) {
            recvWindowMs = v;
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
         * @return the configuration
         * @throws NullPointerException if an endpoint is missing
         * @throws IllegalArgumentException if a value is out of range (the message names it)
         */
        public VestConfig build() {
            return new VestConfig(restBaseUrl, wsUrl, accountGroup, apiKey, signingKey, primaryAddress,
                verifyingContract, recvWindowMs, pingIntervalMs, pongTimeoutMs, autoReconnect, accountStream,
                listenKeyRenewIntervalMs, streamFillWaitMs, rateLimitRetries, rateLimitBackoffMs, subscribeTickers,
                signLeverage, limitIocTimeInForce, rejectUnsortedDepth, presign, nettyOrderEntry, orderConnections,
                buildTransport());
        }
    }
}
