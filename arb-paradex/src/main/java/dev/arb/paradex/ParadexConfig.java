package dev.arb.paradex;

import dev.arb.api.Secret;
import dev.arb.api.TransportConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.netty.channel.EventLoopGroup;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Settings of a {@link ParadexAdapter}: endpoints, chain id, account and STARK key, JWT refresh, the order-book
 * channel, fees, and the {@link TransportConfig} knobs both venues share (timeouts, book staleness, reconnect
 * backoff, order polling, client-side rate limits, event loop).
 *
 * <p>Endpoints and chain ids: protocol reference §1 (REST {@code https://api.prod.paradex.trade/v1},
 * WS {@code wss://ws.api.prod.paradex.trade/v1}) and §3.1 ({@code PRIVATE_SN_PARACLEAR_MAINNET},
 * testnet {@code PRIVATE_SN_POTC_SEPOLIA}). Rate-limit defaults are well below §3.9's venue limits.
 *
 * <p>Without an account address and private key the adapter is public-only (market data and
 * markets; private calls fail with {@link dev.arb.api.AuthenticationException}).
 *
 * <p><b>Note:</b> immutable, thread-safe; {@link #toString()} never shows the key. Build it with {@link #builder()},
 * {@link #production()} or {@link #testnet()}.
 *
 * @param restBaseUrl REST base URL including {@code /v1}, no trailing slash
 * @param wsUrl WebSocket URL ({@code ws://} or {@code wss://})
 * @param chainId chain id name, e.g. {@code PRIVATE_SN_PARACLEAR_MAINNET}
 * @param accountAddress account (L2) address hex, or null in public-only mode
 * @param privateKey STARK private key, or null in public-only mode
 * @param subkeyPublicKey the STARK public key of the subkey that signs (the JWT is then requested with
 *     {@code POST /v1/auth/{subkey}}; the account is the main account), or null (protocol reference §4.2)
 * @param jwtRefreshBeforeExpiryMs how long before the JWT's {@code exp} it is refreshed, ms, &ge; 0 (default 60000)
 * @param jwtRefreshJitterMs random extra lead, ms, subtracted from each proactive JWT refresh time (0..this; at most
 *     {@code jwtRefreshBeforeExpiryMs}; default 10000)
 * @param signatureExpirySeconds lifetime of the auth signature ({@code PARADEX-SIGNATURE-EXPIRATION} − now), s
 *     (default 1800; OAS default 30 min, max 1 week, §4.2)
 * @param sbe {@code true} for SBE binary market data (the WebSocket URL carries {@code sbeQuery})
 * @param sbeQuery the SBE negotiation query, {@code sbeSchemaId=1&sbeSchemaVersion=1} by default (paradex-sbe §2)
 * @param bookChannelTemplate {@link String#format} template of the book channel, {@code %s} = market
 * @param wsOrderEntry {@code true} to send orders and cancels as WebSocket RPCs ({@code order.create},
 *     {@code order.cancel}, protocol reference §2.6) while the authenticated stream is open; REST otherwise
 * @param cancelOnDisconnect {@code true} to send {@code order.cancel_on_disconnect {enabled:true}} after every WS
 *     {@code auth}
 * @param privateStreams {@code true} (default) to authenticate the WebSocket and subscribe to the private channels
 *     {@code orders.ALL}, {@code fills.ALL} and {@code positions} when an account is configured
 * @param presign {@code true} (default): orders are signed with pooled precomputed ECDSA nonces and, when the order is
 *     the leg's expected next one, a hash computed ahead ({@link ParadexSigner#presigning}, issue 14 §2; refill thread
 *     {@code paradex-presign}); {@code false}: hashed and signed (RFC 6979) at decision time
 * @param defaultTakerFeeRate taker fee rate used when {@code /markets} has no {@code fee_config.api_fee} (fraction of
 *     notional, default 0.0003)
 * @param defaultMakerFeeRate maker fee rate used when {@code /markets} has no {@code fee_config.api_fee} (fraction of
 *     notional, default 0.00003)
 * @param transport the shared knobs, with Paradex's defaults where they differ from the neutral ones: idle timeout
 *     70000 ms (the venue pings every 55 s, protocol reference §2.4), 40 order polls 50 ms apart, 50 order requests
 *     per second (venue 800/s, §3.9) and 10 other requests per second, which here are the private GETs (venue
 *     600/min, §3.9); its event loop group, if any, must be a Netty {@link EventLoopGroup}
 */
public record ParadexConfig(String restBaseUrl, String wsUrl, String chainId, String accountAddress, Secret privateKey,
    String subkeyPublicKey, long jwtRefreshBeforeExpiryMs, long jwtRefreshJitterMs, long signatureExpirySeconds,
    boolean sbe, String sbeQuery, String bookChannelTemplate, boolean wsOrderEntry, boolean cancelOnDisconnect,
    boolean privateStreams, boolean presign, BigDecimal defaultTakerFeeRate, BigDecimal defaultMakerFeeRate, TransportConfig transport) {
    /**
     * Checks the ranges, strips a trailing slash from the REST URL and clamps the JWT refresh jitter to the refresh
     * lead; prefer the builders.
     *
     * @throws NullPointerException if an endpoint, the chain id, a fee rate or the transport is missing
     * @throws IllegalArgumentException if a value is out of range or only one of account and key is set
     */
    public ParadexConfig {
        restBaseUrl = stripSlash(Objects.requireNonNull(restBaseUrl, "restBaseUrl"));
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(bookChannelTemplate, "bookChannelTemplate");
        Objects.requireNonNull(sbeQuery, "sbeQuery");
        Objects.requireNonNull(defaultTakerFeeRate, "defaultTakerFeeRate");
        Objects.requireNonNull(defaultMakerFeeRate, "defaultMakerFeeRate");
        Objects.requireNonNull(transport, "transport").eventLoopGroup(EventLoopGroup.class); // refuses a non-Netty one
        if (jwtRefreshBeforeExpiryMs < 0 || jwtRefreshJitterMs < 0) {
            throw new IllegalArgumentException("jwtRefreshBeforeExpiryMs and jwtRefreshJitterMs must be >= 0 ms");
        }
        jwtRefreshJitterMs = Math.min(jwtRefreshJitterMs, jwtRefreshBeforeExpiryMs);
        if (signatureExpirySeconds <= 0) {
            throw new IllegalArgumentException("signatureExpirySeconds must be > 0 s, was " + signatureExpirySeconds);
        }
        if (sbe && !bookChannelTemplate.startsWith("order_book.%s.")) {
            throw new IllegalArgumentException("bookChannelTemplate must be order_book.%s.… " + bookChannelTemplate);
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

    /** @return the URL the WebSocket connects to: {@link #wsUrl()} plus {@link #sbeQuery()} when {@link #sbe()} */
    public String streamUrl() {
        return sbe ? wsUrl + (wsUrl.indexOf('?') >= 0 ? '&' : '?') + sbeQuery : wsUrl;
    }

    /**
     * The stream's reconnect backoff, as {@link TransportConfig} describes it, computed by Resilience4j (the Vest
     * adapter builds its own the same way from its transport).
     *
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
        return "ParadexConfig{rest=" + restBaseUrl + ", ws=" + wsUrl + ", chainId=" + chainId + ", account=" + accountAddress
            + ", privateKey=" + privateKey + '}';
    }

    /**
     * Builder of {@link ParadexConfig}; the transport setters ({@code requestTimeoutMs}, {@code maxBookAgeMs},
     * {@code reconnectMaxDelayMs}, {@code eventLoopGroup}, …) are inherited from {@link TransportConfig.AbstractBuilder}.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Builder extends TransportConfig.AbstractBuilder<Builder> {
        private String restBaseUrl;
        private String wsUrl;
        private String chainId;
        private String accountAddress;
        private Secret privateKey;
        private String subkeyPublicKey;
        private long jwtRefreshBeforeExpiryMs = 60_000;
        private long jwtRefreshJitterMs = 10_000;
        private long signatureExpirySeconds = 1800;
        private boolean sbe;
        private String sbeQuery = dev.arb.paradex.sbe.ParadexSbe.URL_QUERY;
        private String bookChannelTemplate = "order_book.%s.snapshot@15@50ms";
        private boolean channelSet;
        private boolean wsOrderEntry;
        private boolean cancelOnDisconnect;
        private boolean privateStreams = true;
        private boolean presign = true;
        private BigDecimal defaultTakerFeeRate = new BigDecimal("0.0003");
        private BigDecimal defaultMakerFeeRate = new BigDecimal("0.00003");

        private Builder() {
            // Paradex's transport defaults, see ParadexConfig#transport
            idleTimeoutMs(70_000).orderPollAttempts(40).orderPollIntervalMs(50).orderRequestsPerSecond(50)
                .otherRequestsPerSecond(10);
        }

        /**
         * @param v the transport's idle timeout: ms without any frame before the stream is reopened (default 70000)
         * @return this
         */
        public Builder streamIdleTimeoutMs(final long v) {
            return idleTimeoutMs(v);
        }

        /**
         * @param v the transport's first delay before an automatic reconnect, ms (default 1000; grows per failed
         *          attempt)
         * @return this
         */
        public Builder reconnectDelayMs(final long v) {
            return reconnectInitialDelayMs(v);
        }

        /**
         * @param v the transport's order polls of a non-terminal IOC order (default 40)
         * @return this
         */
        public Builder orderPollMaxAttempts(final int v) {
            return orderPollAttempts(v);
        }

        /**
         * @param v the transport's other-request limit: private GETs per second (default 10; venue 600/min, §3.9)
         * @return this
         */
        public Builder privateGetRequestsPerSecond(final int v) {
            return otherRequestsPerSecond(v);
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
         * @param v sign orders with precomputed nonces and hashes (default true)
         * @return this
         */
        public Builder presign(final boolean v) {
            presign = v;
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
         * @param v auth signature lifetime, s (default 1800; OAS default 30 min, max 1 week, §4.2)
         * @return this
         */
        public Builder signatureExpirySeconds(final long v) {
            signatureExpirySeconds = v;
            return this;
        }

        /**
         * @return the configuration
         * @throws NullPointerException if an endpoint or the chain id is missing
         * @throws IllegalArgumentException if a value is out of range (the message names it), or only one of
         *     account and key is set
         */
        public ParadexConfig build() {
            return new ParadexConfig(restBaseUrl, wsUrl, chainId, accountAddress, privateKey, subkeyPublicKey,
                jwtRefreshBeforeExpiryMs, jwtRefreshJitterMs, signatureExpirySeconds, sbe, sbeQuery,
                bookChannelTemplate, wsOrderEntry, cancelOnDisconnect, privateStreams, presign, defaultTakerFeeRate,
                defaultMakerFeeRate, buildTransport());
        }
    }
}
