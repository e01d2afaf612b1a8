package dev.arb.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The server before any bot is attached: binding, read-only without a token, no CORS, a clear error on a busy port. */
class OperatorServerTest {
    private static final String UNSET = "ARB_TEST_TOKEN_THAT_IS_NEVER_SET";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRefuseMutationsWithHowToEnableThemWhenNoTokenIsConfigured() throws Exception {
        try (OperatorServer server = OperatorServer.start(new OperatorSettings("127.0.0.1", 0, UNSET),
            new OperatorEvents(), null)) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            final HttpResponse<String> halt = send(HttpRequest.newBuilder(URI.create(server.url() + "api/halt"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer anything").build());
            assertThat(halt.statusCode()).isEqualTo(403);
            assertThat(halt.body()).contains(UNSET).contains("to enable control");
            assertThat(halt.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(send(get(server.url() + "api/status")).statusCode()).as("no bots yet").isEqualTo(503);
            assertThat(send(get(server.url() + "metrics")).statusCode()).as("metrics off").isEqualTo(404);
            final HttpResponse<String> page = send(get(server.url()));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).contains("text/html");
        }
    }

    @Test
    void shouldNameTheAddressWhenThePortIsInUse() {
        try (OperatorServer first = OperatorServer.start(new OperatorSettings("127.0.0.1", 0, UNSET),
            new OperatorEvents(), null)) {
            final int port = URI.create(first.url()).getPort();
            assertThatThrownBy(() -> OperatorServer.start(new OperatorSettings("127.0.0.1", port, UNSET),
                new OperatorEvents(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot serve HTTP on 127.0.0.1:" + port)
                .hasMessageContaining("--http");
        }
    }

    @Test
    void shouldParseTheListenAddress() {
        assertThat(OperatorSettings.parse("off", null)).isNull();
        assertThat(OperatorSettings.parse("9090", null)).isEqualTo(new OperatorSettings("127.0.0.1", 9090, null));
        assertThat(OperatorSettings.parse("0.0.0.0:80", "MY_TOKEN"))
            .isEqualTo(new OperatorSettings("0.0.0.0", 80, "MY_TOKEN"));
        assertThat(OperatorSettings.parse("127.0.0.1:0", null).tokenEnv()).isEqualTo(OperatorSettings.DEFAULT_TOKEN_ENV);
        assertThatThrownBy(() -> OperatorSettings.parse("localhost:http", null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> OperatorSettings.parse("70000", null))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65535");
    }

    private static HttpRequest get(final String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private HttpResponse<String> send(final HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
