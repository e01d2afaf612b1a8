package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator API of a simulated run, as a client would use it: the status document, the live event
 * stream, parameter changes (refused without the token, refused on bad input with nothing changed,
 * applied with it), pausing a bot, and flatten ending the run. The token comes from the environment
 * variable {@code ARB_TEST_HTTP_TOKEN} that the build sets for the tests; no response ever contains it.
 */
class OperatorApiTest {
    private static final String TOKEN = System.getenv("ARB_TEST_HTTP_TOKEN");
    private static final String BOT = "btc-vest-paradex";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeStatusEventsAndAuthenticatedControlOfASimulatedRun(@TempDir final Path dir) throws Exception {
        assertThat(TOKEN).as("set by the build's surefire configuration").isNotBlank();
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        final String base = "http://127.0.0.1:" + port;
        final Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
            markets:
              BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}
            bots:
              - {id: btc-vest-paradex, pair: BTC, dex_a: vest, dex_b: paradex, spread_entry: 0.15, spread_exit: -0.05,
                 leverage: 5, position_size: 0.01}
            http: {listen: "127.0.0.1:%d", token_env: ARB_TEST_HTTP_TOKEN}
            """.formatted(port));
        final Path summary = dir.resolve("summary.json");
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CommandLine(new Main()).execute(
            "run", "--sim", "--config", config.toString(), "--duration", "150s", "--seed", "7", "--summary-json",
            summary.toString()));

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(base + "/api/status").statusCode() == 200
            && JSON.readTree(get(base + "/api/status").body()).get("bots").get(0).get("legs").get(0).hasNonNull("bid")
            && JSON.readTree(get(base + "/api/status").body()).get("bots").get(0).get("legs").get(1).hasNonNull("market"));
        final JsonNode status = JSON.readTree(get(base + "/api/status").body());
        assertThat(status.get("mode").asText()).isEqualTo("sim");
        assertThat(status.get("mutations").asText()).isEqualTo("enabled");
        final JsonNode bot = status.get("bots").get(0);
        assertThat(bot.get("id").asText()).isEqualTo(BOT);
        assertThat(bot.get("legs").get(0).get("venue").asText()).isEqualTo("vest");
        assertThat(bot.get("legs").get(1).get("market").asText()).isEqualTo("BTC-USD-PERP");
        assertThat(new java.math.BigDecimal(bot.get("legs").get(1).get("ask").asText()))
            .isGreaterThan(new java.math.BigDecimal(bot.get("legs").get(1).get("bid").asText()));
        assertThat(param(bot, "spread_entry")).isEqualTo("0.15");
        assertThat(status.get("venues")).hasSize(2).allSatisfy(v -> {
            assertThat(v.get("connected").asBoolean()).isTrue();
            assertThat(v.get("reconnects").asLong()).as("counted by both adapters").isGreaterThanOrEqualTo(0);
            assertThat(v.get("decodeErrors").asLong()).isGreaterThanOrEqualTo(0);
        });

        // the live stream sends status events
        final HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/events"))
            .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean sawStatus = false;
            while (!sawStatus && (line = r.readLine()) != null) {
                sawStatus = line.equals("event: status");
            }
            assertThat(sawStatus).isTrue();
        }

        // metrics: Prometheus text with the bot's counters and the tick-to-decision histogram fed live
        await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/metrics").body()
            .matches("(?s).*arb_tick_to_decision_seconds_count\\{bot=\"" + BOT + "\"[^}]*} [1-9].*"));
        final HttpResponse<String> metrics = get(base + "/metrics");
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("arb_entries_total{bot=\"" + BOT + "\"").contains("arb_breaker_state")
            .contains("arb_position_base{bot=\"" + BOT + "\",market=\"BTC-PERP\",venue=\"vest\"}")
            .contains("arb_venue_connected{venue=\"paradex\"} 1.0").contains("arb_ws_reconnects_total{venue=\"vest\"}")
            .contains("arb_sequence_gaps_total{venue=\"paradex\"}");

        final String params = base + "/api/bots/" + BOT + "/params";
        assertThat(post(params, "{\"spread_entry\":\"0.2\"}", null).statusCode()).isEqualTo(401);
        assertThat(post(params, "{\"spread_entry\":\"0.2\"}", "wrong").statusCode()).isEqualTo(401);
        final HttpResponse<String> refused = post(params, "{\"spread_entry\":\"abc\"}", TOKEN);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("not a number");
        assertThat(param(JSON.readTree(get(base + "/api/status").body()).get("bots").get(0), "spread_entry"))
            .as("nothing changed").isEqualTo("0.15");
        final HttpResponse<String> applied = post(params, "{\"spread_entry\":\"0.2\"}", TOKEN);
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.body()).contains(BOT + ": spread_entry 0.15 -> 0.2");
        await().atMost(Duration.ofSeconds(10)).until(() -> param(JSON.readTree(get(base + "/api/status").body())
            .get("bots").get(0), "spread_entry").equals("0.2"));

        assertThat(post(base + "/api/bots/" + BOT + "/halt", "", TOKEN).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(get(base + "/api/status").body())
            .get("bots").get(0).get("paused").asBoolean());
        assertThat(post(base + "/api/bots/nobot/halt", "", TOKEN).statusCode()).isEqualTo(404);

        for (HttpResponse<String> r : new HttpResponse[] {refused, applied, get(base + "/api/status")}) {
            assertThat(r.body()).doesNotContain(TOKEN);
        }
        assertThat(post(base + "/api/flatten", "", TOKEN).statusCode()).isEqualTo(200);
        assertThat(run.get(120, TimeUnit.SECONDS)).isZero();
        final JsonNode json = JSON.readTree(summary.toFile());
        assertThat(json.get("paramChanges").get(0).get("new").asText()).isEqualTo("0.2");
        assertThat(new java.math.BigDecimal(json.get("netPositionBase").get("sum").asText())).isEqualByComparingTo("0");
    }

    private static String param(final JsonNode bot, final String name) {
        for (JsonNode p : bot.get("parameters")) {
            if (p.get("name").asText().equals(name)) {
                return p.get("value").asText();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    private HttpResponse<String> get(final String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String url, final String body, final String token) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
