package dev.arb.vest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.api.ExchangeException;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.vest.internal.VestLeverageSigning;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/** exchangeInfo-driven order rules, time in force, leverage requests: the exact bytes sent. */
class VestAdapterOrderRulesTest {
    private static final String KEY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
    private static final ObjectMapper JSON = new ObjectMapper();
    private WireMockServer server;
    private VestAdapter adapter;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .globalTemplating(false));
        server.start();
        server.stubFor(get(urlPathEqualTo("/v2/exchangeInfo")).willReturn(aResponse().withStatus(200).withBody(
            "{\"symbols\":[{\"symbol\":\"NDX-USD-PERP\",\"base\":\"NDX\",\"sizeDecimals\":4,\"priceDecimals\":2,"
                + "\"minTickSize\":\"0.25\",\"takerFee\":\"0.000025\",\"makerFee\":\"0\"}]}")));
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(200).withBody(
            "{\"id\":\"0x1\",\"status\":\"FILLED\",\"lastFilledSize\":\"0.0100\",\"avgFilledPrice\":\"31480.00\"}")));
        server.stubFor(post(urlPathEqualTo("/v2/account/leverage")).willReturn(aResponse().withStatus(200)
            .withBody("{\"symbol\":\"NDX-USD-PERP\",\"value\":7}")));
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        server.stop();
    }

    private void adapter(final UnaryOperator<VestConfig.Builder> tweak) throws Exception {
        adapter = new VestAdapter(tweak.apply(VestConfig.builder().restBaseUrl("http://127.0.0.1:" + server.port()
            + "/v2").wsUrl("ws://127.0.0.1:1/ws-api?version=1.0").apiKey(Secret.of("k")).signingKey(Secret.of(KEY))
            .accountStream(false)).build());
        adapter.loadMarkets().get(5, TimeUnit.SECONDS);
    }

    private JsonNode lastOrder() throws Exception {
        final var all = server.findAll(postRequestedFor(urlPathEqualTo("/v2/orders")));
        return JSON.readTree(all.get(all.size() - 1).getBodyAsString()).get("order");
    }

    private static OrderRequest order(final String cid, final Side side, final OrderType type, final long price) {
        return OrderRequest.builder().market("NDX-USD-PERP").side(side).type(type).size(100).limitPrice(price)
            .clientOrderId(cid).build();
    }

    @Test
    void shouldTakeTheTickFromMinTickSizeAndSnapLimitsOnTheSafeSide() throws Exception {
        adapter(b -> b);
        assertThat(adapter.marketSpec("NDX-USD-PERP").tickSize()).isEqualTo(25);
        adapter.placeOrder(order("b", Side.BUY, OrderType.LIMIT, 3_148_013)).get(5, TimeUnit.SECONDS);
        assertThat(lastOrder().get("limitPrice").asText()).isEqualTo("31480.00");
        adapter.placeOrder(order("s", Side.SELL, OrderType.LIMIT, 3_148_013)).get(5, TimeUnit.SECONDS);
        assertThat(lastOrder().get("limitPrice").asText()).isEqualTo("31480.25");
        adapter.placeOrder(order("on", Side.SELL, OrderType.LIMIT, 3_148_050)).get(5, TimeUnit.SECONDS);
        assertThat(lastOrder().get("limitPrice").asText()).isEqualTo("31480.50");
        final OrderRequest tooSmall = OrderRequest.builder().market("NDX-USD-PERP").side(Side.BUY).size(100)
            .limitPrice(10).clientOrderId("tiny").build();
        try {
            adapter.placeOrder(tooSmall).get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(InvalidOrderException.class);
        }
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v2/orders")))).hasSize(3);
    }

    @Test
    void shouldSendTheConfiguredTimeInForceOnlyOnLimitOrders() throws Exception {
        adapter(b -> b.limitIocTimeInForce("FOK"));
        adapter.placeOrder(order("ioc", Side.BUY, OrderType.LIMIT, 3_148_000)).get(5, TimeUnit.SECONDS);
        assertThat(lastOrder().get("timeInForce").asText()).isEqualTo("FOK");
        adapter.placeOrder(order("mkt", Side.BUY, OrderType.MARKET, 3_148_000)).get(5, TimeUnit.SECONDS);
        assertThat(lastOrder().has("timeInForce")).isFalse();
        assertThat(lastOrder().get("orderType").asText()).isEqualTo("MARKET");
        adapter.placeOrder(OrderRequest.builder().market("NDX-USD-PERP").side(Side.BUY).type(OrderType.LIMIT)
            .timeInForce(TimeInForce.GTC).size(100).limitPrice(3_148_000).clientOrderId("gtc").build())
            .get(5, TimeUnit.SECONDS);
        assertThat(lastOrder().get("timeInForce").asText()).isEqualTo("GTC");
    }

    @Test
    void shouldSendLeverageUnsignedByDefault() throws Exception {
        adapter(b -> b);
        adapter.setLeverage("NDX-USD-PERP", 7).get(5, TimeUnit.SECONDS);
        final JsonNode body = JSON.readTree(server.findAll(postRequestedFor(urlPathEqualTo("/v2/account/leverage")))
            .get(0).getBodyAsString());
        assertThat(body.get("symbol").asText()).isEqualTo("NDX-USD-PERP");
        assertThat(body.get("value").asInt()).isEqualTo(7);
        assertThat(body.get("time").asLong()).isPositive();
        assertThat(body.has("signature")).isFalse();
        try {
            adapter.setLeverage("NDX-USD-PERP", 0).get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(InvalidOrderException.class);
        }
    }

    @Test
    void shouldSignLeverageWithTheSigningKeyWhenConfigured() throws Exception {
        adapter(b -> b.signLeverage(true));
        adapter.setLeverage("NDX-USD-PERP", 7).get(5, TimeUnit.SECONDS);
        final JsonNode body = JSON.readTree(server.findAll(postRequestedFor(urlPathEqualTo("/v2/account/leverage")))
            .get(0).getBodyAsString());
        final byte[] hash = VestLeverageSigning.argsHash(body.get("time").asLong(), body.get("nonce").asLong(),
            "NDX-USD-PERP", 7);
        assertThat(VestSigner.recoverOrderSigner(Numeric.toHexString(hash), body.get("signature").asText()))
            .isEqualTo(adapter.signerAddress());
        assertThat(VestSigner.recoverOrderSigner(Numeric.toHexString(VestLeverageSigning.argsHash(
            body.get("time").asLong(), body.get("nonce").asLong(), "NDX-USD-PERP", 8)), body.get("signature").asText()))
            .isNotEqualTo(adapter.signerAddress());
    }

    @Test
    void shouldResolveADuplicateAnswerByLookingTheOrderUpByNonce() throws Exception {
        adapter(b -> b);
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(400)
            .withBody("{\"code\":3015,\"msg\":\"duplicate\"}")));
        server.stubFor(get(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(200)
            .withBody("[{\"id\":\"0x77\",\"nonce\":{{request.query.nonce}},\"symbol\":\"NDX-USD-PERP\",\"isBuy\":true,"
                + "\"size\":\"0.0100\",\"status\":\"FILLED\",\"lastFilledSize\":\"0.0100\","
                + "\"avgFilledPrice\":\"31480.25\"}]").withTransformers("response-template")));
        final var u = adapter.placeOrder(order("dup", Side.BUY, OrderType.LIMIT, 3_148_100)).get(5, TimeUnit.SECONDS);
        assertThat(u.venueOrderId()).isEqualTo("0x77");
        assertThat(u.status()).isEqualTo(dev.arb.api.OrderStatus.FILLED);
        assertThat(u.filledSize()).isEqualTo(100);
        assertThat(u.avgFillPrice()).isEqualTo(3_148_025);
        assertThat(u.clientOrderId()).isEqualTo("dup");
    }

    @Test
    void shouldRefuseLeverageTheVenueDidNotApply() throws Exception {
        adapter(b -> b);
        try {
            adapter.setLeverage("NDX-USD-PERP", 9).get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ExchangeException.class).hasMessageContaining("7");
        }
        assertThat(List.of(adapter.venueStatus().name())).containsExactly("OK");
    }
}
