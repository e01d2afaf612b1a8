package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code arb replay} says about files it cannot replay: one line on stderr, the right exit code. */
class ReplayInputTest {
    /** The top-of-book lines of the production capture's head (see ReplayCommandTest). */
    private static final List<String> TOP_OF_BOOK = List.of(
        "7687289234 83472.2 0.01198 83487.2 0.00015",
        "7687289240 83462.7 0.00015 83487.2 0.00015",
        "7687289241 83476.5 0.01198 83487.2 0.00015");

    private static List<String> productionCapture() throws Exception {
        return Files.readAllLines(Path.of(ReplayInputTest.class
            .getResource("/captures/btc-order-book-deltas-2026-10-08.head.jsonl").toURI()));
    }

    private static String vestDepth(final long tNs) {
        return "{\"t_ns\":" + tNs + ",\"opcode\":\"text\",\"text\":\"{\\\"channel\\\":\\\"BTC-PERP@depth\\\","
            + "\\\"data\\\":{\\\"bids\\\":[[\\\"64899\\\",\\\"1\\\"]],\\\"asks\\\":[[\\\"64900\\\",\\\"1\\\"]]}}\"}";
    }

    /** The capture's lines, then 20 text frames of 1 KiB (more than one 8 KiB decoder block), then {@code bad}. */
    private static byte[] captureWithBadLineAt33(final byte[] bad) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<String> lines = new ArrayList<>(productionCapture());
        for (int i = 0; i < 20; i++) {
            lines.add("{\"t_ns\":1791421537957184" + (100 + i) + ",\"opcode\":\"text\",\"text\":\"{\\\"jsonrpc\\\":"
                + "\\\"2.0\\\",\\\"pad\\\":\\\"" + "x".repeat(1024) + "\\\"}\"}");
        }
        for (String l : lines) {
            out.write(l.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.write(bad);
        out.write('\n');
        out.write(productionCapture().get(1).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        return out.toByteArray();
    }

    @Test
    void shouldStopAtALineThatIsNotUtf8NamingItAfterPrintingTheFramesBeforeIt(@TempDir final Path dir)
        throws Exception {
        final byte[] bad = "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"caf\u00e9 X\"}".getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 4] = (byte) 0xC3; // the 'X' after a lead byte: 0xC3 0x20 ... is malformed
        bad[bad.length - 3] = (byte) 0x28;
        final Path file = dir.resolve("paradex.jsonl");
        Files.write(file, captureWithBadLineAt33(bad));
        final Cli.Result r = Cli.run("replay", "--venue", "paradex", "--market", "BTC-USD-PERP", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.outLines()).containsExactlyElementsOf(TOP_OF_BOOK);
        assertThat(r.errLines()).singleElement().asString().startsWith("error: " + file)
            .contains("line 33 is not valid UTF-8").doesNotContain("Exception");
    }

    @Test
    void shouldNameTheVestFileAndLineOfInvalidUtf8InMergedCaptures(@TempDir final Path dir) throws Exception {
        final Path paradex = dir.resolve("p.jsonl");
        final Path vest = dir.resolve("v.jsonl");
        Files.write(paradex, productionCapture());
        final ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.write((vestDepth(1) + "\n" + vestDepth(2) + "\n").getBytes(StandardCharsets.UTF_8));
        v.write(new byte[] {'{', (byte) 0xFF, '}', '\n'});
        Files.write(vest, v.toByteArray());
        final Cli.Result r = Cli.run("replay", paradex.toString(), vest.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains(vest.toString())
            .contains("line 3 is not valid UTF-8 (byte 2 of the line)");
    }

    @Test
    void shouldSayADirectoryIsNotACaptureAndNameTheRecordedFilesInIt(@TempDir final Path dir) throws Exception {
        Files.write(dir.resolve("paradex.jsonl"), productionCapture());
        final Cli.Result r = Cli.run("replay", "--venue", "paradex", "--market", "BTC-USD-PERP", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
            .isEqualTo("error: " + dir + " is a directory, not a capture file; give its files: "
                + dir.resolve("paradex.jsonl") + ' ' + dir.resolve("vest.jsonl"));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldSayAFileIsMissingInOneLine(@TempDir final Path dir) throws Exception {
        final Path paradex = dir.resolve("paradex.jsonl");
        Files.write(paradex, productionCapture());
        final Cli.Result r = Cli.run("replay", paradex.toString(), dir.resolve("nope.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("error: no such file: " + dir.resolve("nope.jsonl"));
    }

    @Test
    void shouldSayACaptureIsEmpty(@TempDir final Path dir) throws Exception {
        final Path empty = Files.write(dir.resolve("empty.jsonl"), new byte[0]);
        final Path blank = Files.writeString(dir.resolve("blank.jsonl"), "\n  \n\n");
        final Cli.Result one = Cli.run("replay", "--venue", "vest", "--market", "BTC-PERP", empty.toString());
        assertThat(one.code()).isEqualTo(1);
        assertThat(one.errLines()).singleElement().asString()
            .startsWith("error: " + empty + " is an empty capture (no frames)");
        final Path paradex = dir.resolve("paradex.jsonl");
        Files.write(paradex, productionCapture());
        final Cli.Result two = Cli.run("replay", paradex.toString(), blank.toString());
        assertThat(two.code()).isEqualTo(1);
        assertThat(two.errLines()).singleElement().asString()
            .startsWith("error: " + blank + " is an empty capture (no frames)");
    }

    @Test
    void shouldSayTheCapturesAreInTheWrongOrder(@TempDir final Path dir) throws Exception {
        final Path paradex = Files.write(dir.resolve("paradex.jsonl"), productionCapture());
        final Path vest = Files.write(dir.resolve("vest.jsonl"), List.of("{\"t_ns\":1,\"opcode\":\"text\",\"text\":"
            + "\"{\\\"result\\\":null,\\\"id\\\":1}\"}", vestDepth(2)));
        final Cli.Result r = Cli.run("replay", vest.toString(), paradex.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("wrong order")
            .contains("arb replay " + paradex + ' ' + vest);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldSayBothCapturesAreOfTheSameVenue(@TempDir final Path dir) throws Exception {
        final Path paradex = Files.write(dir.resolve("paradex.jsonl"), productionCapture());
        final Cli.Result r = Cli.run("replay", paradex.toString(), paradex.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("both captures look like paradex captures");
        final Path vest = Files.write(dir.resolve("vest.jsonl"), List.of(vestDepth(1)));
        final Cli.Result v = Cli.run("replay", vest.toString(), vest.toString());
        assertThat(v.errLines()).singleElement().asString().contains("both captures look like vest captures");
    }

    @Test
    void shouldNameTheOptionOfABadSpreadSetting(@TempDir final Path dir) throws Exception {
        final Path paradex = Files.write(dir.resolve("paradex.jsonl"), productionCapture());
        final Path vest = Files.write(dir.resolve("vest.jsonl"), List.of(vestDepth(1)));
        final Cli.Result r = Cli.run("replay", "--size", "-1", paradex.toString(), vest.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("error: --size must be >= 0 (base units; 0 = top of book)");
    }

    @Test
    void shouldSayASingleCaptureIsOfTheOtherVenue(@TempDir final Path dir) throws Exception {
        final Path paradex = Files.write(dir.resolve("paradex.jsonl"), productionCapture());
        final Cli.Result r = Cli.run("replay", "--venue", "vest", "--market", "BTC-PERP", paradex.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
            .contains("looks like a paradex capture, but --venue vest was given");
    }

    @Test
    void shouldHandOutEveryLineBeforeABadOneAndGoOnAfterIt() throws IOException {
        final byte[] input = "a\nb\n\u00e9\n".getBytes(StandardCharsets.UTF_8);
        final byte[] withBad = new byte[input.length + 3];
        System.arraycopy(input, 0, withBad, 0, 4);
        withBad[4] = (byte) 0x80;
        withBad[5] = '\n';
        withBad[6] = 'z';
        System.arraycopy(input, 4, withBad, 7, input.length - 4);
        // a\n b\n 0x80\n z é\n
        final Utf8LineReader reader = new Utf8LineReader(new ByteArrayInputStream(withBad));
        final StringWriter seen = new StringWriter();
        final char[] buf = new char[64];
        int n;
        Utf8LineReader.InvalidUtf8Exception error = null;
        while (true) {
            try {
                n = reader.read(buf, 0, buf.length);
            } catch (final Utf8LineReader.InvalidUtf8Exception e) {
                error = e;
                continue;
            }
            if (n < 0) {
                break;
            }
            seen.write(buf, 0, n);
        }
        assertThat(error).isNotNull();
        assertThat(error.lineNumber()).isEqualTo(3);
        assertThat(error.column()).isEqualTo(1);
        assertThat(seen.toString()).isEqualTo("a\nb\nz\u00e9\n");
    }
}
