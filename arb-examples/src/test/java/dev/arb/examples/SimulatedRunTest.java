package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole bot end to end: both simulators, the real adapters, the spread calculator and the executor. */
class SimulatedRunTest {
    @Test
    void shouldEnterAndExitAndEndFlat(@TempDir final Path dir) throws Exception {
        final Path summary = dir.resolve("summary.json");
        final int code = new CommandLine(new Main()).execute("run", "--sim", "--http", "off", "--duration", "30s", "--seed", "7",
            "--summary-json", summary.toString());
        assertThat(code).isZero();
        final JsonNode json = new ObjectMapper().readTree(summary.toFile());
        assertThat(json.get("entries").asLong()).isPositive();
        assertThat(json.get("exits").asLong()).isPositive();
        assertThat(json.get("ordersSent").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(new BigDecimal(json.get("netPositionBase").get("sum").asText())).isEqualByComparingTo("0");
        assertThat(new BigDecimal(json.get("netPositionBase").get("vest").asText())).isEqualByComparingTo("0");
        assertThat(new BigDecimal(json.get("netPositionBase").get("paradex").asText())).isEqualByComparingTo("0");
        assertThat(json.get("tickToDecisionNanos").get("p50").asLong()).isPositive();
        assertThat(json.get("decisionToAckNanos").get("p99").asLong()).isPositive();
        assertThat(json.get("halted").asBoolean()).isFalse();
        // the liquidation guard read both venues' margin: the simulators' default accounts are far from liquidation
        assertThat(json.get("liquidation").size()).isPositive();
        json.get("liquidation").forEach(bot -> {
            assertThat(bot.get("readFailures").asLong()).isZero();
            assertThat(bot.get("reductions").asLong()).isZero();
        });
    }
}
