package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.capture.CaptureReader;
import dev.arb.capture.CapturedFrame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code record --sim --fast}: ten minutes of the simulated venues on a virtual clock, with the frame counts and
 * receive times the schedule gives, byte-identical run after run, and backtested by {@code arb backtest} to a flat
 * end.
 */
class RecordFastTest {
    private static final long START_NS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 1_000_000L;
    /** 10 minutes of 100 ms steps. */
    private static final int STEPS = 6000;
    /** The Vest client's PING every 30 s over 10 minutes. */
    private static final int PONGS = 20;

    private static String[] run(final String... args) {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            final int code = new CommandLine(new Main()).execute(args);
            return new String[] {Integer.toString(code), bytes.toString(StandardCharsets.UTF_8),
                errors.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static List<CapturedFrame> read(final Path file) throws Exception {
        final List<CapturedFrame> frames = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            final CaptureReader r = new CaptureReader(in);
            for (CapturedFrame f = r.next(); f != null; f = r.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void shouldRecordTenMinutesOnAVirtualClockIdenticallyAndBacktestThemToAFlatEnd(@TempDir final Path dir)
        throws Exception {
        final Path first = dir.resolve("first");
        final Path second = dir.resolve("second");
        for (Path out : new Path[] {first, second}) {
            final String[] rec = run("record", "--sim", "--fast", "--seed", "3", "--duration", "10m", "--out",
                out.toString());
            assertThat(rec[0]).as(rec[2]).isEqualTo("0");
            assertThat(rec[1]).contains("recorded paradex " + (3 + 2 * STEPS) + " frames")
                .contains("vest " + (3 + 2 * STEPS + PONGS) + " frames").contains(STEPS + " steps");
        }
        for (String venue : new String[] {"paradex.jsonl", "vest.jsonl"}) {
            assertThat(Files.readAllBytes(second.resolve(venue))).as(venue + " deterministic")
                .isEqualTo(Files.readAllBytes(first.resolve(venue)));
        }

        final List<CapturedFrame> paradex = read(first.resolve("paradex.jsonl"));
        final List<CapturedFrame> vest = read(first.resolve("vest.jsonl"));
        // Paradex: book ack, SBE snapshot, summary ack, then an SBE delta and an SBE summary per step
        assertThat(paradex).hasSize(3 + 2 * STEPS);
        assertThat(paradex.subList(3, paradex.size())).allMatch(f -> f.opcode() == CapturedFrame.Opcode.BINARY);
        assertThat(paradex.get(0).text()).contains("order_book.BTC-USD-PERP.deltas");
        // Vest: two acks, a depth snapshot, then depth + tickers per step, and a PONG every 30 s
        assertThat(vest).hasSize(3 + 2 * STEPS + PONGS);
        assertThat(vest).filteredOn(f -> f.text().startsWith("{\"channel\":\"BTC-PERP@depth\"")).hasSize(1 + STEPS);
        assertThat(vest).filteredOn(f -> f.text().startsWith("{\"channel\":\"tickers\"")).hasSize(STEPS);
        assertThat(vest).filteredOn(f -> f.text().equals("{\"data\":\"PONG\"}")).hasSize(PONGS);
        for (List<CapturedFrame> frames : List.of(paradex, vest)) {
            assertThat(frames).isSortedAccordingTo(Comparator.comparingLong(CapturedFrame::receivedNanos));
            assertThat(frames.get(0).receivedNanos()).isEqualTo(START_NS);
            assertThat(frames.get(frames.size() - 1).receivedNanos() - START_NS).as("span")
                .isEqualTo(600_000_000_000L);
        }
        // the venue time of the last step is its virtual time
        assertThat(vest.get(vest.size() - 3).text()).endsWith("\"tsMs\":" + (START_NS / 1_000_000 + 600_000) + "}");

        final Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
            markets:
              BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}
            bots:
              - {id: btc-fast, pair: BTC, dex_a: vest, dex_b: paradex, spread_entry: 0.10, spread_exit: -0.05,
                 leverage: 5, position_size: 0.01}
            """);
        final Path json = dir.resolve("backtest.json");
        final String[] bt = run("backtest", "--paradex", first.resolve("paradex.jsonl").toString(), "--vest",
            first.resolve("vest.jsonl").toString(), "--config", config.toString(), "--json", json.toString());
        assertThat(bt[0]).as("backtest ends flat: " + bt[1] + bt[2]).isEqualTo("0");
        final JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("frames").asLong()).isEqualTo(paradex.size() + vest.size());
        assertThat(r.get("endedFlat").asBoolean()).isTrue();
        assertThat(r.get("entries").asLong()).as("ten minutes of dislocations are traded").isPositive();
        assertThat(r.get("exits").asLong()).isEqualTo(r.get("entries").asLong());
    }

    @Test
    void shouldRefuseFastWithoutTheSimulator(@TempDir final Path dir) {
        final String[] rec = run("record", "--fast", "--duration", "1h", "--out", dir.toString());
        assertThat(rec[0]).isEqualTo("2");
        assertThat(rec[2]).contains("--fast needs --sim").doesNotContain("Exception");
    }

    @Test
    void shouldExplainABadStartTime(@TempDir final Path dir) {
        final String[] rec = run("record", "--sim", "--fast", "--start", "yesterday", "--out", dir.toString());
        assertThat(rec[0]).isEqualTo("2");
        assertThat(rec[2]).contains("not an ISO-8601 instant").contains("'yesterday'").doesNotContain("Exception");
    }

    @Test
    void shouldNameAMarketTheSimulatorDoesNotQuote(@TempDir final Path dir) {
        final String[] rec = run("record", "--sim", "--fast", "--vest-market", "DOGE-PERP", "--duration", "1s",
            "--out", dir.toString());
        assertThat(rec[0]).isEqualTo("2");
        assertThat(rec[2]).contains("DOGE-PERP").contains("BTC-PERP").doesNotContain("Exception");
    }
}
