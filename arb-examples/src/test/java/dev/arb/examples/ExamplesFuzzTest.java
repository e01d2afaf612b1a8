package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.fuzz.FuzzSeeds;
import dev.arb.api.fuzz.Mutations;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import io.netty.channel.DefaultEventLoop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz (issue 12 §1): what a person feeds the bot: the YAML configuration ({@link BotConfig}, {@link SafetyConfig}),
 * control-channel commands ({@link ControlChannel}, {@link LiveControl}) and {@code sign}'s input lines
 * ({@link SignCommand}). Properties: a clear one-line error of the promised type, never a stack trace, a hang
 * or a secret in the output.
 */
class ExamplesFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = FuzzSeeds.text(ExamplesFuzzTest.class, "/fuzz/config.yaml");
    private static DefaultEventLoop loop;
    private static LiveControl live;

    @BeforeContainer
    static void start() {
        loop = new DefaultEventLoop();
        final SafetyConfig.Loaded loaded = SafetyConfig.parse(CONFIG, "config.yaml");
        final TradingSession session = new TradingSession(loop, Map.of(), loaded.bots(), loaded.safety(),
            Journal.inMemory(), AlertSink.log(), StrategyFactory.of(null, null));
        live = new LiveControl(session);
    }

    @AfterContainer
    static void stop() {
        loop.shutdownGracefully();
    }

    @Provide
    Arbitrary<String> configs() {
        // a configuration is typed by a person: the 1 MiB variants only cost time (SnakeYAML caps input at 3 MB)
        return Mutations.mutatedText(List.of(CONFIG, BotConfigTest.VALID)).filter(y -> y.length() < 64 * 1024);
    }

    @Provide
    Arbitrary<String> commands() {
        return Mutations.mutatedText(List.of("set risk max_position_usd 5000", "set btc-vest-paradex spread_entry 0.2",
            "set * slippage_bps 5", "  SET   risk   max_daily_loss_usd   100  ", "halt", "status", "params",
            "set risk max_position_base 0.01", "set risk cooldown_ms 1000"));
    }

    @Provide
    Arbitrary<byte[]> signInput() {
        return Mutations.mutated(FuzzSeeds.lines(ExamplesFuzzTest.class, "/fuzz/sign-lines.jsonl"));
    }

    /** YAML: loaded, or {@link BotConfig.ConfigException} naming the origin, on one line. */
    @Property
    void configLoadsOrFailsWithOneClearLine(@ForAll("configs") final String yaml) {
        for (final boolean safety : new boolean[] {false, true}) {
            try {
                if (safety) {
                    assertThat(SafetyConfig.parse(yaml, "f.yaml")).isNotNull();
                } else {
                    assertThat(BotConfig.parse(yaml, "f.yaml")).isNotNull();
                }
            } catch (BotConfig.ConfigException e) {
                assertThat(e.getMessage()).startsWith("f.yaml").doesNotContain("\n\tat ");
                assertThat(e.getMessage().length()).isLessThan(2000);
            }
        }
    }

    /** Control commands: normalised once, and {@code set} answers lines (usage or error included), never throws. */
    @Property
    void controlCommandIsNormalisedAndAnswered(@ForAll("commands") final String line) {
        final List<String> seen = new ArrayList<>();
        new ControlChannel(seen::add).dispatch(line);
        if (line.trim().isEmpty()) {
            assertThat(seen).isEmpty();
            return;
        }
        assertThat(seen).hasSize(1);
        final String command = seen.get(0);
        assertThat(command).isEqualTo(command.trim()).doesNotContain("  ");
        if (command.startsWith("set ")) {
            final String[] args = command.substring(4).split(" ");
            final List<String> answer = live.command(args);
            if (!(args.length == 3 && ("*".equals(args[0]) || "all".equals(args[0])))) {
                assertThat(answer).isNotEmpty(); // "*" with no bots started answers nothing
            }
            for (final String a : answer) {
                assertThat(a).doesNotContain("\n").doesNotContain("Exception");
            }
        }
        new ControlChannel(c -> {
            throw new IllegalStateException("handler failure stays inside the channel");
        }).dispatch(line);
    }

    /** {@code sign}: one JSON answer per line, a typed one-line error for bad input, and never the key echoed. */
    @Property
    void signAnswersEveryLineWithoutEchoingTheKey(@ForAll("signInput") final byte[] input) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int code = SignCommand.run(new ByteArrayInputStream(input), new PrintStream(bytes, true,
            StandardCharsets.UTF_8));
        assertThat(code).isBetween(0, 1);
        final String out = bytes.toString(StandardCharsets.UTF_8);
        // one answer per line feed, blank lines included, plus one for a last line without a line feed
        long inputLines = 0;
        boolean pending = false;
        for (final byte b : input) {
            pending = b != '\n';
            inputLines += pending ? 0 : 1;
        }
        inputLines += pending ? 1 : 0;
        final List<String> lines = out.lines().toList();
        assertThat(lines).hasSize((int) inputLines);
        for (final String l : lines) {
            final JsonNode n = JSON.readTree(l);
            if (n.has("error")) {
                // "signing failed (X)" is the code's typed fallback for what a signer library refuses; it must stay
                // rare: the fields it has been seen for (key and account ranges, short strings, decimals) are checked
                assertThat(n.get("error").asText()).matches("line \\d+: .*");
            } else {
                assertThat(n.has("signature")).isTrue();
            }
        }
        assertThat(out).doesNotContain("ac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb")
            .doesNotContain("543b6cf6c91817a87174aaea4fb370ac1c69");
    }
}
