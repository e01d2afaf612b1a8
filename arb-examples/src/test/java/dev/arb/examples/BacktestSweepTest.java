package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --sweep}: the grid of exact decimal steps, and a parallel run over the shipped capture sorted by PnL. */
class BacktestSweepTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "dev", "arb", "examples", "backtest");

    @Test
    void shouldBuildTheGridOfExactSteps() {
        final BacktestSweep sweep = new BacktestSweep(List.of("spread_entry=0.05:0.15:0.05", "spread_exit=-0.10:0.00:0.10"));
        assertThat(sweep.names()).containsExactly("spread_entry", "spread_exit");
        assertThat(sweep.grid()).containsExactly(
            Map.of("spread_entry", "0.05", "spread_exit", "-0.10"), Map.of("spread_entry", "0.05", "spread_exit", "0.00"),
            Map.of("spread_entry", "0.10", "spread_exit", "-0.10"), Map.of("spread_entry", "0.10", "spread_exit", "0.00"),
            Map.of("spread_entry", "0.15", "spread_exit", "-0.10"), Map.of("spread_entry", "0.15", "spread_exit", "0.00"));
        assertThatThrownBy(() -> new BacktestSweep(List.of("spread_entry=0.3:0.1:0.1")))
            .hasMessageContaining("start ≤ end");
        assertThatThrownBy(() -> new BacktestSweep(List.of("spread_entry")))
            .hasMessageContaining("name=start:end:step");
    }

    @Test
    void shouldRunTheGridInParallelAndSortItByPnl(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("sweep.json");
        final Path report = dir.resolve("sweep.html");
        final int code = new CommandLine(new Main()).execute("backtest", "--paradex",
            CAPTURES.resolve("paradex.jsonl").toString(), "--vest", CAPTURES.resolve("vest.jsonl").toString(),
            "--sweep", "spread_entry=0.05:0.25:0.10", "--sweep", "spread_exit=-0.10:0.00:0.05", "--json", out.toString(),
            "--report", report.toString());
        assertThat(code).isZero();
        final String html = java.nio.file.Files.readString(report);
        assertThat(html.split("src=\"data:image/png;base64,", -1)).as("the PnL heat map").hasSize(2);
        assertThat(html.split("<tr>", -1)).as("a header and nine runs").hasSize(11);
        final JsonNode runs = new ObjectMapper().readTree(out.toFile()).get("runs");
        assertThat(runs).hasSize(9);
        BigDecimal previous = null;
        for (JsonNode r : runs) {
            final BigDecimal pnl = r.get("pnl").get("totalUsd").decimalValue();
            if (previous != null) {
                assertThat(pnl).isLessThanOrEqualTo(previous);
            }
            previous = pnl;
            assertThat(r.get("endedFlat").asBoolean()).isTrue();
        }
    }
}
