package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimCommandTest {
    @Test
    void shouldPrintOneLineNamingBothVenuesUrlsAndExitWhenStdinCloses() {
        final Cli.Result r = Cli.run("sim");
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).hasSize(1);
        assertThat(r.out()).startsWith("simulated venues on 127.0.0.1: vest http://127.0.0.1:")
            .contains("/v2 ws://127.0.0.1:").contains(", paradex http://127.0.0.1:").contains("/v1 ws://127.0.0.1:");
    }

    @Test
    void shouldPrintJsonWithUrlsAndCredentialsForAProgram() throws Exception {
        final Cli.Result r = Cli.run("sim", "--json", "--seed", "7");
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).hasSize(1);
        final JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("event").asText()).isEqualTo("ready");
        assertThat(j.path("vestRestUrl").asText()).startsWith("http://127.0.0.1:").endsWith("/v2");
        assertThat(j.path("vestWsUrl").asText()).startsWith("ws://127.0.0.1:");
        assertThat(j.path("paradexRestUrl").asText()).startsWith("http://127.0.0.1:").endsWith("/v1");
        assertThat(j.path("paradexWsUrl").asText()).startsWith("ws://127.0.0.1:");
        assertThat(j.path("vestPort").asInt()).isPositive();
        assertThat(j.path("paradexPort").asInt()).isPositive();
        assertThat(j.path("paradexChainId").asText()).isNotEmpty();
        assertThat(j.path("vestSigningKey").asText()).matches("0x[0-9a-f]{64}");
        assertThat(j.path("vestApiKey").asText()).isNotEmpty();
        assertThat(j.path("paradexAccount").asText()).startsWith("0x");
    }

    @Test
    void shouldServeUntilStdinClosesThenReleaseThePorts() throws Exception {
        final PipedOutputStream stdin = new PipedOutputStream();
        final PipedInputStream in = new PipedInputStream(stdin);
        final PipedInputStream outPipe = new PipedInputStream();
        final PrintStream out = new PrintStream(new PipedOutputStream(outPipe), true, StandardCharsets.UTF_8);
        final SimCommand command = new SimCommand();
        command.json = true;
        final CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
            try {
                return command.serve(in, out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        final String line = new BufferedReader(new InputStreamReader(outPipe, StandardCharsets.UTF_8)).readLine();
        final int port = new ObjectMapper().readTree(line).path("vestPort").asInt();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            assertThat(s.isConnected()).isTrue();
        }
        assertThat(served).isNotDone();
        stdin.close();
        assertThat(served.get(30, TimeUnit.SECONDS)).isZero();
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            }
        }).isInstanceOf(ConnectException.class);
    }
}
