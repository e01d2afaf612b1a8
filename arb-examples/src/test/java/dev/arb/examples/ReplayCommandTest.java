package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {
    private static Path capture() throws Exception {
        return Path.of(ReplayCommandTest.class.getResource("/captures/btc-order-book-deltas-2026-10-08.head.jsonl").toURI());
    }

    private static String[] run(final String... args) {
        final PrintStream saved = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            final int code = new CommandLine(new Main()).execute(args);
            return new String[] {Integer.toString(code), bytes.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void shouldPrintTopOfBookChangesOfTheProductionCapture() throws Exception {
        final String[] out = run("replay", "--venue", "paradex", "--market", "BTC-USD-PERP", capture().toString());
        assertThat(out[0]).isEqualTo("0");
        // snapshot seq 7687289234, then the deltas that moved the top of book (hand-checked in arb-paradex-sbe)
        assertThat(out[1].lines()).containsExactly(
            "7687289234 83472.2 0.01198 83487.2 0.00015",
            "7687289240 83462.7 0.00015 83487.2 0.00015",
            "7687289241 83476.5 0.01198 83487.2 0.00015");
    }

    @Test
    void shouldReportAGapWhenAFrameIsMissing(@TempDir final Path dir) throws Exception {
        final List<String> lines = Files.readAllLines(capture());
        lines.remove(4); // a delta in the middle
        final Path gapped = dir.resolve("gap.jsonl");
        Files.write(gapped, lines);
        final String[] out = run("replay", "--venue", "paradex", "--market", "BTC-USD-PERP", gapped.toString());
        assertThat(out[0]).isEqualTo("0");
        assertThat(out[1].lines()).anyMatch(l -> l.matches("GAP \\d+ \\d+"));
    }

    @Test
    void shouldExitNonZeroNamingTheMalformedLine(@TempDir final Path dir) throws Exception {
        final List<String> lines = Files.readAllLines(capture());
        lines.add(3, "{\"t_ns\": 1, \"opcode\": \"binary\", \"b64\": \"***not base64***\"}");
        final Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, lines);
        final PrintStream savedErr = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            final String[] out = run("replay", "--venue", "paradex", "--market", "BTC-USD-PERP", bad.toString());
            assertThat(out[0]).isEqualTo("1");
        } finally {
            System.setErr(savedErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 4");
    }
    private static String paradexSnapshot(final long tNs, final long seq, final String bid, final String ask) {
        final String text = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
            + "\"order_book.BTC-USD-PERP.snapshot@15@50ms\",\"data\":{\"seq_no\":" + seq + ",\"market\":\"BTC-USD-PERP\","
            + "\"last_updated_at\":1,\"update_type\":\"s\",\"inserts\":[{\"side\":\"BUY\",\"price\":\"" + bid
            + "\",\"size\":\"1\"},{\"side\":\"SELL\",\"price\":\"" + ask + "\",\"size\":\"1\"}],\"updates\":[],"
            + "\"deletes\":[]}}}";
        return textLine(tNs, text);
    }

    private static String vestDepth(final long tNs, final String bid, final String ask) {
        return textLine(tNs, "{\"channel\":\"BTC-PERP@depth\",\"data\":{\"bids\":[[\"" + bid + "\",\"1\"]],"
            + "\"asks\":[[\"" + ask + "\",\"1\"]]}}");
    }

    private static String textLine(final long tNs, final String text) {
        return "{\"t_ns\":" + tNs + ",\"opcode\":\"text\",\"text\":\"" + text.replace("\\", "\\\\")
            .replace("\"", "\\\"") + "\"}";
    }

    @Test
    void shouldReportTheOpportunitiesOfTwoMergedCaptures(@TempDir final Path dir) throws Exception {
        final Path paradex = dir.resolve("paradex.jsonl");
        final Path vest = dir.resolve("vest.jsonl");
        Files.write(paradex, List.of(paradexSnapshot(1_000_000, 1, "65000", "65001"),
            paradexSnapshot(4_000_000, 2, "64800", "64801")));
        Files.write(vest, List.of(vestDepth(2_000_000, "64899", "64900"), vestDepth(3_000_000, "64999.5", "65000.5")));
        final String[] out = run("replay", "--paradex-fee-bps", "3", "--vest-fee-bps", "1", "--min-net-bps", "5",
            paradex.toString(), vest.toString());
        assertThat(out[0]).isEqualTo("0");
        // t=2 ms: buy Vest at 64900, sell Paradex at 65000: 100 / 64900 = 15.41 bps gross, 11.41 net of 4 bps fees;
        // t=3 ms: nothing; t=4 ms: buy Paradex at 64801, sell Vest at 64999.5: 198.5 / 64801 = 30.63 bps gross
        assertThat(out[1].lines()).containsExactly(
            "OPPORTUNITY 2000000 buy=vest sell=paradex net_bps=11.41 gross_bps=15.41 vest=64899/64900 paradex=65000/65001",
            "OPPORTUNITY 4000000 buy=paradex sell=vest net_bps=26.63 gross_bps=30.63 vest=64999.5/65000.5 paradex=64800/64801",
            "SUMMARY paradex_frames=2 vest_frames=2 computed=3 opportunities=2 malformed=0");
    }

    @Test
    void shouldNameTheFileAndLineOfAMalformedMergedCapture(@TempDir final Path dir) throws Exception {
        final Path paradex = dir.resolve("paradex.jsonl");
        final Path vest = dir.resolve("vest.jsonl");
        Files.write(paradex, List.of(paradexSnapshot(1_000_000, 1, "65000", "65001")));
        Files.write(vest, List.of(vestDepth(2_000_000, "64899", "64900"), "{\"t_ns\": 3, \"opcode\": \"binary\"}"));
        final PrintStream savedErr = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("replay", paradex.toString(), vest.toString())[0]).isEqualTo("1");
        } finally {
            System.setErr(savedErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("vest.jsonl").contains("line 2");
    }
    @Test
    void shouldPrintTopOfBookChangesOfAVestCapture(@TempDir final Path dir) throws Exception {
        final Path vest = dir.resolve("vest.jsonl");
        Files.write(vest, List.of(vestDepth(10, "64899", "64900"), vestDepth(20, "64899", "64900"),
            textLine(25, "{\"data\":\"PONG\"}"), vestDepth(30, "64899.5", "64900")));
        final String[] out = run("replay", "--venue", "vest", "--market", "BTC-PERP", vest.toString());
        assertThat(out[0]).isEqualTo("0");
        assertThat(out[1].lines()).containsExactly("10 64899 1 64900 1", "30 64899.5 1 64900 1");
    }
}
