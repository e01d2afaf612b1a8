package dev.arb.paradex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.FixedPoint;
import dev.arb.api.InvalidOrderException;
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
import dev.arb.paradex.internal.ParadexTypedData;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against WireMock (REST) and a Netty WebSocket server, both on 127.0.0.1. */
class ParadexAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKET = "BTC-USD-PERP";
    private static final String ACCOUNT = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";
    private static final String MARKETS = "{\"results\":[{\"symbol\":\"BTC-USD-PERP\",\"base_currency\":\"BTC\","
        + "\"price_tick_size\":\"0.1\",\"order_size_increment\":\"0.00001\",\"min_notional\":\"10\"}]}";

    private WireMockServer wm;
    private TestWsServer ws;
    private ParadexAdapter adapter;

    static String jwt(final long expSeconds) {
        final Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + '.'
            + b64.encodeToString(("{\"sub\":\"" + ACCOUNT + "\",\"exp\":" + expSeconds + "}").getBytes(StandardCharsets.UTF_8))
            + ".c2ln";
    }

    @BeforeEach
    void setUp() throws Exception {
        wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        ws = new TestWsServer();
        wm.stubFor(get(urlEqualTo("/v1/markets")).willReturn(aResponse().withStatus(200).withBody(MARKETS)));
        stubAuth(System.currentTimeMillis() / 1000 + 300);
        adapter = newAdapter(5000);
        adapter.connect().get(10, TimeUnit.SECONDS);
    }

    private void stubAuth(final long exp) {
        wm.stubFor(post(urlEqualTo("/v1/auth")).willReturn(aResponse().withStatus(200)
            .withBody("{\"jwt_token\":\"" + jwt(exp) + "\"}")));
    }

    private ParadexAdapter newAdapter(final long timeoutMs) {
        return newAdapter(timeoutMs, true);
    }

    private ParadexAdapter newAdapter(final long timeoutMs, final boolean privateStreams) {
        return new ParadexAdapter(ParadexConfig.builder().restBaseUrl(wm.baseUrl() + "/v1").wsUrl(ws.url())
            .chainId("PRIVATE_SN_PARACLEAR_MAINNET").accountAddress(ACCOUNT).privateKey(ParadexSigner.randomPrivateKey())
            .requestTimeoutMs(timeoutMs).orderPollIntervalMs(10).reconnectDelayMs(50).privateStreams(privateStreams)
            .build());
    }

    @AfterEach
    void tearDown() {
        adapter.close();
        ws.close();
        wm.stop();
    }

    private static OrderRequest ioc(final String cid, final String size, final String price) {
        return OrderRequest.builder().market(MARKET).side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.IOC)
            .size(FixedPoint.parse(size, 8)).limitPrice(FixedPoint.parse(price, 8)).clientOrderId(cid).build();
    }

    private static Throwable failure(final CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            return e.getCause();
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the future to fail");
    }

    private void stubOrderError(final int status, final String body) {
        wm.stubFor(post(urlEqualTo("/v1/orders")).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void shouldAuthenticateWithSignedHeaders() {
        final List<LoggedRequest> auths = wm.findAll(postRequestedFor(urlEqualTo("/v1/auth")));
        assertThat(auths).hasSize(1);
        final LoggedRequest r = auths.get(0);
        assertThat(r.getHeader("PARADEX-STARKNET-ACCOUNT")).isEqualTo(ACCOUNT);
        final long ts = Long.parseLong(r.getHeader("PARADEX-TIMESTAMP"));
        final long exp = Long.parseLong(r.getHeader("PARADEX-SIGNATURE-EXPIRATION"));
        assertThat(exp).isGreaterThan(ts);
        assertThat(ts).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        final String sig = r.getHeader("PARADEX-STARKNET-SIGNATURE");
        assertThat(sig).matches("\\[\"\\d+\",\"\\d+\"]");
        final String[] rs = sig.substring(2, sig.length() - 2).split("\",\"");
        final String hash = ParadexTypedData.authMessageHash("PRIVATE_SN_PARACLEAR_MAINNET", ACCOUNT, ts, exp).hexString();
        assertThat(ParadexSigner.verify(adapter.signer().publicKey(), hash, new BigInteger(rs[0]), new BigInteger(rs[1])))
            .isTrue();
    }

    @Test
    void shouldSendSignedOrderAndPollUntilClosed() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/orders")).willReturn(aResponse().withStatus(201).withBody(
            "{\"id\":\"777\",\"market\":\"BTC-USD-PERP\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"0.002\","
                + "\"remaining_size\":\"0.002\",\"status\":\"NEW\",\"client_id\":\"c-1\",\"avg_fill_price\":\"\"}")));
        wm.stubFor(get(urlEqualTo("/v1/orders/777")).willReturn(aResponse().withStatus(200).withBody(
            "{\"id\":\"777\",\"market\":\"BTC-USD-PERP\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"0.002\","
                + "\"remaining_size\":\"0\",\"status\":\"CLOSED\",\"client_id\":\"c-1\",\"avg_fill_price\":\"65000.5\"}")));
        final OrderUpdate u = adapter.placeOrder(ioc("c-1", "0.002", "65001.1")).get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledSize()).isEqualTo(FixedPoint.parse("0.002", 8));
        assertThat(u.avgFillPrice()).isEqualTo(FixedPoint.parse("65000.5", 8));
        assertThat(u.venueOrderId()).isEqualTo("777");

        final LoggedRequest sent = wm.findAll(postRequestedFor(urlEqualTo("/v1/orders"))).get(0);
        assertThat(sent.getHeader("Authorization")).startsWith("Bearer ey");
        final JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.get("market").asText()).isEqualTo(MARKET);
        assertThat(body.get("side").asText()).isEqualTo("BUY");
        assertThat(body.get("type").asText()).isEqualTo("LIMIT");
        assertThat(body.get("size").asText()).isEqualTo("0.002");
        assertThat(body.get("price").asText()).isEqualTo("65001.1");
        assertThat(body.get("instruction").asText()).isEqualTo("IOC");
        assertThat(body.get("client_id").asText()).isEqualTo("c-1");
        assertThat(body.has("flags")).isFalse();
        final JsonNode sig = JSON.readTree(body.get("signature").asText());
        final String hash = ParadexTypedData.orderMessageHash("PRIVATE_SN_PARACLEAR_MAINNET", ACCOUNT,
            body.get("signature_timestamp").asLong(), MARKET, Side.BUY, OrderType.LIMIT, BigInteger.valueOf(200_000),
            new BigInteger("6500110000000")).hexString();
        assertThat(ParadexSigner.verify(adapter.signer().publicKey(), hash, new BigInteger(sig.get(0).asText()),
            new BigInteger(sig.get(1).asText()))).isTrue();
    }

    @Test
    void shouldSendReduceOnlyMarketOrderWithPriceZero() throws Exception {
        wm.stubFor(post(urlEqualTo("/v1/orders")).willReturn(aResponse().withStatus(201).withBody(
            "{\"id\":\"8\",\"side\":\"SELL\",\"size\":\"0.001\",\"remaining_size\":\"0.0004\",\"status\":\"CLOSED\","
                + "\"cancel_reason\":\"REMAINING_IOC_CANCEL\",\"avg_fill_price\":\"64000\"}")));
        final OrderUpdate u = adapter.placeOrder(OrderRequest.builder().market(MARKET).side(Side.SELL).type(OrderType.MARKET)
            .timeInForce(TimeInForce.IOC).size(FixedPoint.parse("0.001", 8)).reduceOnly(true).clientOrderId("m-1").build())
            .get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.filledSize()).isEqualTo(FixedPoint.parse("0.0006", 8));
        final JsonNode body = JSON.readTree(wm.findAll(postRequestedFor(urlEqualTo("/v1/orders"))).get(0).getBodyAsString());
        assertThat(body.get("price").asText()).isEqualTo("0");
        assertThat(body.get("type").asText()).isEqualTo("MARKET");
        assertThat(body.get("flags").get(0).asText()).isEqualTo("REDUCE_ONLY");
    }

    @Test
    void shouldMapVenueErrorToOrderRejectedWithCode() {
        stubOrderError(400, "{\"error\":\"INVALID_ORDER_SIZE\",\"message\":\"size too small\",\"data\":null}");
        final Throwable e = failure(adapter.placeOrder(ioc("c-2", "0.001", "65000")));
        assertThat(e).isInstanceOf(OrderRejectedException.class);
        assertThat(((OrderRejectedException) e).venueCode()).isEqualTo("INVALID_ORDER_SIZE");
        assertThat(((OrderRejectedException) e).venue()).isEqualTo("paradex");
    }

    @Test
    void shouldMap429ToRateLimited() {
        stubOrderError(429, "{\"error\":\"RATE_LIMIT_EXCEEDED\",\"message\":\"slow down\"}");
        assertThat(failure(adapter.placeOrder(ioc("c-3", "0.001", "65000")))).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void shouldMap5xxToTransport() {
        stubOrderError(503, "{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"timeout\"}");
        assertThat(failure(adapter.placeOrder(ioc("c-4", "0.001", "65000")))).isInstanceOf(TransportException.class);
    }

    @Test
    void shouldMap401ToAuthenticationAfterOneReauthentication() {
        stubOrderError(401, "{\"error\":\"INVALID_TOKEN\",\"message\":\"expired\"}");
        final Throwable e = failure(adapter.placeOrder(ioc("c-5", "0.001", "65000")));
        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.getMessage()).doesNotContain("ey");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/v1/auth")))).hasSize(2);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/v1/orders")))).hasSize(2);
    }

    @Test
    void shouldMapSignatureErrorToAuthentication() {
        stubOrderError(400, "{\"error\":\"INVALID_STARKNET_SIGNATURE\",\"message\":\"bad signature\"}");
        final Throwable e = failure(adapter.placeOrder(ioc("c-6", "0.001", "65000")));
        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(((AuthenticationException) e).venueCode()).isEqualTo("INVALID_STARKNET_SIGNATURE");
    }

    @Test
    void shouldTimeOut() {
        adapter.close();
        adapter = newAdapter(300);
        adapter.connect().join();
        wm.stubFor(post(urlEqualTo("/v1/orders")).willReturn(aResponse().withStatus(201).withFixedDelay(3000).withBody("{}")));
        assertThat(failure(adapter.placeOrder(ioc("c-7", "0.001", "65000")))).isInstanceOf(ExchangeTimeoutException.class);
    }

    @Test
    void shouldValidateClientSideBeforeSending() {
        assertThat(failure(adapter.placeOrder(ioc("v-1", "0.000015", "65000")))).isInstanceOf(InvalidOrderException.class);
        assertThat(failure(adapter.placeOrder(ioc("v-2", "0.001", "65000.05")))).isInstanceOf(InvalidOrderException.class);
        assertThat(failure(adapter.placeOrder(ioc("v-3", "0.0001", "65000")))).isInstanceOf(InvalidOrderException.class);
        assertThat(failure(adapter.placeOrder(OrderRequest.builder().market("NOPE").side(Side.BUY).type(OrderType.LIMIT)
            .size(1).limitPrice(1).clientOrderId("v-4").build()))).isInstanceOf(InvalidOrderException.class);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/v1/orders")))).isEmpty();
    }

    @Test
    void shouldResendSameSignedRequestOnRetryAndLookUpDuplicate() throws Exception {
        stubOrderError(503, "{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"try again\"}");
        assertThat(failure(adapter.placeOrder(ioc("r-1", "0.001", "65000")))).isInstanceOf(TransportException.class);
        stubOrderError(400, "{\"error\":\"DUPLICATED_CLIENT_ID\",\"message\":\"dup\"}");
        wm.stubFor(get(urlPathEqualTo("/v1/orders/by_client_id/r-1")).withQueryParam("market", equalTo(MARKET))
            .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"99\",\"side\":\"BUY\",\"size\":\"0.001\","
                + "\"remaining_size\":\"0\",\"status\":\"CLOSED\",\"avg_fill_price\":\"64999.9\",\"client_id\":\"r-1\"}")));
        final OrderUpdate u = adapter.placeOrder(ioc("r-1", "0.001", "65000")).get(10, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.venueOrderId()).isEqualTo("99");
        final List<LoggedRequest> posts = wm.findAll(postRequestedFor(urlEqualTo("/v1/orders")));
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).getBodyAsString()).isEqualTo(posts.get(0).getBodyAsString());
    }

    @Test
    void shouldCancelAndReadPosition() throws Exception {
        wm.stubFor(delete(urlEqualTo("/v1/orders/55")).willReturn(aResponse().withStatus(204)));
        wm.stubFor(get(urlEqualTo("/v1/positions")).willReturn(aResponse().withStatus(200).withBody(
            "{\"results\":[{\"market\":\"BTC-USD-PERP\",\"status\":\"OPEN\",\"side\":\"SHORT\",\"size\":\"-0.5\","
                + "\"average_entry_price\":\"65000\",\"unrealized_pnl\":\"1.5\",\"liquidation_price\":\"\","
                + "\"seq_no\":\"1722426261489298037\"}]}")));
        adapter.cancelOrder(MARKET, "55").get(10, TimeUnit.SECONDS);
        assertThat(wm.findAll(deleteRequestedFor(urlEqualTo("/v1/orders/55")))).hasSize(1);
        final Position p = adapter.position(MARKET).get(10, TimeUnit.SECONDS);
        assertThat(p.size()).isEqualTo(-FixedPoint.parse("0.5", 8));
        assertThat(p.entryPrice()).isEqualTo(FixedPoint.parse("65000", 8));
    }

    @Test
    void shouldReadTheMarginStateOverRestWithoutAnAccountPush() throws Exception {
        wm.stubFor(get(urlEqualTo("/v1/account")).willReturn(aResponse().withStatus(200).withBody(
            "{\"account\":\"0x1\",\"account_value\":\"2000\",\"maintenance_margin_requirement\":\"400\","
                + "\"status\":\"ACTIVE\",\"updated_at\":1700000000000}")));
        wm.stubFor(get(urlEqualTo("/v1/positions")).willReturn(aResponse().withStatus(200).withBody(
            "{\"results\":[{\"market\":\"BTC-USD-PERP\",\"status\":\"OPEN\",\"side\":\"LONG\",\"size\":\"0.2\","
                + "\"average_entry_price\":\"65000\",\"unrealized_pnl\":\"-1000\",\"liquidation_price\":\"57000\"}]}")));
        final dev.arb.api.MarginState m = adapter.marginState().get(10, TimeUnit.SECONDS);
        assertThat(m.accountValueUsd()).isEqualByComparingTo("2000");
        assertThat(m.maintenanceMarginUsd()).isEqualByComparingTo("400");
        assertThat(m.positions()).singleElement().satisfies(p -> {
            assertThat(p.markPriceUsd()).isEqualByComparingTo("60000");
            assertThat(p.liquidationPriceUsd()).isEqualByComparingTo("57000");
        });
        assertThat(m.distanceToLiquidationPct()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldRefreshTokenBeforeExpiry() throws Exception {
        stubAuth(System.currentTimeMillis() / 1000 + 30);
        adapter.close();
        // REST only: the private WebSocket's own authentication runs after connect() completes and would
        // race the counts below (it also calls token(), which refreshes a 30 s token)
        adapter = newAdapter(5000, false);
        adapter.connect().get(10, TimeUnit.SECONDS);
        wm.stubFor(get(urlEqualTo("/v1/positions")).willReturn(aResponse().withStatus(200).withBody("{\"results\":[]}")));
        final int before = wm.findAll(postRequestedFor(urlEqualTo("/v1/auth"))).size();
        adapter.position(MARKET).get(10, TimeUnit.SECONDS);
        // a token expiring within jwtRefreshBeforeExpiryMs (60 s) is refreshed before use
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/v1/auth")))).hasSize(before + 1);
        stubAuth(System.currentTimeMillis() / 1000 + 300);
        adapter.position(MARKET).get(10, TimeUnit.SECONDS);
        adapter.position(MARKET).get(10, TimeUnit.SECONDS);
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/v1/auth")))).hasSize(before + 2);
    }

    @Test
    void shouldSubscribeApplyBooksAnswerPingsAndResubscribeAfterDrop() throws Exception {
        final java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();
        adapter.subscribeOrderBook(MARKET, b -> updates.incrementAndGet());
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.received.stream()
            .anyMatch(m -> m.contains("\"subscribe\"") && m.contains("order_book.BTC-USD-PERP.snapshot@15@50ms")));
        assertThat(adapter.isStale(MARKET)).isTrue();
        assertThat(adapter.bookAgeMs(MARKET)).isEqualTo(Long.MAX_VALUE);
        ws.push(BookFeedTest.resource("ws-orderbook-snapshot.json"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !adapter.isStale(MARKET));
        assertThat(adapter.bookAgeMs(MARKET)).isLessThan(5000);

        ws.push("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{garbage");
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.malformedMessages() == 1);
        assertThat(adapter.isConnected()).isTrue();

        ws.ping();
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.pongs.get() >= 1);

        final int subscribesBefore = (int) ws.received.stream().filter(m -> m.contains("\"subscribe\"")).count();
        ws.dropClients();
        await().atMost(Duration.ofSeconds(5)).until(() -> adapter.isStale(MARKET));
        await().atMost(Duration.ofSeconds(10)).until(() -> ws.received.stream()
            .filter(m -> m.contains("\"subscribe\"")).count() > subscribesBefore);
        assertThat(adapter.isConnected()).isTrue();
    }

    @Test
    void shouldSubscribeTheSummaryWithTheBookAndReportItsFundingRatePerHour() throws Exception {
        assertThat(adapter.fundingRatePerHour(MARKET)).isNaN();
        adapter.subscribeOrderBook(MARKET, b -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.received.stream()
            .anyMatch(m -> m.contains("\"subscribe\"") && m.contains("\"markets_summary.BTC-USD-PERP\"")));
        assertThat(adapter.fundingRatePerHour(MARKET)).isNaN();
        ws.push("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"markets_summary.BTC-USD-PERP\","
            + "\"data\":{\"symbol\":\"BTC-USD-PERP\",\"funding_rate\":\"0.00008\",\"created_at\":1718267837300}}}");
        // GET /markets gave no funding_period_hours: Paradex's default period of 8 h
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(adapter.fundingRatePerHour(MARKET)).isCloseTo(0.00001, org.assertj.core.data.Offset.offset(1e-18)));
        assertThat(adapter.fundingRatePerHour("ETH-USD-PERP")).isNaN();
    }

    @Test
    void shouldNormaliseTheFundingRateByTheMarketsFundingPeriod() throws Exception {
        adapter.close();
        wm.stubFor(get(urlEqualTo("/v1/markets")).willReturn(aResponse().withStatus(200)
            .withBody(MARKETS.replace("\"min_notional\":\"10\"", "\"min_notional\":\"10\",\"funding_period_hours\":4"))));
        adapter = newAdapter(5000);
        adapter.connect().get(10, TimeUnit.SECONDS);
        adapter.subscribeOrderBook(MARKET, b -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.received.stream()
            .anyMatch(m -> m.contains("\"subscribe\"") && m.contains("\"markets_summary.BTC-USD-PERP\"")));
        ws.push("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"markets_summary.BTC-USD-PERP\","
            + "\"data\":{\"symbol\":\"BTC-USD-PERP\",\"funding_rate\":\"-0.0002\"}}}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(adapter.fundingRatePerHour(MARKET)).isCloseTo(-0.00005, org.assertj.core.data.Offset.offset(1e-18)));
    }

    @Test
    void shouldNeverPrintThePrivateKey() {
        final Secret key = ParadexSigner.randomPrivateKey();
        final ParadexConfig c = ParadexConfig.production().accountAddress(ACCOUNT).privateKey(key).build();
        assertThat(c.toString()).doesNotContain(key.reveal().substring(2));
        assertThat(c.restBaseUrl()).isEqualTo("https://api.prod.paradex.trade/v1");
        assertThat(ParadexConfig.testnet().build().chainId()).isEqualTo("PRIVATE_SN_POTC_SEPOLIA");
    }

    @Test
    void shouldReopenASilentStream() throws Exception {
        adapter.close();
        adapter = new ParadexAdapter(ParadexConfig.builder().restBaseUrl(wm.baseUrl() + "/v1").wsUrl(ws.url())
            .chainId("PRIVATE_SN_PARACLEAR_MAINNET").streamIdleTimeoutMs(300).reconnectDelayMs(50).build());
        final int before = ws.handshakes.get();
        adapter.connect().get(10, TimeUnit.SECONDS);
        // the test server sends nothing: the adapter closes the silent connection and opens a new one
        await().atMost(Duration.ofSeconds(10)).until(() -> ws.handshakes.get() >= before + 3);
    }
}
