package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.capture.CaptureFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Moved with {@link ParadexReplay} from arb-paradex-sbe; the capture reader's own tests are arb-capture's. */
class ParadexReplayTest {
    /** The production capture (shared/fixtures/paradex/sbe), as in arb-paradex-sbe's tests. */
    private static final String CAPTURE = "/captures/btc-order-book-deltas-2026-10-08.head.jsonl";
    private static final String BTC = "BTC-USD-PERP";
    /**
     * A schema 1:1 BookEvent SNAPSHOT of BTC-USD-PERP at seq 1000 with one bid (62000.5 x 0.25) and no asks, Base64:
     * the bytes of arb-paradex-sbe's {@code SbeFrames.bookSnapshotWithoutAsks()}.
     */
    private static final String SNAPSHOT_WITHOUT_ASKS_B64 =
        "WQADAAEAAQBAWn2EQUAGAOgDAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABAAAQCAIMePowUAAEB4fQEAAAAAEAAA"
        + "AAxCVEMtVVNELVBFUlA=";

    /*
     * Expected lines, derived by reading the frames (see arb-paradex-sbe's CapturedBookTest for the reference-book cross-check):
     * - seq 7687289234 SNAPSHOT: best bid 8347220000000 x 1198000 = 83472.2 x 0.01198,
     *   best ask 8348720000000 x 15000 = 83487.2 x 0.00015                        -> printed
     * - 7687289235: bid 83412.2 x 0.00019, below the best bid                      -> top unchanged
     * - 7687289236..239: no levels                                                 -> top unchanged
     * - 7687289240: bid 83472.2 size 0 removes the best bid; the snapshot's second bid
     *   8346270000000 x 15000 = 83462.7 x 0.00015 becomes best                     -> printed
     * - 7687289241: bid 83476.5 x 0.01198, above 83462.7 and below the ask          -> printed
     * - 7687289242: removes bid 81672.7 and ask 84867 (deep levels)                 -> top unchanged
     * - 7687289243: bid 81809.3 x 0.94604 (deep); 7687289244: ask 85008.9 x 0.91043 (deep) -> unchanged
     */
    private static final List<String> EXPECTED = List.of(
        "7687289234 83472.2 0.01198 83487.2 0.00015",
        "7687289240 83462.7 0.00015 83487.2 0.00015",
        "7687289241 83476.5 0.01198 83487.2 0.00015");

    @Test
    void shouldPrintOneLinePerTopOfBookChange() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ReplaySummary summary;
        try (Reader in = reader(CAPTURE); PrintStream out = new PrintStream(bytes, true,
            StandardCharsets.UTF_8)) {
            summary = ParadexReplay.run(in, BTC, out);
        }

        assertThat(lines(bytes)).containsExactlyElementsOf(EXPECTED);
        assertThat(summary.textFrames()).isEqualTo(1);
        assertThat(summary.binaryFrames()).isEqualTo(11);
        assertThat(summary.topOfBookChanges()).isEqualTo(3);
        assertThat(summary.gaps()).isZero();
        assertThat(summary.badFrames()).isZero();
    }

    @Test
    void shouldPrintGapWhenADeltaIsMissing() throws IOException {
        final List<String> captureLines = new ArrayList<>(
            resourceText(CAPTURE).lines().toList());
        captureLines.remove(7); // line 8: the delta at seq 7687289240

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ReplaySummary summary = ParadexReplay.run(new StringReader(String.join("\n", captureLines)), BTC,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(lines(bytes)).containsExactly(
            "7687289234 83472.2 0.01198 83487.2 0.00015",
            "GAP 7687289240 7687289241");
        assertThat(summary.gaps()).isEqualTo(1);
    }

    @Test
    void shouldPrintDashesForAnEmptySide() throws IOException {
        final String snapshotWithoutAsks = "{\"t_ns\":1,\"opcode\":\"binary\",\"b64\":\""
            + SNAPSHOT_WITHOUT_ASKS_B64 + "\"}";
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ParadexReplay.run(new StringReader(snapshotWithoutAsks), BTC,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(lines(bytes)).containsExactly("1000 62000.5 0.25 -");
    }

    @Test
    void shouldIgnoreBookFramesOfOtherMarkets() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Reader in = reader(CAPTURE)) {
            ParadexReplay.run(in, "ETH-USD-PERP", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        assertThat(lines(bytes)).isEmpty();
    }

    @Test
    void shouldThrowATypedErrorNamingTheLineOfAMalformedRecord() {
        final String capture = "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"{}\"}\n"
            + "\n"
            + "{\"t_ns\":2,\"opcode\":\"binary\",\"b64\":\"!!not base64!!\"}\n";

        assertThatThrownBy(() -> ParadexReplay.run(new StringReader(capture), BTC,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
            .isInstanceOf(CaptureFormatException.class)
            .hasMessageContaining("line 3")
            .satisfies(e -> assertThat(((CaptureFormatException) e).lineNumber()).isEqualTo(3));
    }

    private static Reader reader(final String resource) {
        return new InputStreamReader(stream(resource), StandardCharsets.UTF_8);
    }

    private static String resourceText(final String resource) throws IOException {
        try (InputStream in = stream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(final String resource) {
        final InputStream in = ParadexReplayTest.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("missing test resource " + resource);
        }
        return in;
    }

    private static List<String> lines(final ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
