package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParadexReplayTest {

    /*
     * Expected lines, derived by reading the frames (see CapturedBookTest for the reference-book cross-check):
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
        try (Reader in = Fixtures.reader(Fixtures.CAPTURE); PrintStream out = new PrintStream(bytes, true,
            StandardCharsets.UTF_8)) {
            summary = ParadexReplay.run(in, Fixtures.BTC, out);
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
            Fixtures.resourceText(Fixtures.CAPTURE).lines().toList());
        captureLines.remove(7); // line 8: the delta at seq 7687289240

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ReplaySummary summary = ParadexReplay.run(new StringReader(String.join("\n", captureLines)), Fixtures.BTC,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(lines(bytes)).containsExactly(
            "7687289234 83472.2 0.01198 83487.2 0.00015",
            "GAP 7687289240 7687289241");
        assertThat(summary.gaps()).isEqualTo(1);
    }

    @Test
    void shouldPrintDashesForAnEmptySide() throws IOException {
        final String snapshotWithoutAsks = "{\"t_ns\":1,\"opcode\":\"binary\",\"b64\":\""
            + java.util.Base64.getEncoder().encodeToString(SbeFrames.bookSnapshotWithoutAsks()) + "\"}";
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ParadexReplay.run(new StringReader(snapshotWithoutAsks), Fixtures.BTC,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(lines(bytes)).containsExactly("1000 62000.5 0.25 -");
    }

    @Test
    void shouldIgnoreBookFramesOfOtherMarkets() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Reader in = Fixtures.reader(Fixtures.CAPTURE)) {
            ParadexReplay.run(in, "ETH-USD-PERP", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        assertThat(lines(bytes)).isEmpty();
    }

    @Test
    void shouldThrowATypedErrorNamingTheLineOfAMalformedRecord() {
        final String capture = "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"{}\"}\n"
            + "\n"
            + "{\"t_ns\":2,\"opcode\":\"binary\",\"b64\":\"!!not base64!!\"}\n";

        assertThatThrownBy(() -> ParadexReplay.run(new StringReader(capture), Fixtures.BTC,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
            .isInstanceOf(CaptureFormatException.class)
            .hasMessageContaining("line 3")
            .satisfies(e -> assertThat(((CaptureFormatException) e).lineNumber()).isEqualTo(3));
    }

    @Test
    void shouldRejectLinesThatAreNotFrameRecords() {
        assertRejected("not json", "not JSON");
        assertRejected("[1,2]", "not a JSON object");
        assertRejected("{\"opcode\":\"text\",\"text\":\"x\"}", "t_ns");
        assertRejected("{\"t_ns\":\"12\",\"opcode\":\"text\",\"text\":\"x\"}", "t_ns");
        assertRejected("{\"t_ns\":1,\"text\":\"x\"}", "opcode");
        assertRejected("{\"t_ns\":1,\"opcode\":\"ping\"}", "unknown opcode");
        assertRejected("{\"t_ns\":1,\"opcode\":\"text\"}", "text field");
        assertRejected("{\"t_ns\":1,\"opcode\":\"binary\"}", "b64");
    }

    private static void assertRejected(final String line, final String messagePart) {
        assertThatThrownBy(() -> new CaptureReader(new StringReader(line)).next())
            .isInstanceOf(CaptureFormatException.class)
            .hasMessageContaining("line 1")
            .hasMessageContaining(messagePart);
    }

    private static List<String> lines(final ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
