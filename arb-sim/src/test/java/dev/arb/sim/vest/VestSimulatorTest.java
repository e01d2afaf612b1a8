package dev.arb.sim.vest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.ExchangeException;
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
import dev.arb.api.TransportException;
import dev.arb.sim.MarketModel;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import dev.arb.vest.VestSignature;
import dev.arb.vest.VestSigner;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VestSimulatorTest {
    private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    private VestSimulator sim;
    private VestAdapter adapter;
    private String apiKey;
    private final AtomicLong bestBid = new AtomicLong();
    private final AtomicLong bestAsk = new AtomicLong();
    private final AtomicLong askSize0 = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        sim = VestSimulator.start(new MarketModel(MarketModel.Config.defaults(7)), VestSimulator.Options.defaults());
        final VestSigner signer = VestSigner.fromPrivateKey(Secret.of(KEY));
        apiKey = sim.registerSigner(signer.address());
        adapter = new VestAdapter(VestConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(apiKey)).signingKey(Secret.of(KEY)).pingIntervalMs(100).orderPollIntervalMs(10)
            .ordersPerSecond(1000).restCallsPerSecond(1000).rateLimitBackoffMs(20).build());
        adapter.subscribeOrderBook("BTC-PERP", book -> {
            if (book.isValid()) {
                bestBid.set(book.bestBid());
                bestAsk.set(book.bestAsk());
                askSize0.set(book.askSize(0));
            }
        });
        adapter.connect().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> !adapter.isStale("BTC-PERP"));
    }

    @AfterEach
    void stop() {
        adapter.close();
        sim.close();
    }

    private static Throwable failure(final CompletableFuture<?> f) throws Exception {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private OrderRequest buy(final String cid, final long size, final long limit) {
        return OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.LIMIT).size(size)
            .limitPrice(limit).clientOrderId(cid).build();
    }

    @Test
    void shouldDeliverAValidTwentyLevelBookAndKeepItFresh() throws Exception {
        assertThat(adapter.isConnected()).isTrue();
        assertThat(adapter.marketSpec("BTC-PERP").priceScale()).isEqualTo(2);
        assertThat(bestBid.get()).isPositive().isLessThan(bestAsk.get());
        final OrderBook copy = adapter.orderBook("BTC-PERP");
        final CompletableFuture<int[]> levels = new CompletableFuture<>();
        adapter.subscribeOrderBook("BTC-PERP", b -> levels.complete(new int[] {b.bidLevels(), b.askLevels()}));
        assertThat(levels.get(5, TimeUnit.SECONDS)).containsExactly(20, 20);
        assertThat(copy.symbol()).isEqualTo("BTC-PERP");
        final long step = sim.currentStep();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.currentStep() > step + 2);
        assertThat(adapter.bookAgeMs("BTC-PERP")).isLessThan(5000);
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.pongsReceived() > 0);
        assertThat(adapter.malformedMessages()).isZero();
        assertThat(adapter.crossedBooks()).isZero();
    }

    @Test
    void shouldFillAnIocBuyAndChangeThePosition() throws Exception {
        final OrderUpdate u = adapter.placeOrder(buy("ioc-1", 100, bestAsk.get() + 5_000)).get(5, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledSize()).isEqualTo(100);
        assertThat(u.avgFillPrice()).isPositive();
        assertThat(u.feeUsd()).isPositive();
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo("0.0100");
        final Position p = adapter.position("BTC-PERP").get(5, TimeUnit.SECONDS);
        assertThat(p.size()).isEqualTo(100);

        final OrderRequest sell = OrderRequest.builder().market("BTC-PERP").side(Side.SELL).type(OrderType.MARKET)
            .size(40).limitPrice(bestBid.get() - 5_000).reduceOnly(true).clientOrderId("close-1").build();
        assertThat(adapter.placeOrder(sell).get(5, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo("0.0060");
    }

    @Test
    void shouldReportAPartialFillWhenTheLimitRunsOut() throws Exception {
        final long limit = bestAsk.get();
        final OrderUpdate u = adapter.placeOrder(buy("partial-1", 100_000_000L, limit)).get(5, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.filledSize()).isPositive().isLessThan(100_000_000L);
        assertThat(u.avgFillPrice()).isLessThanOrEqualTo(limit);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo(BigDecimal.valueOf(u.filledSize(), 4));
    }

    @Test
    void shouldNeverPlaceASecondOrderWhenAClientOrderIdIsRetried() throws Exception {
        final OrderRequest r = buy("same-1", 100, bestAsk.get() + 5_000);
        final OrderUpdate first = adapter.placeOrder(r).get(5, TimeUnit.SECONDS);
        final OrderUpdate second = adapter.placeOrder(r).get(5, TimeUnit.SECONDS);
        assertThat(second.venueOrderId()).isEqualTo(first.venueOrderId());
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo("0.0100");
    }

    @Test
    void shouldRejectAReduceOnlyOrderThatIncreasesThePosition() throws Exception {
        final OrderRequest r = OrderRequest.builder().market("BTC-PERP").side(Side.BUY).size(100)
            .limitPrice(bestAsk.get() + 5_000).reduceOnly(true).clientOrderId("ro-1").build();
        final Throwable t = failure(adapter.placeOrder(r));
        assertThat(t).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) t).venueCode()).isEqualTo("3018");
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isZero();
    }

    @Test
    void shouldSurfaceInjectedFaultsAsTypedErrors() throws Exception {
        sim.rejectNextOrders(1, 3001);
        final Throwable rejected = failure(adapter.placeOrder(buy("f-1", 100, bestAsk.get() + 5_000)));
        assertThat(rejected).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) rejected).venueCode()).isEqualTo("3001");
        sim.respondWithStatus(429, 3); // more than the adapter's 2 identical resends
        assertThat(failure(adapter.placeOrder(buy("f-2", 100, bestAsk.get() + 5_000))))
            .isInstanceOf(RateLimitedException.class);
        assertThat(sim.requestCount("POST", "/v2/orders")).isEqualTo(4);
        assertThat(sim.receivedOrderNonces(apiKey)).isEmpty();
        sim.respondWithStatus(503, 1);
        assertThat(failure(adapter.position("BTC-PERP"))).isInstanceOf(TransportException.class);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isZero();
        assertThat(adapter.placeOrder(buy("f-3", 100, bestAsk.get() + 5_000)).get(5, TimeUnit.SECONDS).status())
            .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldForgetTheOldestFinishedOrdersBeyondTheHistoryLimitButCountEveryRequest() throws Exception {
        sim.historyLimit(3);
        final java.util.List<OrderUpdate> placed = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            final OrderRequest r = i % 2 == 0 ? buy("h-" + i, 100, bestAsk.get() + 5_000)
                : OrderRequest.builder().market("BTC-PERP").side(Side.SELL).type(OrderType.LIMIT).size(100)
                    .limitPrice(bestBid.get() - 5_000).clientOrderId("h-" + i).build();
            placed.add(adapter.placeOrder(r).get(5, TimeUnit.SECONDS));
        }
        assertThat(sim.requestCount("POST", "/v2/orders")).isEqualTo(5);
        final java.util.List<Long> arrivals = sim.requestArrivalsMs("POST", "/v2/orders");
        assertThat(arrivals).hasSize(3).isSorted();
        final java.util.List<Long> nonces = sim.receivedOrderNonces(apiKey);
        assertThat(nonces).hasSize(3).isSorted();
        final Throwable forgotten = failure(adapter.cancelOrder("BTC-PERP", placed.get(0).venueOrderId()));
        assertThat(((ExchangeException) forgotten).venueCode()).isEqualTo("3017");
        adapter.cancelOrder("BTC-PERP", placed.get(4).venueOrderId()).get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> sim.historyLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCancelKnownOrdersAndRejectUnknownOnes() throws Exception {
        final OrderUpdate u = adapter.placeOrder(buy("c-1", 100, bestAsk.get() + 5_000)).get(5, TimeUnit.SECONDS);
        adapter.cancelOrder("BTC-PERP", u.venueOrderId()).get(5, TimeUnit.SECONDS);
        final Throwable t = failure(adapter.cancelOrder("BTC-PERP", "0xdead"));
        assertThat(((ExchangeException) t).venueCode()).isEqualTo("3017");
    }

    @Test
    void shouldInvalidateBooksOnADropAndRecoverOnReconnect() throws Exception {
        sim.dropConnections();
        await().atMost(Duration.ofSeconds(5)).until(() -> !adapter.isConnected());
        assertThat(adapter.isStale("BTC-PERP")).isTrue();
        adapter.reconnect().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> !adapter.isStale("BTC-PERP"));
        assertThat(adapter.isConnected()).isTrue();
    }

    // ---------------------------------------------------------------- raw HTTP against the simulator

    private HttpResponse<String> postOrder(final String key, final String body) throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/orders"))
            .header("X-API-KEY", key).header("xrestservermm", "restserver0").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String orderBody(final long time, final String size, final String price, final String signature) {
        return "{\"order\":{\"time\":" + time + ",\"nonce\":" + time + ",\"symbol\":\"BTC-PERP\",\"isBuy\":true,"
            + "\"size\":\"" + size + "\",\"orderType\":\"MARKET\",\"limitPrice\":\"" + price
            + "\",\"reduceOnly\":false},\"recvWindow\":5000,\"signature\":\"" + signature + "\"}";
    }

    @Test
    void shouldRejectATamperedSignatureWith1022() throws Exception {
        final long time = System.currentTimeMillis();
        final VestSignature sig = VestSigner.fromPrivateKey(Secret.of(KEY)).signOrder(time, time, "MARKET",
            "BTC-PERP", true, "0.0100", "99999.00", false);
        // signed 0.0100 but the body says 0.0200: the recovered signer differs
        final HttpResponse<String> tampered = postOrder(apiKey, orderBody(time, "0.0200", "99999.00",
            sig.signatureHex()));
        assertThat(tampered.statusCode()).isEqualTo(400);
        final JsonNode err = new ObjectMapper().readTree(tampered.body());
        assertThat(err.get("code").asInt()).isEqualTo(1022);
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isZero();

        final String flipped = sig.signatureHex().substring(0, 10) + (sig.signatureHex().charAt(10) == 'a' ? 'b' : 'a')
            + sig.signatureHex().substring(11);
        final HttpResponse<String> badSig = postOrder(apiKey, orderBody(time, "0.0100", "99999.00", flipped));
        assertThat(new ObjectMapper().readTree(badSig.body()).get("code").asInt()).isEqualTo(1022);

        final HttpResponse<String> ok = postOrder(apiKey, orderBody(time, "0.0100", "99999.00", sig.signatureHex()));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(ok.body()).get("status").asText()).isEqualTo("FILLED");
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isEqualByComparingTo("0.0100");
    }

    @Test
    void shouldRegisterASignerFromAnEip712ProofAndTradeWithTheNewKey() throws Exception {
        final String primaryKey = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
        final String primary = VestSigner.fromPrivateKey(Secret.of(primaryKey)).address();
        final String signingAddr = VestSigner.fromPrivateKey(Secret.of(KEY)).address();
        final long expiry = System.currentTimeMillis() + 7 * 24 * 3_600_000L;
        final VestSignature proof = VestSigner.signRegistration(Secret.of(primaryKey), signingAddr,
            VestConfig.PROD_VERIFYING_CONTRACT, expiry);
        final HttpClient http = HttpClient.newHttpClient();
        final java.util.function.Function<String, HttpResponse<String>> register = body -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/register"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        final String good = "{\"signingAddr\":\"" + signingAddr + "\",\"primaryAddr\":\"" + primary
            + "\",\"signature\":\"" + proof.signatureHex() + "\",\"expiryTime\":" + expiry + ",\"networkType\":0}";
        final JsonNode answer = new ObjectMapper().readTree(register.apply(good).body());
        assertThat(answer.get("accGroup").asInt()).isZero();
        final String newKey = answer.get("apiKey").asText();
        assertThat(newKey).isNotEqualTo(apiKey);
        final String forged = good.replace("\"expiryTime\":" + expiry, "\"expiryTime\":" + (expiry + 1));
        final HttpResponse<String> bad = register.apply(forged);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(bad.body()).get("code").asInt()).isEqualTo(1022);

        try (VestAdapter second = new VestAdapter(VestConfig.builder().restBaseUrl(sim.restBaseUrl()).wsUrl(sim.wsUrl())
            .apiKey(Secret.of(newKey)).signingKey(Secret.of(KEY)).build())) {
            second.loadMarkets().get(5, TimeUnit.SECONDS);
            assertThat(second.placeOrder(buy("reg-1", 100, bestAsk.get() + 5_000)).get(5, TimeUnit.SECONDS).status())
                .isEqualTo(OrderStatus.FILLED);
        }
        assertThat(sim.positionBase(newKey, "BTC-PERP")).isEqualByComparingTo("0.0100");
        assertThat(sim.positionBase(apiKey, "BTC-PERP")).isZero();
    }

    @Test
    void shouldRejectUnknownKeysWrongDecimalsAndUnknownSymbols() throws Exception {
        final long time = System.currentTimeMillis();
        final VestSigner signer = VestSigner.fromPrivateKey(Secret.of(KEY));
        final VestSignature sig = signer.signOrder(time, time, "MARKET", "BTC-PERP", true, "0.0100", "99999.00", false);
        final ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(postOrder("nope", orderBody(time, "0.0100", "99999.00", sig.signatureHex())).body())
            .get("code").asInt()).isEqualTo(1002);
        final VestSignature shortSize = signer.signOrder(time, time, "MARKET", "BTC-PERP", true, "0.01", "99999.00",
            false);
        assertThat(m.readTree(postOrder(apiKey, orderBody(time, "0.01", "99999.00", shortSize.signatureHex())).body())
            .get("code").asInt()).isEqualTo(1111);
        final String unknown = orderBody(time, "0.0100", "99999.00", sig.signatureHex()).replace("BTC-PERP", "NQ-PERP");
        assertThat(m.readTree(postOrder(apiKey, unknown).body()).get("code").asInt()).isEqualTo(1121);
    }
}
