package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code arb backtest} over the shipped paired capture (10 s of the simulated venues, see
 * {@code backtest/README.md}): the real decoders, strategy and engine trade on the captures' clock, the run
 * ends flat, its PnL lines add up, and two runs write byte-identical JSON.
 */
class BacktestCommandTest {
    private static final Path CAPTURES = Path.of("src", "test", "resources", "dev", "arb", "examples", "backtest");

    @Test
    void shouldTradeTheCaptureAndGiveByteIdenticalResultsRunAfterRun(@TempDir final Path dir) throws Exception {
        final Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
            markets:
              BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}
            bots:
              - {id: btc-backtest, pair: BTC, dex_a: vest, dex_b: paradex, spread_entry: 0.05, spread_exit: -0.10,
                 leverage: 5, position_size: 0.01}
            """);
        final Path first = dir.resolve("first.json");
        final Path second = dir.resolve("second.json");
        for (Path out : new Path[] {first, second}) {
            final int code = new CommandLine(new Main()).execute("backtest", "--paradex",
                CAPTURES.resolve("paradex.jsonl").toString(), "--vest", CAPTURES.resolve("vest.jsonl").toString(),
                "--config", config.toString(), "--latency-ms", "25", "--json", out.toString());
            assertThat(code).as("ends flat").isZero();
        }
        assertThat(Files.readAllBytes(second)).as("deterministic").isEqualTo(Files.readAllBytes(first));

        final Path report = dir.resolve("report.html");
        assertThat(new CommandLine(new Main()).execute("backtest", "--paradex",
            CAPTURES.resolve("paradex.jsonl").toString(), "--vest", CAPTURES.resolve("vest.jsonl").toString(),
            "--config", config.toString(), "--report", report.toString())).isZero();
        final String html = Files.readString(report);
        assertThat(html.split("src=\"data:image/png;base64,", -1)).as("two embedded charts").hasSize(3);
        assertThat(html).doesNotContain("http://").doesNotContain("https://").contains("<h2>Fills</h2>");

        final JsonNode r = new ObjectMapper().readTree(first.toFile());
        assertThat(r.get("frames").asLong()).isEqualTo(Files.readAllLines(CAPTURES.resolve("paradex.jsonl")).size()
            + Files.readAllLines(CAPTURES.resolve("vest.jsonl")).size());
        assertThat(r.get("entries").asLong()).as("the strategy traded the capture").isPositive();
        assertThat(r.get("endedFlat").asBoolean()).isTrue();
        final JsonNode pnl = r.get("pnl");
        assertThat(pnl.get("spreadUsd").decimalValue().add(pnl.get("slippageUsd").decimalValue())
            .add(pnl.get("feesUsd").decimalValue()).add(pnl.get("fundingUsd").decimalValue()))
            .isEqualByComparingTo(pnl.get("totalUsd").decimalValue());
        BigDecimal lines = BigDecimal.ZERO;
        for (JsonNode round : r.get("rounds")) {
            lines = lines.add(round.get("totalUsd").decimalValue());
        }
        assertThat(lines).as("the rounds add up to the total").isEqualByComparingTo(pnl.get("totalUsd").decimalValue());
        assertThat(pnl.get("feesUsd").decimalValue()).as("taker fees were charged").isNegative();
        assertThat(r.get("lastFundingRatePerHour").get("vest").isTextual()).as("from the recorded tickers").isTrue();
        assertThat(r.get("lastFundingRatePerHour").get("paradex").isTextual()).as("from the recorded summaries")
            .isTrue();
    }
}
