package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The strategy layer end to end on the simulated venues: a source strategy edited while the bot trades
 * (a good edit swapped in, a broken one refused), and {@code spread_entry} changed by {@code set} and by
 * the watched YAML, each followed by decisions that use the new value. Progress is observed in the
 * bot's journal (a second, read-only SQLite connection), never by sleeping.
 */
class LiveStrategyTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BOT = "btc-vest-paradex";

    @Test
    void shouldSwapAnEditedStrategyAndRefuseABrokenEditWhileTrading(@TempDir final Path dir) throws Exception {
        final Path source = dir.resolve("ThresholdSpread.java");
        final String original = Files.readString(Path.of("..", "strategies", "ThresholdSpread.java"));
        Files.writeString(source, original);
        final Path journal = dir.resolve("journal.db");
        final Path control = dir.resolve("control");
        final Path summary = dir.resolve("summary.json");
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CommandLine(new Main()).execute(
            "run", "--sim", "--http", "off", "--duration", "150s", "--seed", "7", "--strategy", source.toString(), "--journal",
            journal.toString(), "--control-file", control.toString(), "--summary-json", summary.toString()));
        final JournalProbe probe = new JournalProbe(journal);
        await().atMost(WAIT).until(() -> Files.exists(control));
        await().atMost(WAIT).until(() -> probe.entryIntentAfter(0) > 0); // it trades with the original

        final String edited = original.replace("\"threshold-spread (source)\"", "\"threshold-spread v2\"");
        assertThat(edited).isNotEqualTo(original);
        Files.writeString(source, edited);
        final AtomicLong swapped = new AtomicLong(-1);
        await().atMost(WAIT).until(() -> {
            swapped.set(probe.find("STRATEGY", BOT + " threshold-spread v2", 0));
            return swapped.get() > 0;
        });

        final String broken = edited.replace("    @Override\n    public String name() {",
            "    this is not java;\n    @Override\n    public String name() {");
        final int brokenLine = lineOf(broken, "this is not java;");
        Files.writeString(source, broken);
        await().atMost(WAIT).until(() -> probe.find("STRATEGY", "refused ThresholdSpread.java:" + brokenLine + ":",
            swapped.get()) > 0);
        // the running (edited) strategy keeps deciding: a later entry
        await().atMost(WAIT).until(() -> probe.entryIntentAfter(swapped.get()) > 0);

        Files.writeString(control, "flatten\n");
        assertThat(run.get(120, TimeUnit.SECONDS)).isZero();
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertThat(json.get("strategy").get("name").asText()).isEqualTo("threshold-spread v2");
        assertThat(json.get("strategy").get("sha256").asText()).isEqualTo(Sha.hex(edited));
        assertThat(json.get("strategySwaps").asLong()).isEqualTo(1);
        assertThat(json.get("strategySwapFailures").asLong()).isEqualTo(1);
        assertThat(json.get("halted").asBoolean()).isFalse();
        assertThat(json.get("entries").asLong()).isEqualTo(json.get("exits").asLong());
        assertThat(new BigDecimal(json.get("netPositionBase").get("vest").asText())).isEqualByComparingTo("0");
        assertThat(new BigDecimal(json.get("netPositionBase").get("paradex").asText())).isEqualByComparingTo("0");
        final JsonNode pnl = json.get("pnl");
        assertThat(pnl.get("spreadUsd").decimalValue().add(pnl.get("slippageUsd").decimalValue())
            .add(pnl.get("feesUsd").decimalValue()).add(pnl.get("fundingUsd").decimalValue()))
            .isEqualByComparingTo(pnl.get("totalUsd").decimalValue());
    }

    @Test
    void shouldUseSpreadEntryChangedBySetAndByTheWatchedConfig(@TempDir final Path dir) throws Exception {
        final String yaml = """
            markets:
              BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}
            bots:
              - {id: btc-vest-paradex, pair: BTC, dex_a: vest, dex_b: paradex, spread_entry: 5, spread_exit: -0.05,
                 leverage: 5, position_size: 0.01}
            """;
        final Path config = dir.resolve("config.yaml");
        Files.writeString(config, yaml);
        final Path journal = dir.resolve("journal.db");
        final Path control = dir.resolve("control");
        final Path summary = dir.resolve("summary.json");
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CommandLine(new Main()).execute(
            "run", "--sim", "--http", "off", "--config", config.toString(), "--watch-config", "--duration", "150s", "--seed", "7",
            "--journal", journal.toString(), "--control-file", control.toString(), "--summary-json", summary.toString()));
        final JournalProbe probe = new JournalProbe(journal);
        await().atMost(WAIT).until(() -> Files.exists(control));

        // refused: not a number, a fixed key, an unknown bot; nothing changes
        Files.writeString(control, "set " + BOT + " spread_entry abc\nset " + BOT + " pair ETH\nset nobot spread_entry 1\n"
            + "set " + BOT + " spread_entry -0.5\n");
        final AtomicLong lowered = new AtomicLong(-1);
        await().atMost(WAIT).until(() -> {
            lowered.set(probe.find("PARAM", BOT + " spread_entry 5 -> -0.5", 0));
            return lowered.get() > 0;
        });
        await().atMost(WAIT).until(() -> probe.entryIntentAfter(lowered.get()) > 0);

        Files.writeString(control, "set " + BOT + " spread_entry 5\n");
        final AtomicLong raised = new AtomicLong(-1);
        await().atMost(WAIT).until(() -> {
            raised.set(probe.find("PARAM", BOT + " spread_entry -0.5 -> 5", lowered.get()));
            return raised.get() > 0;
        });

        Files.writeString(config, yaml.replace("spread_entry: 5,", "spread_entry: 0.01,"));
        final AtomicLong watched = new AtomicLong(-1);
        await().atMost(WAIT).until(() -> {
            watched.set(probe.find("PARAM", BOT + " spread_entry 5 -> 0.01", raised.get()));
            return watched.get() > 0;
        });
        await().atMost(WAIT).until(() -> probe.entryIntentAfter(watched.get()) > 0);

        Files.writeString(control, "flatten\n");
        assertThat(run.get(120, TimeUnit.SECONDS)).isZero();
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        final JsonNode changes = json.get("paramChanges");
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0).get("old").asText() + " -> " + changes.get(0).get("new").asText()).isEqualTo("5 -> -0.5");
        assertThat(changes.get(1).get("old").asText() + " -> " + changes.get(1).get("new").asText()).isEqualTo("-0.5 -> 5");
        assertThat(changes.get(2).get("old").asText() + " -> " + changes.get(2).get("new").asText()).isEqualTo("5 -> 0.01");
        assertThat(changes.get(2).get("bot").asText()).isEqualTo(BOT);
        assertThat(new BigDecimal(json.get("netPositionBase").get("sum").asText())).isEqualByComparingTo("0");
    }

    private static int lineOf(final String text, final String needle) {
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }

    /** SHA-256 of a text's UTF-8 bytes, hex. */
    static final class Sha {
        static String hex(final String text) throws Exception {
            final byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            final StringBuilder b = new StringBuilder();
            for (byte x : d) {
                b.append(String.format("%02x", x));
            }
            return b.toString();
        }
    }
}
