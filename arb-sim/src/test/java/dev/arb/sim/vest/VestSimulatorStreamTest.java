package dev.arb.sim.vest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.sim.MarketModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's stream and listen-key wire behaviour, with the JDK's own WebSocket client. */
class VestSimulatorStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private VestSimulator sim;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sim = VestSimulator.start(new MarketModel(MarketModel.Config.defaults(9)),
            VestSimulator.Options.builder().manualStepping(true).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Collects text frames and the close code. */
    private static final class Collector implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket ws, final int statusCode, final String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    private WebSocket open(final String query, final Collector c) throws Exception {
        return http.newWebSocketBuilder().buildAsync(URI.create(sim.wsUrl() + query), c).get(5, TimeUnit.SECONDS);
    }

    private JsonNode rest(final String method, final String path, final String apiKey) throws Exception {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path))
            .header("X-API-KEY", apiKey).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static JsonNode next(final Collector c) throws Exception {
        final String t = c.texts.poll(5, TimeUnit.SECONDS);
        assertThat(t).as("a frame within 5 s").isNotNull();
        return JSON.readTree(t);
    }

    @Test
    void shouldCloseWith4004ForAnUnknownListenKeyAnd4005OnceExpired() throws Exception {
        final Collector unknown = new Collector();
        open("&listenKey=nope", unknown);
        assertThat(unknown.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4004);

        final String apiKey = sim.registerSigner("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
        final String key = rest("POST", "/account/listenKey", apiKey).get("listenKey").asText();
        assertThat(rest("POST", "/account/listenKey", apiKey).get("listenKey").asText()).isEqualTo(key);
        assertThat(sim.listenKeysCreated()).isEqualTo(1);
        assertThat(rest("PUT", "/account/listenKey", apiKey).get("listenKey").asText()).isEqualTo(key);
        assertThat(sim.listenKeyRenewals()).isEqualTo(1);

        final Collector live = new Collector();
        final WebSocket ws = open("&listenKey=" + key, live);
        ws.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"account_private\"],\"id\":1}", true).get(5, TimeUnit.SECONDS);
        assertThat(next(live).get("id").asInt()).isEqualTo(1);
        sim.expireListenKeys();
        assertThat(live.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4005);
        assertThat(rest("PUT", "/account/listenKey", apiKey).get("code").asInt()).isEqualTo(1125);
        final Collector late = new Collector();
        open("&listenKey=" + key, late);
        assertThat(late.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4005);
    }

    @Test
    void shouldRefuseThePrivateChannelWithoutAListenKeyAndPublishDepthAndTickersOnAdvance() throws Exception {
        final Collector c = new Collector();
        final WebSocket ws = open("", c);
        ws.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"account_private\",\"BTC-PERP@depth\",\"tickers\"],\"id\":7}",
            true).get(5, TimeUnit.SECONDS);
        assertThat(next(c).get("id").asInt()).isEqualTo(7);
        assertThat(next(c).path("error").path("code").asInt()).isEqualTo(4003);
        assertThat(next(c).get("channel").asText()).isEqualTo("BTC-PERP@depth");
        assertThat(c.texts.poll(200, TimeUnit.MILLISECONDS)).as("nothing moves without advance()").isNull();
        final long step = sim.currentStep();
        sim.advance();
        assertThat(sim.currentStep()).isEqualTo(step + 1);
        assertThat(next(c).get("channel").asText()).isEqualTo("BTC-PERP@depth");
        final JsonNode tickers = next(c);
        assertThat(tickers.get("channel").asText()).isEqualTo("tickers");
        assertThat(tickers.get("data").get(0).get("symbol").asText()).isEqualTo("BTC-PERP");
        sim.stopAnsweringPing(true);
        ws.sendText("{\"method\":\"PING\",\"params\":[],\"id\":8}", true).get(5, TimeUnit.SECONDS);
        assertThat(c.texts.poll(300, TimeUnit.MILLISECONDS)).isNull();
        sim.stopAnsweringPing(false);
        ws.sendText("{\"method\":\"PING\",\"params\":[],\"id\":9}", true).get(5, TimeUnit.SECONDS);
        assertThat(next(c).get("data").asText()).isEqualTo("PONG");
        assertThat(sim.pingsReceived()).isEqualTo(2);
    }
}
