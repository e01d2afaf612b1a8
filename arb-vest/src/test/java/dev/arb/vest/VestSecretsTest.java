package dev.arb.vest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Keys never reach a log line, an exception message or {@code toString()}: every failure path is
 * driven at DEBUG with all output captured, then scanned for the keys.
 */
class VestSecretsTest {
    private static final String SIGNING_KEY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
    private static final String PRIMARY_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final String API_KEY = "apikey-5f1e0c77d2b94e6b9a4f";
    private static final String LISTEN_KEY = "listen-579e1280448d4843b190c50fbd170078";

    private WireMockServer server;
    private ListAppender<ILoggingEvent> appender;
    private Logger root;
    private Level rootLevel;
    private final List<String> captured = new ArrayList<>();

    private static String resource(final String name) throws Exception {
        try (InputStream in = VestSecretsTest.class.getResourceAsStream("/vest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws Exception {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/v2/exchangeInfo"))
            .willReturn(aResponse().withStatus(200).withBody(resource("rest-exchangeinfo.json"))));
    }

    @AfterEach
    void stop() {
        server.stop();
        root.detachAppender(appender);
        root.setLevel(rootLevel);
    }

    private void capture(final CompletableFuture<?> f) {
        try {
            final Object v = f.get(10, TimeUnit.SECONDS);
            captured.add(String.valueOf(v));
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            while (t != null) {
                captured.add(t.toString());
                t = t.getCause();
            }
        } catch (Exception e) {
            captured.add(e.toString());
        }
    }

    private VestConfig config(final String ws) {
        return VestConfig.production().restBaseUrl("http://127.0.0.1:" + server.port() + "/v2").wsUrl(ws)
            .apiKey(Secret.of(API_KEY)).signingKey(Secret.of(SIGNING_KEY)).requestTimeoutMs(1000)
            .orderPollIntervalMs(10).orderPollAttempts(2).rateLimitBackoffMs(10).streamFillWaitMs(0).build();
    }

    @Test
    void shouldNeverLogOrPrintAKeyOnAnyFailurePath() throws Exception {
        server.stubFor(post(urlPathEqualTo("/v2/account/listenKey"))
            .willReturn(aResponse().withStatus(200).withBody("{\"listenKey\":\"" + LISTEN_KEY + "\"}")));
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(429)
            .withBody("{\"code\":1003,\"msg\":\"Rate limited\"}")));
        server.stubFor(post(urlPathEqualTo("/v2/account/leverage")).willReturn(aResponse().withStatus(401)
            .withBody("{\"detail\":{\"code\":1022,\"msg\":\"invalid signature\"}}")));
        server.stubFor(any(urlPathEqualTo("/v2/account")).willReturn(aResponse().withStatus(429)
            .withBody("{\"code\":1003,\"msg\":\"Rate limited\"}")));
        server.stubFor(post(urlPathEqualTo("/v2/register")).willReturn(aResponse().withStatus(400)
            .withBody("{\"code\":1022,\"msg\":\"invalid signature\"}")));
        final VestConfig config = config("ws://127.0.0.1:1/ws-api?version=1.0");
        captured.add(config.toString());
        try (VestAdapter adapter = new VestAdapter(config)) {
            capture(adapter.connect()); // the stream is unreachable
            capture(adapter.loadMarkets());
            final OrderRequest r = OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.MARKET)
                .size(100).limitPrice(6_500_000).clientOrderId("secret-check").build();
            capture(adapter.placeOrder(r));
            capture(adapter.position("BTC-PERP"));
            capture(adapter.positions());
            capture(adapter.setLeverage("BTC-PERP", 3));
            capture(adapter.orderStatus("BTC-PERP", "secret-check"));
            captured.add(adapter.toString());
        }
        capture(VestRegistration.register(config, Secret.of(PRIMARY_KEY), Secret.of(SIGNING_KEY),
            System.currentTimeMillis() + 60_000, 0));
        try {
            VestSigner.fromPrivateKey(Secret.of(SIGNING_KEY.substring(0, 60) + "zzzz"));
        } catch (IllegalArgumentException e) {
            captured.add(e.toString());
        }
        server.resetMappings();
        server.stubFor(get(urlPathEqualTo("/v2/exchangeInfo"))
            .willReturn(aResponse().withStatus(200).withBody(resource("rest-exchangeinfo.json"))));
        server.stubFor(post(urlPathEqualTo("/v2/register")).willReturn(aResponse().withStatus(200)
            .withBody("{\"apiKey\":\"" + API_KEY + "\",\"accGroup\":4}")));
        final VestRegistration.Result ok = VestRegistration.register(config, Secret.of(PRIMARY_KEY),
            Secret.of(SIGNING_KEY), System.currentTimeMillis() + 60_000, 0).get(10, TimeUnit.SECONDS);
        assertThat(ok.apiKey().reveal()).isEqualTo(API_KEY);
        assertThat(ok.accountGroup()).isEqualTo(4);
        captured.add(ok.toString());

        for (final ILoggingEvent e : appender.list) {
            captured.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                captured.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }
        assertThat(captured).hasSizeGreaterThan(10);
        assertThat(appender.list).anyMatch(e -> e.getLoggerName().startsWith("dev.arb.vest"));
        final String all = String.join("\n", captured);
        for (final String secret : List.of(SIGNING_KEY, PRIMARY_KEY, API_KEY, LISTEN_KEY)) {
            assertThat(all).doesNotContain(secret).doesNotContain(secret.substring(2).toLowerCase());
        }
    }
}
