package dev.arb.vest.internal;

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
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.arb.api.RateLimitedException;
import dev.arb.api.Secret;
import io.github.resilience4j.core.IntervalFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty order channel against the JDK HttpClient path, on one WireMock server: same request, same answers. */
class VestOrderChannelTest {
    private static final String BODY = "{\"order\":{\"time\":1,\"nonce\":1,\"symbol\":\"BTC-PERP\"},\"recvWindow\":5000,"
        + "\"signature\":\"0x00\"}";
    private final ObjectMapper json = new ObjectMapper();
    private WireMockServer server;
    private VestRestClient rest;
    private VestOrderChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/v2/ticker/latest")).willReturn(aResponse().withStatus(200)
            .withBody("{\"tickers\":[]}")));
        final String base = "http://127.0.0.1:" + server.port() + "/v2";
        rest = new VestRestClient(base, 3, Secret.of("key-123"), 2000, 1000, 1000, json, System::currentTimeMillis);
        channel = new VestOrderChannel(base, 3, Secret.of("key-123"), 2000, 2, 15_000,
            IntervalFunction.of(100L), rest, json, null);
        channel.start().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        channel.close();
        server.stop();
    }

    private CompletableFuture<JsonNode> viaChannel() {
        return channel.post("/orders", out -> out.writeBytes(BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldSendTheSameHeadersAndBodyAsTheHttpClient() throws Exception {
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(200)
            .withBody("{\"id\":\"0x1\",\"status\":\"FILLED\"}")));
        assertThat(rest.postOrder("/orders", BODY).get(5, TimeUnit.SECONDS).path("id").asText()).isEqualTo("0x1");
        assertThat(viaChannel().get(5, TimeUnit.SECONDS).path("id").asText()).isEqualTo("0x1");
        final List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/v2/orders")));
        assertThat(sent).hasSize(2);
        assertThat(headers(sent.get(1))).isEqualTo(headers(sent.get(0)));
        assertThat(sent.get(1).getUrl()).isEqualTo(sent.get(0).getUrl());
        assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString()).isEqualTo(BODY);
        assertThat(headers(sent.get(1))).containsEntry("x-api-key", "key-123")
            .containsEntry("xrestservermm", "restserver3").containsEntry("content-type", "application/json");
    }

    @Test
    void shouldMapARateLimitWithRetryAfterAsTheHttpClientPathDoes() throws Exception {
        server.stubFor(post(urlPathEqualTo("/v2/orders")).willReturn(aResponse().withStatus(429)
            .withHeader("Retry-After", "2").withBody("{\"code\":429,\"msg\":\"Rate limited\"}")));
        final RateLimitedException old = (RateLimitedException) failure(rest.postOrder("/orders", BODY));
        final RateLimitedException now = (RateLimitedException) failure(viaChannel());
        assertThat(now.retryAfterMs()).isEqualTo(old.retryAfterMs()).isEqualTo(2000);
        assertThat(now.venueCode()).isEqualTo(old.venueCode());
        assertThat(now.getMessage()).isEqualTo(old.getMessage());
        assertThat(channel.connectionsOpened()).isEqualTo(2);
    }

    /** @return the exception a future failed with, unwrapped from a {@code CompletionException} */
    private static Throwable failure(final CompletableFuture<?> f) throws Exception {
        final Throwable e = f.handle((v, err) -> err).get(5, TimeUnit.SECONDS);
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Header names lower-cased to their values; {@code Connection} aside (the JDK client may add none). */
    private static Map<String, String> headers(final LoggedRequest r) {
        final Map<String, String> out = new TreeMap<>();
        for (final HttpHeader h : r.getHeaders().all()) {
            if (!h.key().equalsIgnoreCase("connection")) {
                out.put(h.key().toLowerCase(Locale.ROOT), h.firstValue());
            }
        }
        return out;
    }
}
