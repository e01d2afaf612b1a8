package dev.arb.vest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
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
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VestAdapterRestTest {
    private static final String KEY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
    private static final String API_KEY = "test-api-key-123";

    private WireMockServer server;
    private VestAdapter adapter;

    private static String resource(final String name) throws Exception {
        try (InputStream in = VestAdapterRestTest.class.getResourceAsStream("/vest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/v2/exchangeInfo"))
            .willReturn(aResponse().withStatus(200).withBody(resource("rest-exchangeinfo.json"))));
        adapter = new VestAdapter(VestConfig.builder().restBaseUrl("http://127.0.0.1:" + server.port() + "/v2")
            .wsUrl("ws://127.0.0.1:1/ws-api?version=1.0").accountGroup(3).apiKey(Secret.of(API_KEY))
            .signingKey(Secret.of(KEY)).requestTimeoutMs(1500).orderPollIntervalMs(10).orderPollAttempts(3)
            .ordersPerSecond(1000).restCallsPerSecond(1000).build());
        adapter.loadMarkets().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        adapter.close();
        server.stop();
    }

    private static OrderRequest ioc(final String cid) {
        return OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.LIMIT).size(1000)
            .limitPrice(6_500_000).clientOrderId(cid).build();
    }

    private static Throwable failure(final CompletableFuture<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }

    private void stubOrder(final int status, final String body) {
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void shouldParseExchangeInfoIntoMarketSpecs() {
        final MarketSpec spec = adapter.marketSpec("BTC-PERP");
        assertThat(spec.venue()).isEqualTo("vest");
        assertThat(spec.priceScale()).isEqualTo(2);
        assertThat(spec.sizeScale()).isEqualTo(4);
        assertThat(spec.tickSize()).isEqualTo(1);
        assertThat(spec.stepSize()).isEqualTo(1);
        assertThat(spec.minSize()).isEqualTo(1);
        assertThat(spec.takerFeeRate()).isEqualByComparingTo("0.0001");
        assertThat(spec.baseAsset()).isEqualTo("BTC");
        server.verify(getRequestedFor(urlPathEqualTo("/v2/exchangeInfo")).withHeader("xrestservermm",
            equalTo("restserver3")));
        assertThatThrownBy(() -> adapter.marketSpec("NOPE-PERP")).isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void shouldParseTheAccountFixtureIntoASignedPosition() throws Exception {
        server.stubFor(get(urlPathEqualTo("/v2/account"))
            .willReturn(aResponse().withStatus(200).withBody(resource("rest-account.json"))));
        final Position p = adapter.position("BTC-PERP").get(5, TimeUnit.SECONDS);
        assertThat(p.size()).isEqualTo(1000L);
        assertThat(p.sizeDecimal()).isEqualByComparingTo("0.1");
        assertThat(p.entryPrice()).isEqualTo(3000L);
        assertThat(p.unrealizedPnlUsd()).isEqualByComparingTo("-30");
        server.verify(getRequestedFor(urlPathEqualTo("/v2/account")).withQueryParam("time", matching("\\d{13}"))
            .withHeader("X-API-KEY", equalTo(API_KEY)).withHeader("xrestservermm", equalTo("restserver3")));
    }

    @Test
    void shouldReadTheMarginStateFromTheAccountFixture() throws Exception {
        server.stubFor(get(urlPathEqualTo("/v2/account"))
            .willReturn(aResponse().withStatus(200).withBody(resource("rest-account.json"))));
        final dev.arb.api.MarginState m = adapter.marginState().get(5, TimeUnit.SECONDS);
        assertThat(m.venue()).isEqualTo("vest");
        assertThat(m.accountValueUsd()).isEqualByComparingTo("200000.12");
        assertThat(m.maintenanceMarginUsd()).isEqualByComparingTo("123232.12");
        assertThat(m.timestampMs()).isEqualTo(1233333333333L);
        assertThat(m.positions()).singleElement().satisfies(p -> {
            assertThat(p.market()).isEqualTo("BTC-PERP");
            assertThat(p.size()).isEqualByComparingTo("0.1");
            assertThat(p.markPriceUsd()).isEqualByComparingTo("30");
            assertThat(p.liquidationPriceUsd()).isEqualByComparingTo("20");
        });
        // a long at mark 30 liquidated at 20: one third away
        assertThat(m.distanceToLiquidationPct()).isCloseTo(33.333, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void shouldReadAShortMarginPositionAsNegativeAndSkipZeroSizes() throws Exception {
        server.stubFor(get(urlPathEqualTo("/v2/account")).willReturn(aResponse().withStatus(200).withBody(
            "{\"totalAccountValue\":\"1000\",\"totalMaintMargin\":\"50\",\"positions\":["
            + "{\"symbol\":\"ETH-PERP\",\"isLong\":true,\"size\":\"0\"},"
            + "{\"symbol\":\"BTC-PERP\",\"isLong\":false,\"size\":\"0.2500\",\"markPrice\":\"100\","
            + "\"liqPrice\":\"108\"}]}")));
        final dev.arb.api.MarginState m = adapter.marginState().get(5, TimeUnit.SECONDS);
        assertThat(m.positions()).singleElement().satisfies(p -> assertThat(p.size()).isEqualByComparingTo("-0.25"));
        assertThat(m.distanceToLiquidationPct()).isCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.timestampMs()).isPositive();
    }

    @Test
    void shouldFailATypedErrorOnAnUnreadableMarginNumber() {
        server.stubFor(get(urlPathEqualTo("/v2/account")).willReturn(aResponse().withStatus(200).withBody(
            "{\"totalAccountValue\":\"lots\",\"totalMaintMargin\":\"50\",\"positions\":[]}")));
        assertThatThrownBy(() -> adapter.marginState().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(
            dev.arb.api.MalformedMessageException.class).hasMessageContaining("totalAccountValue");
    }

    @Test
    void shouldReportAShortPositionAsNegative() throws Exception {
        server.stubFor(get(urlPathEqualTo("/v2/account")).willReturn(aResponse().withStatus(200).withBody(
            "{\"positions\":[{\"symbol\":\"BTC-PERP\",\"isLong\":false,\"size\":\"0.2500\",\"entryPrice\":\"65000.5\"}]}")));
        final Position p = adapter.position("BTC-PERP").get(5, TimeUnit.SECONDS);
        assertThat(p.size()).isEqualTo(-2500L);
        assertThat(p.entryPrice()).isEqualTo(6_500_050L);
    }

    @Test
    void shouldSendASignedOrderWithExactDecimalsAndHeaders() throws Exception {
        stubOrder(200, "{\"id\":\"0xabc\",\"status\":\"FILLED\",\"lastFilledSize\":\"0.1000\","
            + "\"avgFilledPrice\":\"64999.995\",\"fees\":\"0.65\",\"postTime\":1700000000000}");
        final OrderUpdate u = adapter.placeOrder(ioc("c-1")).get(5, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.venueOrderId()).isEqualTo("0xabc");
        assertThat(u.filledSize()).isEqualTo(1000L);
        assertThat(u.avgFillPrice()).isEqualTo(6_500_000L);
        assertThat(u.feeUsd()).isEqualByComparingTo(new BigDecimal("0.65"));
        assertThat(u.clientOrderId()).isEqualTo("c-1");

        final List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/v2/orders")));
        assertThat(sent).hasSize(1);
        final LoggedRequest req = sent.get(0);
        assertThat(req.getHeader("X-API-KEY")).isEqualTo(API_KEY);
        assertThat(req.getHeader("xrestservermm")).isEqualTo("restserver3");
        assertThat(req.getHeader("Content-Type")).startsWith("application/json");
        final JsonNode body = new ObjectMapper().readTree(req.getBodyAsString());
        final JsonNode o = body.get("order");
        assertThat(o.get("size").asText()).isEqualTo("0.1000");
        assertThat(o.get("limitPrice").asText()).isEqualTo("65000.00");
        assertThat(o.get("orderType").asText()).isEqualTo("LIMIT");
        assertThat(o.get("timeInForce").asText()).isEqualTo("IOC");
        assertThat(o.get("isBuy").asBoolean()).isTrue();
        assertThat(o.get("reduceOnly").asBoolean()).isFalse();
        assertThat(body.get("recvWindow").asLong()).isEqualTo(5000L);
        final VestSignature expected = VestSigner.fromPrivateKey(Secret.of(KEY)).signOrder(o.get("time").asLong(),
            o.get("nonce").asLong(), "LIMIT", "BTC-PERP", true, "0.1000", "65000.00", false);
        // pre-signed (VestConfig.presign, the default): a random nonce, so the same hash but not the RFC 6979 bytes
        assertThat(VestSigner.recoverOrderSigner(expected.hashHex(), body.get("signature").asText()))
            .isEqualTo(adapter.signerAddress());
    }

    @Test
    void shouldResendTheIdenticalSignedRequestWhenAClientOrderIdIsRetried() throws Exception {
        stubOrder(503, "");
        assertThat(failure(adapter.placeOrder(ioc("retry-1")))).isInstanceOf(TransportException.class);
        stubOrder(200, "{\"id\":\"0x1\",\"status\":\"FILLED\"}");
        assertThat(adapter.placeOrder(ioc("retry-1")).get(5, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
        adapter.placeOrder(ioc("other-2")).get(5, TimeUnit.SECONDS);
        final List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/v2/orders")));
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
        final ObjectMapper m = new ObjectMapper();
        final long n0 = m.readTree(sent.get(0).getBodyAsString()).get("order").get("nonce").asLong();
        final long n2 = m.readTree(sent.get(2).getBodyAsString()).get("order").get("nonce").asLong();
        assertThat(n2).isGreaterThan(n0);
        final OrderRequest changed = OrderRequest.builder().market("BTC-PERP").side(Side.SELL).size(1000)
            .limitPrice(6_500_000).clientOrderId("retry-1").build();
        assertThat(failure(adapter.placeOrder(changed))).isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void shouldPollANonTerminalIocAnswerAndReportAPartialFillAsCanceled() throws Exception {
        stubOrder(200, "{\"id\":\"0x5\"}");
        server.stubFor(get(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(200).withBody(
            "[{\"id\":\"0x5\",\"status\":\"FILLED\",\"size\":\"0.1000\",\"lastFilledSize\":\"0.0400\","
                + "\"avgFilledPrice\":\"65000.10\",\"fees\":\"0.26\"}]")));
        final OrderUpdate u = adapter.placeOrder(ioc("poll-1")).get(5, TimeUnit.SECONDS);
        assertThat(u.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.filledSize()).isEqualTo(400L);
        assertThat(u.avgFillPrice()).isEqualTo(6_500_010L);
        server.verify(getRequestedFor(urlPathEqualTo("/v2/orders")).withQueryParam("id", equalTo("0x5"))
            .withQueryParam("time", matching("\\d{13}")));
    }

    @Test
    void shouldFailWithATimeoutWhenTheOrderNeverTurnsTerminal() {
        stubOrder(200, "{\"id\":\"0x6\",\"status\":\"NEW\"}");
        server.stubFor(get(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(200)
            .withBody("[{\"id\":\"0x6\",\"status\":\"NEW\"}]")));
        assertThat(failure(adapter.placeOrder(ioc("stuck-1")))).isInstanceOf(ExchangeTimeoutException.class)
            .hasMessageContaining("0x6");
        server.verify(3, getRequestedFor(urlPathEqualTo("/v2/orders")));
    }

    @Test
    void shouldMapACodeMsgBodyOn400ToOrderRejected() {
        stubOrder(400, "{\"code\":3001,\"msg\":\"price check failed\"}");
        final Throwable t = failure(adapter.placeOrder(ioc("r-1")));
        assertThat(t).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) t).venueCode()).isEqualTo("3001");
    }

    @Test
    void shouldMapTheDetailShape() {
        stubOrder(400, "{\"detail\":{\"code\":3002,\"msg\":\"margin check failed\"}}");
        final Throwable t = failure(adapter.placeOrder(ioc("r-2")));
        assertThat(t).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) t).venueCode()).isEqualTo("3002");
    }

    @Test
    void shouldTreatAnErrorBodyWithHttp200AsAnError() {
        stubOrder(200, "{\"code\":1121,\"msg\":\"unknown symbol\"}");
        final Throwable t = failure(adapter.placeOrder(ioc("r-3")));
        assertThat(t).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) t).venueCode()).isEqualTo("1121");
    }

    @Test
    void shouldMapARejectedStatusToOrderRejected() {
        stubOrder(200, "{\"id\":\"0x9\",\"status\":\"REJECTED\",\"code\":3010}");
        final Throwable t = failure(adapter.placeOrder(ioc("r-4")));
        assertThat(t).isInstanceOf(OrderRejectedException.class);
        assertThat(((ExchangeException) t).venueCode()).isEqualTo("3010");
    }

    @Test
    void shouldMap429AndCode1003ToRateLimited() {
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(429)
            .withHeader("Retry-After", "2").withBody("{\"code\":429,\"msg\":\"Rate limited\"}")));
        final Throwable t = failure(adapter.placeOrder(ioc("rl-1")));
        assertThat(t).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) t).retryAfterMs()).isEqualTo(2000L);
        stubOrder(400, "{\"code\":1003,\"msg\":\"too many requests\"}");
        assertThat(failure(adapter.placeOrder(ioc("rl-2")))).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void shouldMap503ToTransportAnd1022ToAuthentication() {
        stubOrder(503, "<html>unavailable</html>");
        assertThat(failure(adapter.placeOrder(ioc("t-1")))).isInstanceOf(TransportException.class);
        stubOrder(400, "{\"code\":1022,\"msg\":\"invalid signature\"}");
        final Throwable t = failure(adapter.placeOrder(ioc("a-1")));
        assertThat(t).isInstanceOf(AuthenticationException.class).hasMessageNotContaining(API_KEY);
        stubOrder(401, "{\"code\":1002,\"msg\":\"unauthorized\"}");
        assertThat(failure(adapter.placeOrder(ioc("a-2")))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void shouldMapASlowAnswerToATimeout() {
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"0x1\",\"status\":\"FILLED\"}").withFixedDelay(3000)));
        assertThat(failure(adapter.placeOrder(ioc("slow-1")))).isInstanceOf(ExchangeTimeoutException.class);
    }

    @Test
    void shouldRejectInvalidOrdersBeforeSending() {
        final OrderRequest noGuard = OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.MARKET)
            .size(1000).clientOrderId("m-1").build();
        assertThat(failure(adapter.placeOrder(noGuard))).isInstanceOf(InvalidOrderException.class);
        final OrderRequest unknown = OrderRequest.builder().market("XYZ-PERP").side(Side.BUY).size(1000)
            .limitPrice(100).clientOrderId("m-2").build();
        assertThat(failure(adapter.placeOrder(unknown))).isInstanceOf(InvalidOrderException.class);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v2/orders")))).isEmpty();
    }

    @Test
    void shouldNotAllocateOnTheDepthPathFromHeapOrDirectBuffers() {
        final long[] calls = new long[1];
        adapter.subscribeOrderBook("BTC-PERP", b -> calls[0] += b.isValid() ? 1 : 0);
        final StringBuilder sb = new StringBuilder("{\"channel\":\"BTC-PERP@depth\",\"data\":{\"bids\":[");
        for (int i = 0; i < 20; i++) {
            sb.append(i == 0 ? "" : ",").append("[\"").append(65000 - i).append(".50\",\"0.").append(1000 + i).append("\"]");
        }
        sb.append("],\"asks\":[");
        for (int i = 0; i < 20; i++) {
            sb.append(i == 0 ? "" : ",").append("[\"").append(65001 + i).append(".25\",\"1.").append(1000 + i).append("\"]");
        }
        sb.append("]},\"tsMs\":1700000000000}");
        final byte[] frame = sb.toString().getBytes(StandardCharsets.US_ASCII);
        final io.netty.buffer.ByteBuf heap = io.netty.buffer.Unpooled.wrappedBuffer(frame);
        final io.netty.buffer.ByteBuf direct = io.netty.buffer.Unpooled.directBuffer(frame.length).writeBytes(frame);
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            adapter.onFrame(heap, i);
            adapter.onFrame(direct, i);
        }
        final long tid = Thread.currentThread().getId();
        final long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            adapter.onFrame(heap, i);
            adapter.onFrame(direct, i);
        }
        final long allocated = mx.getThreadAllocatedBytes(tid) - before;
        direct.release();
        assertThat(allocated).as("bytes allocated by 20k frames").isLessThan(20_000L);
        assertThat(calls[0]).isEqualTo(60_000L);
        assertThat(adapter.malformedMessages()).isZero();
        assertThat(adapter.orderBook("BTC-PERP").bestBid()).isEqualTo(6_500_050L);
        assertThat(adapter.orderBook("BTC-PERP").askLevels()).isEqualTo(20);
    }

    @Test
    void shouldFailConnectWithATransportErrorWhenTheStreamIsUnreachable() {
        assertThat(failure(adapter.connect())).isInstanceOf(TransportException.class);
        assertThat(adapter.isConnected()).isFalse();
    }

    @Test
    void shouldFailConnectWhenExchangeInfoFails() {
        server.stubFor(get(urlPathEqualTo("/v2/exchangeInfo")).willReturn(aResponse().withStatus(503)));
        assertThat(failure(adapter.connect())).isInstanceOf(TransportException.class);
    }

    @Test
    void shouldSendASignedCancel() throws Exception {
        server.stubFor(post(urlPathEqualTo("/v2/orders/cancel"))
            .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"0x7\"}")));
        adapter.cancelOrder("BTC-PERP", "0x7").get(5, TimeUnit.SECONDS);
        final LoggedRequest req = server.findAll(postRequestedFor(urlPathEqualTo("/v2/orders/cancel"))).get(0);
        final JsonNode body = new ObjectMapper().readTree(req.getBodyAsString());
        final JsonNode o = body.get("order");
        assertThat(o.get("id").asText()).isEqualTo("0x7");
        final VestSignature expected = VestSigner.fromPrivateKey(Secret.of(KEY)).signCancel(o.get("time").asLong(),
            o.get("nonce").asLong(), "0x7");
        assertThat(VestSigner.recoverOrderSigner(expected.hashHex(), body.get("signature").asText()))
            .isEqualTo(adapter.signerAddress());
    }
}
