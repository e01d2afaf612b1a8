package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RecordCommandTest {
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

    private static List<CapturedFrame> read(final Path file) throws Exception {
        final List<CapturedFrame> frames = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            final CaptureReader r = new CaptureReader(in);
            CapturedFrame f;
            while ((f = r.next()) != null) {
                frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void shouldRecordBothSimulatedVenuesAndReplayTheRecordingThroughTheSpreadCalculator(@TempDir final Path dir)
        throws Exception {
        final String[] rec = run("record", "--sim", "--seed", "5", "--duration", "2s", "--out", dir.toString());
        assertThat(rec[0]).isEqualTo("0");
        final List<CapturedFrame> paradex = read(dir.resolve("paradex.jsonl"));
        final List<CapturedFrame> vest = read(dir.resolve("vest.jsonl"));
        // Paradex: JSON-RPC acks as text, SBE book frames as binary; Vest: JSON depth snapshots
        assertThat(paradex).anyMatch(f -> f.opcode() == CapturedFrame.Opcode.TEXT && f.text().contains("\"result\""));
        assertThat(paradex).anyMatch(f -> f.opcode() == CapturedFrame.Opcode.BINARY);
        assertThat(vest).anyMatch(f -> f.opcode() == CapturedFrame.Opcode.TEXT && f.text().contains("BTC-PERP@depth"));
        assertThat(paradex).isSortedAccordingTo(java.util.Comparator.comparingLong(CapturedFrame::receivedNanos));

        final String[] single = run("replay", "--venue", "paradex", "--market", "BTC-USD-PERP",
            dir.resolve("paradex.jsonl").toString());
        assertThat(single[0]).isEqualTo("0");
        assertThat(single[1].lines()).isNotEmpty().allMatch(l -> l.matches("\\d+ [\\d.]+ [\\d.]+ [\\d.]+ [\\d.]+"));

        final String[] merged = run("replay", "--min-net-bps", "-1000", dir.resolve("paradex.jsonl").toString(),
            dir.resolve("vest.jsonl").toString());
        assertThat(merged[0]).isEqualTo("0");
        final String summary = merged[1].lines().filter(l -> l.startsWith("SUMMARY")).findFirst().orElseThrow();
        assertThat(summary).contains("paradex_frames=" + paradex.size()).contains("vest_frames=" + vest.size())
            .contains("malformed=0").doesNotContain("computed=0 ");
        // a threshold of -1000 bps is met by both directions as soon as both books are valid
        assertThat(merged[1].lines()).anyMatch(l -> l.contains("buy=vest sell=paradex"))
            .anyMatch(l -> l.contains("buy=paradex sell=vest"));
    }
}
