package dev.arb.sim.paradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.AuthenticationException;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.RateLimitedException;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.api.TransportException;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.paradex.ParadexSignature;
import dev.arb.paradex.ParadexSigner;
import dev.arb.sim.MarketModel;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@link ParadexAdapter} against {@link ParadexSimulator} on 127.0.0.1. */
class ParadexSimulatorTest {
    private static final String MARKET = "BTC-USD-PERP";
    private static final String ACCOUNT = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ParadexSimulator sim;
    private ParadexAdapter adapter;
    private Secret key;
    private final OrderBook seen = new OrderBook("paradex", MARKET, 8, 8, 16);
    private final java.util.concurrent.atomic.AtomicInteger invalidations = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        start(flatModel());
    }

    /** A market that never moves: mid 65000, so the book is bid 65000.0 / ask 65000.1, 0.05 BTC at level 0. */
    private static MarketModel flatModel() {
        return new MarketModel(new MarketModel.Config(3, 65_000.0, 100, 0, 0, 0, 0, 0, 0, 0, 1, 1));
    }

    private void restart(final MarketModel model) throws Exception {
        tearDown();
        start(model);
    }

    private void start(final MarketModel model) throws Exception {
        sim = ParadexSimulator.start(model, ParadexSimulator.Options.builder().pingIntervalMs(100).build());
        key = ParadexSigner.randomPrivateKey();
        sim.registerAccount(ACCOUNT, new ParadexSigner(sim.chainId(), ACCOUNT, key).publicKey());
        adapter = newAdapter(key);
        adapter.connect().get(10, TimeUnit.SECONDS);
        adapter.subscribeOrderBook(MARKET, b -> {
            synchronized (seen) {
                seen.copyFrom(b);
            }
            if (!b.isValid()) {
                invalidations.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !adapter.isStale(MARKET));
    }

    private ParadexAdapter newAdapter(final Secret k) {
        return new ParadexAdapter(ParadexConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .chainId(sim.chainId()).accountAddress(ACCOUNT).privateKey(k).orderPollIntervalMs(10).reconnectDelayMs(50)
            .build());
    }

    @AfterEach
    void tearDown() {
        if (adapter != null) {
            adapter.close();
            adapter = null;
        }
        if (sim != null) {
            sim.close();
            sim = null;
        }
    }

    private long bestAsk() {
        synchronized (seen) {
            return seen.bestAsk();
        }
    }

    private long bestBid() {
        synchronized (seen) {
            return seen.bestBid();
        }
    }

    private static long fp(final String s) {
        return FixedPoint.parse(s, 8);
    }

    private static Throwable failure(final CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            return e.getCause();
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected failure");
    }

    private static OrderRequest order(final String cid, final Side side, final OrderType type, final String size,
        final long price, final boolean reduceOnly) {
        return OrderRequest.builder().market(MARKET).side(side).type(type).timeInForce(TimeInForce.IOC).size(fp(size))
            .limitPrice(price).reduceOnly(reduceOnly).clientOrderId(cid).build();
    }

    @Test
    void shouldAuthenticateAndStreamAValidTickAlignedBook() throws Exception {
        restart(new MarketModel(MarketModel.Config.defaults(7)));
        assertThat(adapter.marketSpec(MARKET).tickSize()).isEqualTo(fp("0.1"));
        assertThat(adapter.marketSpec(MARKET).stepSize()).isEqualTo(fp("0.00001"));
        assertThat(adapter.marketSpec(MARKET).minNotionalUsd()).isEqualByComparingTo("10");
        assertThat(adapter.marketSpec(MARKET).takerFeeRate()).isEqualByComparingTo("0.0003");
        synchronized (seen) {
            assertThat(seen.isValid()).isTrue();
            assertThat(seen.bidLevels()).isEqualTo(15);
            assertThat(seen.askLevels()).isEqualTo(15);
            assertThat(seen.bestAsk() - seen.bestBid()).isEqualTo(fp("0.1"));
            assertThat(seen.bestBid() % fp("0.1")).isZero();
            assertThat(FixedPoint.toDouble(seen.bestBid(), 8)).isBetween(30_000.0, 130_000.0);
        }
        final long seq = seen.sequence();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            synchronized (seen) {
                return seen.sequence() > seq;
            }
        });
        assertThat(adapter.malformedMessages()).isZero();
        assertThat(adapter.sequenceGaps()).isZero();
    }

    @Test
    void shouldFillIocAndReportPosition() throws Exception {
        final long limit = bestAsk() + fp("10");
        final OrderUpdate buy = adapter.placeOrder(order("b-1", Side.BUY, OrderType.LIMIT, "0.01", limit, false))
            .get(10, TimeUnit.SECONDS);
        assertThat(buy.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(buy.filledSize()).isEqualTo(fp("0.01"));
        assertThat(buy.avgFillPrice()).isEqualTo(fp("65000.1"));
        assertThat(buy.feeUsd()).isPositive();
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo("0.01");
        final Position p = adapter.position(MARKET).get(10, TimeUnit.SECONDS);
        assertThat(p.size()).isEqualTo(fp("0.01"));
        assertThat(p.entryPrice()).isEqualTo(buy.avgFillPrice());

        final OrderUpdate close = adapter.placeOrder(order("s-1", Side.SELL, OrderType.MARKET, "0.01", 0, true))
            .get(10, TimeUnit.SECONDS);
        assertThat(close.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(adapter.position(MARKET).get(10, TimeUnit.SECONDS).isFlat()).isTrue();
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldPartiallyFillIocAgainstBookDepth() throws Exception {
        assertThat(bestBid()).isEqualTo(fp("65000"));
        assertThat(bestAsk()).isEqualTo(fp("65000.1"));
        // level 0 holds 0.05 BTC; a buy limited to the best ask takes only that level, the rest is cancelled
        final OrderUpdate u = adapter.placeOrder(order("p-1", Side.BUY, OrderType.LIMIT, "0.08", fp("65000.1"), false))
            .get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.filledSize()).isEqualTo(fp("0.05"));
        assertThat(u.avgFillPrice()).isEqualTo(fp("65000.1"));
        assertThat(u.feeUsd()).isEqualByComparingTo("0.9750015");
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo("0.05");

        // a sell sweeping two bid levels (0.05 @ 65000.0, then 0.10 @ 64999.9) fills at their weighted average
        final OrderUpdate sweep = adapter.placeOrder(order("p-2", Side.SELL, OrderType.LIMIT, "0.1", fp("64999.9"), false))
            .get(10, TimeUnit.SECONDS);
        assertThat(sweep.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sweep.avgFillPrice()).isEqualTo(fp("64999.95"));
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo("-0.05");
        final Position p = adapter.position(MARKET).get(10, TimeUnit.SECONDS);
        assertThat(p.size()).isEqualTo(-fp("0.05"));
        assertThat(p.entryPrice()).isEqualTo(fp("64999.95"));
    }

    @Test
    void shouldRestGtcOrderAndCancelIt() throws Exception {
        final OrderUpdate resting = adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.BUY)
            .type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).size(fp("0.001")).limitPrice(fp("64000"))
            .clientOrderId("g-1").build()).get(10, TimeUnit.SECONDS);
        assertThat(resting.status()).isEqualTo(OrderStatus.NEW);
        adapter.cancelOrder(MARKET, resting.venueOrderId()).get(10, TimeUnit.SECONDS);
        final Throwable again = failure(adapter.cancelOrder(MARKET, resting.venueOrderId()));
        assertThat(again).isInstanceOf(OrderRejectedException.class);
        assertThat(((OrderRejectedException) again).venueCode()).isEqualTo("ORDER_IS_CLOSED");
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldRejectOffTickAndBelowMinNotionalOnTheVenueToo() throws Exception {
        // the adapter validates client-side; the venue's own checks are exercised with a raw request
        final String jwt = authenticate();
        assertThat(postRawOrder(jwt, "0.001", "65000.05", "IOC").get("error").asText()).isEqualTo("INVALID_PRICE_PRECISION");
        assertThat(postRawOrder(jwt, "0.000015", "65000", "IOC").get("error").asText()).isEqualTo("INVALID_ORDER_SIZE");
        assertThat(postRawOrder(jwt, "0.0001", "65000", "IOC").get("error").asText()).isEqualTo("INVALID_ORDER_SIZE");
    }

    @Test
    void shouldRejectReduceOnlyThatWouldIncrease() {
        final Throwable e = failure(adapter.placeOrder(order("r-1", Side.SELL, OrderType.MARKET, "0.01", 0, true)));
        assertThat(e).isInstanceOf(OrderRejectedException.class);
        assertThat(((OrderRejectedException) e).venueCode()).isEqualTo("REDUCE_ONLY_WILL_INCREASE");
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    private String authenticate() throws Exception {
        final ParadexSigner signer = new ParadexSigner(sim.chainId(), ACCOUNT, key);
        final long now = System.currentTimeMillis() / 1000;
        final ParadexSignature auth = signer.signAuth(now, now + 600);
        final HttpResponse<String> authResp = HTTP.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/auth"))
            .POST(HttpRequest.BodyPublishers.noBody()).header("PARADEX-STARKNET-ACCOUNT", ACCOUNT)
            .header("PARADEX-STARKNET-SIGNATURE", auth.wireString()).header("PARADEX-TIMESTAMP", Long.toString(now))
            .header("PARADEX-SIGNATURE-EXPIRATION", Long.toString(now + 600)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authResp.statusCode()).isEqualTo(200);
        return JSON.readTree(authResp.body()).get("jwt_token").asText();
    }

    /** Posts an order signed over exactly the body's size and price; returns the response body. */
    private JsonNode postRawOrder(final String jwt, final String size, final String price, final String instruction)
        throws Exception {
        final ParadexSigner signer = new ParadexSigner(sim.chainId(), ACCOUNT, key);
        final long ts = System.currentTimeMillis();
        final ParadexSignature sig = signer.signOrder(ts, MARKET, Side.BUY, OrderType.LIMIT, size, price);
        return post(jwt, JSON.createObjectNode().put("market", MARKET).put("side", "BUY").put("type", "LIMIT")
            .put("size", size).put("price", price).put("instruction", instruction).put("client_id", "raw-" + ts + size)
            .put("signature", sig.wireString()).put("signature_timestamp", ts).toString(), 400);
    }

    private JsonNode post(final String jwt, final String body, final int expectedStatus) throws Exception {
        final HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/orders"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + jwt).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(expectedStatus);
        return JSON.readTree(resp.body());
    }

    @Test
    void shouldRejectTamperedOrderSignature() throws Exception {
        final String jwt = authenticate();
        final ParadexSigner signer = new ParadexSigner(sim.chainId(), ACCOUNT, key);
        final long ts = System.currentTimeMillis();
        final String price = FixedPoint.formatTrimmed(bestAsk() + fp("10"), 8);
        final ParadexSignature sig = signer.signOrder(ts, MARKET, Side.BUY, OrderType.LIMIT, "0.01", price);
        final String signed = JSON.createObjectNode().put("market", MARKET).put("side", "BUY").put("type", "LIMIT")
            .put("size", "0.01").put("price", price).put("instruction", "IOC").put("client_id", "t-1")
            .put("signature", sig.wireString()).put("signature_timestamp", ts).toString();
        // tamper: the size no longer matches what was signed
        final JsonNode error = post(jwt, signed.replace("\"size\":\"0.01\"", "\"size\":\"0.02\""), 400);
        assertThat(error.get("error").asText()).isEqualTo("INVALID_STARKNET_SIGNATURE");
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo(BigDecimal.ZERO);
        // the untampered request is accepted
        assertThat(post(jwt, signed, 201).get("status").asText()).isEqualTo("NEW");
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.positionBase(ACCOUNT, MARKET).signum() > 0);
    }

    @Test
    void shouldRefuseAuthenticationWithAnUnregisteredKey() {
        final ParadexAdapter intruder = newAdapter(ParadexSigner.randomPrivateKey());
        try {
            final Throwable e = failure(intruder.connect());
            assertThat(e).isInstanceOf(AuthenticationException.class);
            assertThat(((AuthenticationException) e).venueCode()).isEqualTo("INVALID_STARKNET_SIGNATURE");
        } finally {
            intruder.close();
        }
    }

    @Test
    void shouldApplyFaultSwitches() throws Exception {
        sim.rejectNextOrders(1, "NOT_ENOUGH_MARGIN");
        final Throwable rejected = failure(adapter.placeOrder(order("f-1", Side.BUY, OrderType.LIMIT, "0.01",
            bestAsk(), false)));
        assertThat(rejected).isInstanceOf(OrderRejectedException.class);
        assertThat(((OrderRejectedException) rejected).venueCode()).isEqualTo("NOT_ENOUGH_MARGIN");

        sim.respondWithStatus(503, 1);
        assertThat(failure(adapter.position(MARKET))).isInstanceOf(TransportException.class);
        sim.respondWithStatus(429, 1);
        assertThat(failure(adapter.position(MARKET))).isInstanceOf(RateLimitedException.class);

        sim.expireTokens();
        assertThat(adapter.position(MARKET).get(10, TimeUnit.SECONDS).isFlat()).isTrue();
    }

    @Test
    void shouldAnswerPingsAndRecoverFromDroppedConnections() throws Exception {
        restart(new MarketModel(MarketModel.Config.defaults(11)));
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.pongsReceived() > 0);
        final int before = invalidations.get();
        sim.dropConnections();
        // the book is invalidated on disconnect (observed by the listener), then valid again after resubscribing
        await().atMost(Duration.ofSeconds(5)).until(() -> invalidations.get() > before);
        await().atMost(Duration.ofSeconds(10)).until(() -> !adapter.isStale(MARKET));
        assertThat(adapter.isConnected()).isTrue();
        assertThat(sim.connectedClients()).isEqualTo(1);
    }

    @Test
    void shouldNotCreateASecondOrderForARepeatedClientOrderId() throws Exception {
        final OrderRequest req = order("d-1", Side.BUY, OrderType.LIMIT, "0.01", bestAsk() + fp("10"), false);
        final OrderUpdate first = adapter.placeOrder(req).get(10, TimeUnit.SECONDS);
        final OrderUpdate again = adapter.placeOrder(req).get(10, TimeUnit.SECONDS);
        assertThat(again.venueOrderId()).isEqualTo(first.venueOrderId());
        assertThat(again.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo("0.01");
    }

    @Test
    void shouldLookUpListCancelAndReportFillsPositionsAndStatus() throws Exception {
        final OrderUpdate filled = adapter.placeOrder(order("l-1", Side.BUY, OrderType.LIMIT, "0.08", fp("65000.1"), false))
            .get(10, TimeUnit.SECONDS);
        final OrderUpdate looked = adapter.orderStatus(MARKET, "l-1").get(10, TimeUnit.SECONDS);
        assertThat(looked.venueOrderId()).isEqualTo(filled.venueOrderId());
        assertThat(looked.filledSize()).isEqualTo(fp("0.05"));
        final Throwable missing = failure(adapter.orderStatus(MARKET, "never-sent"));
        assertThat(missing).isInstanceOf(OrderRejectedException.class);
        assertThat(((OrderRejectedException) missing).venueCode()).isEqualTo("NOT_FOUND");

        final java.util.List<dev.arb.api.Fill> fills = adapter.recentFills(MARKET, 0).get(10, TimeUnit.SECONDS);
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).price()).isEqualTo(fp("65000.1"));
        assertThat(fills.get(0).size()).isEqualTo(fp("0.05"));
        assertThat(fills.get(0).clientOrderId()).isEqualTo("l-1");
        assertThat(fills.get(0).liquidity()).isEqualTo(dev.arb.api.Liquidity.TAKER);
        assertThat(fills.get(0).feeUsd()).isEqualByComparingTo("0.9750015");

        adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.GTC).size(fp("0.001")).limitPrice(fp("66000")).clientOrderId("l-2").build())
            .get(10, TimeUnit.SECONDS);
        assertThat(adapter.openOrders(MARKET).get(10, TimeUnit.SECONDS)).extracting(OrderUpdate::clientOrderId)
            .containsExactly("l-2");
        adapter.cancelOrderByClientId(MARKET, "l-2").get(10, TimeUnit.SECONDS);
        assertThat(adapter.openOrders(null).get(10, TimeUnit.SECONDS)).isEmpty();

        assertThat(adapter.positions().get(10, TimeUnit.SECONDS)).singleElement()
            .satisfies(p -> assertThat(p.size()).isEqualTo(fp("0.05")));
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.venueStatus() == dev.arb.api.VenueStatus.OK);
    }

    @Test
    void shouldForgetTheOldestClosedOrdersAndFillsBeyondTheHistoryLimitButKeepOpenOnes() throws Exception {
        adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.SELL).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.GTC).size(fp("0.001")).limitPrice(fp("66000")).clientOrderId("rest-1").build())
            .get(10, TimeUnit.SECONDS);
        sim.historyLimit(2);
        for (int i = 1; i <= 5; i++) {
            final Side side = i % 2 == 1 ? Side.BUY : Side.SELL;
            final long limit = side == Side.BUY ? bestAsk() + fp("10") : bestBid() - fp("10");
            assertThat(adapter.placeOrder(order("h-" + i, side, OrderType.LIMIT, "0.01", limit, false))
                .get(10, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
        }
        final Throwable forgotten = failure(adapter.orderStatus(MARKET, "h-1"));
        assertThat(((OrderRejectedException) forgotten).venueCode()).isEqualTo("NOT_FOUND");
        assertThat(adapter.orderStatus(MARKET, "h-5").get(10, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(adapter.openOrders(MARKET).get(10, TimeUnit.SECONDS)).extracting(OrderUpdate::clientOrderId)
            .containsExactly("rest-1");
        assertThat(adapter.recentFills(MARKET, 0).get(10, TimeUnit.SECONDS)).extracting(dev.arb.api.Fill::clientOrderId)
            .containsExactlyInAnyOrder("h-5", "h-4");
        assertThat(sim.receivedClientIds(ACCOUNT)).containsExactly("h-4", "h-5");
        assertThat(sim.requestCount("POST", "/v1/orders")).isEqualTo(6);
    }

    @Test
    void shouldShowEveryFrameToTheWireTap() {
        final java.util.concurrent.atomic.AtomicInteger frames = new java.util.concurrent.atomic.AtomicInteger();
        adapter.setWireTap((venue, nanos, binary, data, offset, length) -> {
            if ("paradex".equals(venue) && !binary && new String(data, offset, length, java.nio.charset.StandardCharsets.UTF_8)
                .startsWith("{\"jsonrpc\"")) {
                frames.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.get() >= 3);
        adapter.setWireTap(null);
    }

    @Test
    void shouldRecoverALostAcknowledgementByClientOrderId() throws Exception {
        sim.dropNextOrderResponses(1);
        final OrderRequest req = order("lost-1", Side.BUY, OrderType.LIMIT, "0.01", fp("65010"), false);
        final Throwable lost = failure(adapter.placeOrder(req));
        assertThat(lost).isInstanceOfAny(TransportException.class, dev.arb.api.ExchangeTimeoutException.class);
        // the venue executed it: a retry with the same client order id must not trade again
        final OrderUpdate retried = adapter.placeOrder(req).get(10, TimeUnit.SECONDS);
        assertThat(retried.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo("0.01");
        assertThat(sim.requestCount("POST", "/v1/orders")).isEqualTo(2);
        assertThat(sim.requestCount("GET", "/v1/orders/by_client_id/lost-1")).isEqualTo(1);
    }

    @Test
    void shouldTimeOutOnDelayedAnswers() throws Exception {
        adapter.close();
        adapter = new ParadexAdapter(ParadexConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .chainId(sim.chainId()).accountAddress(ACCOUNT).privateKey(key).requestTimeoutMs(300).build());
        adapter.connect().get(10, TimeUnit.SECONDS);
        sim.delayResponses(2000);
        assertThat(failure(adapter.position(MARKET))).isInstanceOf(dev.arb.api.ExchangeTimeoutException.class);
        sim.delayResponses(0);
    }

    @Test
    void shouldMoveOnlyWhenAdvancedInManualStepping() throws Exception {
        tearDown();
        sim = ParadexSimulator.start(new MarketModel(MarketModel.Config.defaults(5)),
            ParadexSimulator.Options.builder().manualStepping(true).build());
        sim.registerAccount(ACCOUNT, new ParadexSigner(sim.chainId(), ACCOUNT, key).publicKey());
        adapter = newAdapter(key);
        adapter.connect().get(10, TimeUnit.SECONDS);
        final java.util.concurrent.atomic.AtomicInteger books = new java.util.concurrent.atomic.AtomicInteger();
        adapter.subscribeOrderBook(MARKET, b -> {
            synchronized (seen) {
                seen.copyFrom(b);
            }
            books.incrementAndGet();
        });
        // the snapshot must have reached the callback too (not only made the adapter's book fresh) before its
        // sequence is taken: nothing moves until advance(), so it is then stable
        await().atMost(Duration.ofSeconds(10)).until(() -> !adapter.isStale(MARKET) && books.get() > 0);
        final long seq;
        synchronized (seen) {
            seq = seen.sequence();
        }
        assertThat(sim.currentStep()).isZero();
        sim.advance();
        sim.advance();
        assertThat(sim.currentStep()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            synchronized (seen) {
                return seen.sequence() == seq + 2;
            }
        });
    }
}
