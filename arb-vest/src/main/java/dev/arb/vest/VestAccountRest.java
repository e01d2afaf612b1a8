package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeException;
import dev.arb.api.Fill;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.Liquidity;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarginState;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.vest.internal.VestLeverageSigning;
import dev.arb.vest.internal.VestMarginDecoder;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestRestClient;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The Vest account over REST: open orders and recent fills ({@code GET /orders}), positions, balances
 * and margin ({@code GET /account}; Vest documents no position or balance push), and leverage
 * ({@code POST /account/leverage}). Sources: protocol reference §4 (REST), §5 (no account push).
 *
 * <p><b>Note:</b> thread-safe (no state of its own); futures complete on the JDK HTTP client's threads.
 */
final class VestAccountRest {
    private final VestConfig config;
    private final VestRestClient rest;
    private final ObjectMapper json;
    private final VestOrderCodec codec;
    private final VestSigner signer;
    private final VestMarkets markets;
    private final VestNonces nonces;
    private final VestOrderTracker tracker;

    /**
     * @param config  credentials and the leverage-signing switch
     * @param rest    the REST client
     * @param json    builds request bodies
     * @param codec   maps venue orders
     * @param signer  the signing key's signer, or null when none is configured
     * @param markets the market rules
     * @param nonces  the adapter's nonce sequence (signed leverage changes)
     * @param tracker our orders (so that our own orders carry their request and client order id)
     */
    VestAccountRest(final VestConfig config, final VestRestClient rest, final ObjectMapper json,
        final VestOrderCodec codec, final VestSigner signer, final VestMarkets markets, final VestNonces nonces,
        final VestOrderTracker tracker) {
        this.config = config;
        this.rest = rest;
        this.json = json;
        this.codec = codec;
        this.signer = signer;
        this.markets = markets;
        this.nonces = nonces;
        this.tracker = tracker;
    }

