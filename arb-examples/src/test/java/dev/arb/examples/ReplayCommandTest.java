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
}
