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

    private ParadexSimulator sim;
    private ParadexAdapter adapter;
    private Secret key;
    private final OrderBook seen = new OrderBook("paradex", MARKET, 8, 8, 16);
    private final java.util.concurrent.atomic.AtomicInteger invalidations = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        sim = ParadexSimulator.start(new MarketModel(MarketModel.Config.defaults(7)),
            ParadexSimulator.Options.builder().pingIntervalMs(100).build());
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
        }
        sim.close();
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
    void shouldAuthenticateAndStreamAValidTickAlignedBook() {
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
        assertThat(buy.avgFillPrice()).isPositive().isLessThanOrEqualTo(limit);
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
        // level 0 holds 0.05 BTC; a buy limited to the best ask can take only that level
        final OrderUpdate u = adapter.placeOrder(order("p-1", Side.BUY, OrderType.LIMIT, "0.08", bestAsk(), false))
            .get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isIn(OrderStatus.CANCELED, OrderStatus.FILLED);
        if (u.status() == OrderStatus.CANCELED) {
            assertThat(u.filledSize()).isLessThan(fp("0.08"));
        }
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo(FixedPoint.toBigDecimal(u.filledSize(), 8));
    }

    @Test
    void shouldRejectReduceOnlyThatWouldIncrease() {
        final Throwable e = failure(adapter.placeOrder(order("r-1", Side.SELL, OrderType.MARKET, "0.01", 0, true)));
        assertThat(e).isInstanceOf(OrderRejectedException.class);
        assertThat(((OrderRejectedException) e).venueCode()).isEqualTo("REDUCE_ONLY_WILL_INCREASE");
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void shouldRejectTamperedOrderSignature() throws Exception {
        final ParadexSigner signer = new ParadexSigner(sim.chainId(), ACCOUNT, key);
        final HttpClient http = HttpClient.newHttpClient();
        final long now = System.currentTimeMillis() / 1000;
        final ParadexSignature auth = signer.signAuth(now, now + 600);
        final HttpResponse<String> authResp = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/auth"))
            .POST(HttpRequest.BodyPublishers.noBody()).header("PARADEX-STARKNET-ACCOUNT", ACCOUNT)
            .header("PARADEX-STARKNET-SIGNATURE", auth.wireString()).header("PARADEX-TIMESTAMP", Long.toString(now))
            .header("PARADEX-SIGNATURE-EXPIRATION", Long.toString(now + 600)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authResp.statusCode()).isEqualTo(200);
        final String jwt = JSON.readTree(authResp.body()).get("jwt_token").asText();
        final long ts = System.currentTimeMillis();
        final String price = FixedPoint.formatTrimmed(bestAsk(), 8);
        final ParadexSignature sig = signer.signOrder(ts, MARKET, Side.BUY, OrderType.LIMIT, "0.01", price);
        final String body = JSON.createObjectNode().put("market", MARKET).put("side", "BUY").put("type", "LIMIT")
            .put("size", "0.02").put("price", price).put("instruction", "IOC").put("client_id", "t-1")
            .put("signature", sig.wireString()).put("signature_timestamp", ts).toString();
        final HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/orders"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + jwt).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(400);
        final JsonNode error = JSON.readTree(resp.body());
        assertThat(error.get("error").asText()).isEqualTo("INVALID_STARKNET_SIGNATURE");
        assertThat(sim.positionBase(ACCOUNT, MARKET)).isEqualByComparingTo(BigDecimal.ZERO);
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
    void shouldAnswerPingsAndRecoverFromDroppedConnections() {
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
}