    /**
     * {@code GET /orders?status=NEW} (Vest is taker-only: only GTC LIMIT orders waiting for their
     * trigger are ever open).
     *
     * @param market symbol, or null for all markets
     * @return the open orders; fails with an {@link ExchangeException}
     */
    CompletableFuture<List<OrderUpdate>> openOrders(final String market) {
        final Map<String, MarketSpec> s;
        try {
            s = loadedAndKnown(market);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final String query = "status=NEW" + (market == null ? "" : "&symbol=" + urlEncode(market));
        return rest.getPrivate("/orders", query).thenApply(answer -> {
            final List<OrderUpdate> out = new ArrayList<>();
            final long now = System.currentTimeMillis();
            for (final JsonNode o : answer) {
                final MarketSpec spec = s.get(o.path("symbol").asText());
                if (spec != null && "NEW".equals(o.path("status").asText())) {
                    out.add(toUpdate(o, spec, now));
                }
            }
            return out;
        });
    }

    /**
     * {@code GET /orders?startTime=}: Vest fills an order against its pool once, so each order with a
     * filled size is one {@link Fill} (taker, at {@code avgFilledPrice}, fee {@code fees} including the
     * premium).
     *
     * @param market       symbol, or null for all markets
     * @param sinceEpochMs the earliest fill time, ms since the epoch
     * @return the fills, oldest first; fails with an {@link ExchangeException}
     */
    CompletableFuture<List<Fill>> recentFills(final String market, final long sinceEpochMs) {
        final Map<String, MarketSpec> s;
        try {
            s = loadedAndKnown(market);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final String query = "startTime=" + sinceEpochMs + "&limit=1000"
            + (market == null ? "" : "&symbol=" + urlEncode(market));
        return rest.getPrivate("/orders", query).thenApply(answer -> {
            final List<Fill> out = new ArrayList<>();
            final long now = System.currentTimeMillis();
            for (final JsonNode o : answer) {
                final MarketSpec spec = s.get(o.path("symbol").asText());
                if (spec == null || !o.hasNonNull("lastFilledSize")) {
                    continue;
                }
                final OrderUpdate u = toUpdate(o, spec, now);
                if (u.filledSize() > 0 && u.timestampMs() >= sinceEpochMs) {
                    out.add(new Fill(VestMarkets.VENUE, u.market(), u.venueOrderId(), u.clientOrderId(), u.side(),
                        u.avgFillPrice(), u.filledSize(), u.feeUsd(), Liquidity.TAKER, u.timestampMs()));
                }
            }
            out.sort(Comparator.comparingLong(Fill::timestampMs));
            return out;
        });
    }

    private Map<String, MarketSpec> loadedAndKnown(final String market) {
        final Map<String, MarketSpec> s = markets.loaded();
        if (market != null) {
            markets.specOrFail(market);
        }
        return s;
    }

    /** Maps a venue order, using our request (and client order id) when we placed it. */
    private OrderUpdate toUpdate(final JsonNode o, final MarketSpec spec, final long now) {
        final VestOrderTracker.Tracked t = tracker.match(o);
        return t != null ? codec.update(o, spec, t.request, now) : codec.fromVenue(o, spec, null, now);
    }

    /**
     * One {@code GET /account}: {@code totalAccountValue}, {@code totalMaintMargin} and each position's
     * {@code markPrice} and {@code liqPrice} (§4; see {@code VestMarginDecoder}).
     *
     * @return the margin state; fails with an {@link ExchangeException}
     */
    CompletableFuture<MarginState> marginState() {
        return rest.getPrivate("/account", "").thenApply(account -> VestMarginDecoder.margin(
            account, System.currentTimeMillis()));
    }

    /** @return {@code GET /account} positions: {@code isLong} + size, zero sizes skipped */
    CompletableFuture<List<Position>> positions() {
        final Map<String, MarketSpec> s;
        try {
            s = markets.loaded();
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return rest.getPrivate("/account", "").thenApply(account -> VestOrderCodec.positions(account, s));
    }

    /**
     * @param market symbol
     * @return its {@code GET /account} position (flat when none); fails with an {@link ExchangeException}
     */
    CompletableFuture<Position> position(final String market) {
        final MarketSpec spec;
        try {
            spec = markets.specOrFail(market);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return rest.getPrivate("/account", "").thenApply(account -> VestOrderCodec.position(account, spec));
    }

    /**
     * @return {@code GET /account} total balance per asset (e.g. {@code USDC}), in that asset's units;
     *     fails with an {@link ExchangeException}, {@link MalformedMessageException} for a total that is
     *     not a decimal
     */
    CompletableFuture<Map<String, BigDecimal>> balances() {
        return rest.getPrivate("/account", "").thenApply(account -> {
            final Map<String, BigDecimal> out = new TreeMap<>();
            for (final JsonNode b : account.path("balances")) {
                try {
                    out.put(b.path("asset").asText(), new BigDecimal(b.path("total").asText()));
                } catch (NumberFormatException e) {
                    throw new MalformedMessageException(VestMarkets.VENUE, null, "balance is not a decimal", e);
                }
            }
            return out;
        });
    }

    /**
     * The {@link VestAdapter#setLeverage} contract: {@code POST /account/leverage} with
     * {@code {"time","symbol","value"}}, signed when {@link VestConfig#signLeverage()}.
     *
     * @param market   symbol
     * @param leverage 1..100
     * @return completes when set; fails with {@link InvalidOrderException} for a leverage out of range,
     *     {@link AuthenticationException} without credentials, {@link MalformedMessageException} if the
     *     venue echoes another value
     */
    CompletableFuture<Void> setLeverage(final String market, final int leverage) {
        try {
            markets.specOrFail(market);
            if (leverage < 1 || leverage > 100) {
                throw new InvalidOrderException(VestMarkets.VENUE, null, "leverage must be 1..100, got " + leverage);
            }
            if (config.apiKey() == null) {
                throw new AuthenticationException(VestMarkets.VENUE, null, "Vest API key required");
            }
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final long time = System.currentTimeMillis();
        final ObjectNode body = json.createObjectNode().put("time", time).put("symbol", market).put("value", leverage);
        if (config.signLeverage()) {
            try {
                VestOrderRules.requireSigner(signer, config);
            } catch (ExchangeException e) {
                return CompletableFuture.failedFuture(e);
            }
            final long nonce = nonces.next(time);
            body.put("nonce", nonce).put("signature",
                VestLeverageSigning.sign(config.signingKey(), time, nonce, market, leverage));
        }
        return rest.sendPrivate("POST", "/account/leverage", body.toString()).thenAccept(answer -> {
            if (answer.has("value") && answer.get("value").asInt() != leverage) {
                throw new MalformedMessageException(VestMarkets.VENUE, null, "Vest set leverage "
                    + answer.get("value").asInt() + " instead of " + leverage);
            }
        });
    }

    private static String urlEncode(final String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
