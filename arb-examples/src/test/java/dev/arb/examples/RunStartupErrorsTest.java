package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.sim.MarketModel;
import dev.arb.sim.vest.VestSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code arb run} refusing to start, or stopping on an error: one line on stderr naming the cause and
 * what to do, a distinct exit code, never a stack trace, never a hang, never a run id spent.
 */
class RunStartupErrorsTest {
    private static final String VEST_KEY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";

    /** The command's exit code and what it printed on its error stream. */
    private record Result(int code, String err) {
    }

    private static Map<String, String> env() {
        final Map<String, String> env = new HashMap<>();
        env.put("VEST_PRIMARY_ADDR", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        env.put("VEST_SIGNING_KEY", VEST_KEY);
        env.put("VEST_API_KEY", "api-key-123");
        env.put("VEST_ACCOUNT_GROUP", "0");
        env.put("PARADEX_ACCOUNT_ADDRESS", "0x1234");
        env.put("PARADEX_PRIVATE_KEY", "0x5678");
        return env;
    }

    private static Path config(final Path dir, final String vestRest, final String vestWs, final String paradexRest,
        final String paradexWs) throws IOException {
        final Path file = dir.resolve("config.yaml");
        Files.writeString(file, BotConfigTest.VALID + "venues:\n"
            + "  vest: {env: testnet, rest_url: '" + vestRest + "', ws_url: '" + vestWs + "'}\n"
            + "  paradex: {env: testnet, rest_url: '" + paradexRest + "', ws_url: '" + paradexWs + "'}\n");
        return file;
    }

    /** Runs the command on another thread; a hang fails the test after 60 s instead of blocking the build. */
    private static Result run(final Map<String, String> env, final String... args) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final RunCommand command = new RunCommand();
        command.env = env;
        command.err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final int code = CompletableFuture.supplyAsync(() -> new CommandLine(command).execute(args))
            .get(60, TimeUnit.SECONDS);
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(final Result r) {
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ", "Exception in thread");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void shouldExitWithCode5NamingTheVenueAndUrlWhenNothingListens(@TempDir final Path dir) throws Exception {
        final int port = closedPort();
        final String rest = "http://127.0.0.1:" + port;
        final String ws = "ws://127.0.0.1:" + port + "/ws";
        final Result r = run(env(), "--config", config(dir, rest, ws, rest, ws).toString(), "--http", "off",
            "--journal", dir.resolve("j.db").toString(), "--connect-timeout", "10s");
        assertThat(r.code()).isEqualTo(5);
        assertOneLine(r);
        assertThat(r.err()).contains("cannot connect to vest at " + rest).contains("--connect-timeout")
            .containsIgnoringCase("connection refused")
            .contains("venues.vest.rest_url");
    }

    @Test
    void shouldGiveUpAfterTheConnectTimeoutWhenAListenerNeverAnswersTheWebSocketUpgrade(@TempDir final Path dir)
        throws Exception {
        final VestSimulator vest = VestSimulator.start(new MarketModel(MarketModel.Config.defaults(1)),
            VestSimulator.Options.defaults());
        try (SilentListener vestStream = new SilentListener(); SilentListener paradex = new SilentListener()) {
            final String silentWs = "ws://127.0.0.1:" + vestStream.port() + "/ws";
            final String paradexUrl = "127.0.0.1:" + paradex.port();
            // Vest's markets load from the simulator, its stream never upgrades; Paradex never answers at all
            final Result r = run(env(), "--config", config(dir, vest.restBaseUrl(), silentWs, "http://" + paradexUrl,
                "ws://" + paradexUrl + "/ws").toString(), "--http", "off", "--journal", dir.resolve("j.db").toString(),
                "--connect-timeout", "2s");
            assertThat(r.code()).isEqualTo(5);
            assertOneLine(r);
            assertThat(r.err()).contains("cannot connect to vest at ").contains(silentWs)
                .contains("no answer within 2 s");
            assertThat(vestStream.accepted()).as("Vest got past its markets to the stream's upgrade").isPositive();
        } finally {
            vest.close();
        }
    }

    @Test
    void shouldRefuseKeysOutsideTheirCurveRangesBeforeOpeningTheJournal(@TempDir final Path dir) throws Exception {
        final Path cfg = config(dir, "http://127.0.0.1:1", "ws://127.0.0.1:1", "http://127.0.0.1:1", "ws://127.0.0.1:1");
        final Path journal = dir.resolve("j.db");
        final Map<String, String> cases = Map.of(
            "VEST_SIGNING_KEY", "0x" + "00".repeat(32),
            "VEST_PRIMARY_KEY", "0x" + "ff".repeat(32),
            "PARADEX_PRIVATE_KEY", "0x0",
            "PARADEX_ACCOUNT_ADDRESS", "0x0800000000000011000000000000000000000000000000000000000000000001");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            final Map<String, String> env = env();
            env.put(c.getKey(), c.getValue());
            final Result r = run(env, "--config", cfg.toString(), "--http", "off", "--journal", journal.toString());
            assertThat(r.code()).as(c.getKey()).isEqualTo(2);
            assertOneLine(r);
            assertThat(r.err()).contains(c.getKey()).contains("out of range");
            if (c.getValue().length() > 8) {
                assertThat(r.err()).as("the value is never echoed").doesNotContain(c.getValue().substring(2, 20));
            }
            assertThat(journal).as("no journal opened, no run id spent").doesNotExist();
        }
    }

    @Test
    void shouldSayInOneLineThatAJournalPathIsADirectory(@TempDir final Path dir) throws Exception {
        final Result r = run(env(), "--sim", "--http", "off", "--journal", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertOneLine(r);
        assertThat(r.err()).contains("journal " + dir).contains("cannot be opened").contains("--journal");
    }

    @Test
    void shouldEndAnUnexpectedErrorWithOneLineAndExitCode1(@TempDir final Path dir) throws Exception {
        final Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        final Result r = run(env(), "--sim", "--http", "off", "--duration", "1s", "--summary-json",
            notADirectory.resolve("summary.json").toString());
        assertThat(r.code()).isEqualTo(1);
        assertOneLine(r);
        assertThat(r.err()).contains(notADirectory.toString()).contains("ARB_LOG_LEVEL=DEBUG");
    }

    /** Accepts TCP connections and never sends a byte: a venue that hangs during HTTP or the WebSocket upgrade. */
    private static final class SilentListener implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        SilentListener() throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        final Socket s = server.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            synchronized (held) {
                return held.size();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
