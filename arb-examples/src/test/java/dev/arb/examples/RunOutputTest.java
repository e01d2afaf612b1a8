package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * What {@code arb run} logs and summarises when the operator halts and then stops with a position open:
 * the lines a trader reads must say what happened (a flatten, an operator halt), agree with the summary,
 * and print sizes and prices as decimals alike on both venues.
 */
class RunOutputTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger metrics = (Logger) LoggerFactory.getLogger(RunMetrics.class);
    private Level metricsLevel;

    @BeforeEach
    void capture() {
        log.start();
        root.addAppender(log);
        metricsLevel = metrics.getLevel();
        metrics.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
        metrics.setLevel(metricsLevel);
    }

    private List<String> lines(final Level atLeast) {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
            .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void shouldLogAnOperatorHaltAndAShutdownFlattenAsWhatTheyAreAndSummariseOneTruth(@TempDir final Path dir)
        throws Exception {
        final Path summary = dir.resolve("summary.json");
        final Path control = dir.resolve("control");
        final CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new CommandLine(new Main()).execute(
            "run", "--sim", "--http", "off", "--duration", "120s", "--seed", "7", "--control-file", control.toString(),
            "--summary-json", summary.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> lines(Level.INFO).stream().anyMatch(l -> l.contains("] entered ")));
        final String longCommand = "x".repeat(300) + "\u001b[2J";
        Files.writeString(control, "halt\n" + longCommand + "\nflatten\n");
        assertThat(run.get(90, TimeUnit.SECONDS)).as("an operator's halt is no failure").isZero();

        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertThat(json.get("breaker").get("state").asText()).isEqualTo("HALTED");
        assertThat(json.get("halted").asBoolean()).as("one truth with breaker.state").isTrue();
        assertThat(json.get("haltedBy").asText()).isEqualTo("operator");
        assertThat(json.get("breaker").get("haltedBy").asText()).isEqualTo("operator");
        assertThat(json.get("opportunitiesRefused").isIntegralNumber()).isTrue();
        assertThat(json.get("unwinds").asLong()).isZero();

        final List<String> all = lines(Level.DEBUG);
        assertThat(lines(Level.ERROR)).as("nothing went wrong").isEmpty();
        assertThat(all).noneMatch(l -> l.contains("BREAKER_TRIP"));
        assertThat(all).anyMatch(l -> l.startsWith("INFO dev.arb.alert OPERATOR_HALT [operator] operator halt"));
        // the shutdown closes the open position: a flatten, logged as one, the same size text on both venues
        assertThat(all).noneMatch(l -> l.contains("unwind on"));
        assertThat(all).anyMatch(l -> l.matches("INFO .* \\[btc-vest-paradex] flatten on vest: closed 0\\.01000 .*"));
        assertThat(all).anyMatch(l -> l.matches("INFO .* \\[btc-vest-paradex] flatten on paradex: closed 0\\.01000 .*"));
        assertThat(all).anyMatch(l -> l.matches(".*executor btc-vest-paradex reconciliation CLEAN: vest 0\\.00000, "
            + "paradex 0\\.00000"));
        assertThat(all).noneMatch(l -> l.contains("E-8") || l.contains("0.01000000"));
        // DEBUG order answers in decimals, not fixed-point integers
        assertThat(all).anyMatch(l -> l.matches("DEBUG .* order done: vest BTC-PERP (BUY|SELL) FILLED size 0\\.01000 "
            + "filled 0\\.01000 avg price \\d+\\.\\d+ fee .*"));
        assertThat(all).noneMatch(l -> l.contains(" size=") || l.contains("avgPx="));
        // a long control command with a terminal escape: escaped and cut before the log
        assertThat(all).filteredOn(l -> l.contains("control command: xxx")).singleElement().satisfies(l -> {
            assertThat(l).doesNotContain("\u001b").contains("…(+");
            assertThat(l.length()).isLessThan(300);
        });
    }
}
