package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A tiny hand-written capture with one entry and one exit, known books and known fees: the backtest's fills,
 * fees and PnL equal the hand computation to the cent.
 *
 * <p>t = 1.000 s Vest 100.00 / 100.01, t = 1.001 s Paradex 100.50 / 100.60: buying Vest at 100.01 and selling
 * Paradex at 100.50 is 0.49 % gross, 0.45 % net of the taker fees (Vest 1 bp, Paradex 3 bp) ≥ spread_entry
 * 0.15: enter 10 BTC, filled 25 ms later on the unchanged books. t = 2.000 s Paradex 100.50 / 100.55 (the
 * closing spread, selling Vest at 100.00 and buying Paradex at 100.55, is far below), t = 2.001 s Vest 100.60 /
 * 100.61: closing is (100.60 − 100.55) / 100.55 = 0.0497 % gross, 0.0097 % net ≥ spread_exit −0.05: exit.
 */
class BacktestFillsTest {
    private static final long T0 = 1_000_000_000L;
    private static final long TS_MS = 1_796_400_000_000L;

    @Test
    void shouldFillOneRoundAsComputedByHand(@TempDir final Path dir) throws Exception {
        final Path vest = dir.resolve("vest.jsonl");
        final Path paradex = dir.resolve("paradex.jsonl");
        Files.writeString(vest, vestFrame(T0, "100.00", "100.01", 0) + vestFrame(T0 + 1_001_000_000L, "100.60", "100.61",
            1_001));
        Files.writeString(paradex, paradexFrame(T0 + 1_000_000L, 1, "100.50", "100.60", 1)
            + paradexFrame(T0 + 1_000_000_000L, 2, "100.50", "100.55", 1_000));
        final Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
            markets:
              BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}
            bots:
              - {id: tiny, pair: BTC, dex_a: vest, dex_b: paradex, spread_entry: 0.15, spread_exit: -0.05,
                 leverage: 5, position_size: 10}
            """);
        final Path out = dir.resolve("result.json");
        final int code = new CommandLine(new Main()).execute("backtest", "--paradex", paradex.toString(), "--vest",
            vest.toString(), "--config", config.toString(), "--latency-ms", "25", "--vest-taker-fee", "0.0001",
            "--paradex-taker-fee", "0.0003", "--json", out.toString());
        assertThat(code).isZero();
        final JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertThat(r.get("entries").asLong()).isEqualTo(1);
        assertThat(r.get("exits").asLong()).isEqualTo(1);
        assertThat(r.get("ordersSent").asLong()).isEqualTo(4);

        final BigDecimal size = new BigDecimal("10");
        // long Vest 100.01 -> 100.60, short Paradex 100.50 -> 100.55
        final BigDecimal spread = new BigDecimal("100.60").subtract(new BigDecimal("100.01")).multiply(size)
            .add(new BigDecimal("100.50").subtract(new BigDecimal("100.55")).multiply(size));
        final BigDecimal fees = new BigDecimal("0.0001").multiply(new BigDecimal("100.01").add(new BigDecimal("100.60")))
            .add(new BigDecimal("0.0003").multiply(new BigDecimal("100.50").add(new BigDecimal("100.55"))))
            .multiply(size).negate();
        final JsonNode pnl = r.get("pnl");
        assertThat(pnl.get("spreadUsd").decimalValue()).isEqualByComparingTo(spread.setScale(2, RoundingMode.HALF_UP));
        assertThat(pnl.get("slippageUsd").decimalValue()).as("filled at the decision prices").isZero();
        assertThat(pnl.get("feesUsd").decimalValue()).isEqualByComparingTo(fees.setScale(2, RoundingMode.HALF_UP));
        assertThat(pnl.get("totalUsd").decimalValue()).isEqualByComparingTo(
            spread.setScale(2, RoundingMode.HALF_UP).add(fees.setScale(2, RoundingMode.HALF_UP)));
        assertThat(pnl.get("totalUsd").decimalValue()).isEqualByComparingTo("4.60");
        // exposed from the entry's fills (1.001 s + 25 ms latency) to the exit's fills (2.001 s + 25 ms)
        assertThat(r.get("exposureSeconds").decimalValue()).isEqualByComparingTo("1.000");
    }

    private static String vestFrame(final long tNs, final String bid, final String ask, final long dtMs) {
        final String text = "{\"channel\":\"BTC-PERP@depth\",\"data\":{\"bids\":[[\"" + bid + "\",\"20.0000\"]],"
            + "\"asks\":[[\"" + ask + "\",\"20.0000\"]]},\"tsMs\":" + (TS_MS + dtMs) + "}";
        return "{\"t_ns\":" + tNs + ",\"opcode\":\"text\",\"text\":" + quote(text) + "}\n";
    }

    private static String paradexFrame(final long tNs, final long seq, final String bid, final String ask,
        final long dtMs) {
        final String text = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
            + "\"order_book.BTC-USD-PERP.snapshot@15@50ms\",\"data\":{\"seq_no\":" + seq + ",\"market\":\"BTC-USD-PERP\","
            + "\"last_updated_at\":" + (TS_MS + dtMs) + ",\"update_type\":\"s\",\"inserts\":[{\"side\":\"BUY\",\"price\":\""
            + bid + "\",\"size\":\"20\"},{\"side\":\"SELL\",\"price\":\"" + ask + "\",\"size\":\"20\"}],\"updates\":[],"
            + "\"deletes\":[]}}}";
        return "{\"t_ns\":" + tNs + ",\"opcode\":\"text\",\"text\":" + quote(text) + "}\n";
    }

    private static String quote(final String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
