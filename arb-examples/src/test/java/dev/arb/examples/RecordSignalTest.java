package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.capture.CaptureReader;
import java.io.File;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arb record} stopped by SIGTERM (a child JVM, since a test cannot signal its own): it prints how many
 * frames it wrote per venue, and each file holds exactly that many complete frames (flushed, none cut).
 */
class RecordSignalTest {
    private static final Pattern SUMMARY = Pattern.compile(
        "recorded paradex (\\d+) frames to .*, vest (\\d+) frames to .* \\(stopped by a signal after [0-9.]+ s\\)");

    private static long frames(final Path file) throws Exception {
        long n = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            final CaptureReader r = new CaptureReader(in);
            while (r.next() != null) {
                n++;
            }
        }
        return n;
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shouldPrintTheFramesWrittenPerVenueWhenStoppedBySigterm(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("rec");
        final Path stdout = dir.resolve("stdout.txt");
        final Path stderr = dir.resolve("stderr.txt");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "record", "--sim", "--duration", "10m", "--out", out.toString())
            .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            // both venues connected and subscribed, and frames of both reached the files (past the write buffers)
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() ->
                Files.readString(stderr).contains("recording paradex BTC-USD-PERP and vest BTC-PERP to ")
                    && size(out.resolve("paradex.jsonl")) > 0 && size(out.resolve("vest.jsonl")) > 0);
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(143);
        final List<String> lines = Files.readAllLines(stdout);
        assertThat(lines).hasSize(1);
        final Matcher m = SUMMARY.matcher(lines.get(0));
        assertThat(m.matches()).as(lines.get(0)).isTrue();
        final long paradex = Long.parseLong(m.group(1));
        final long vest = Long.parseLong(m.group(2));
        assertThat(paradex).isPositive().isEqualTo(frames(out.resolve("paradex.jsonl")));
        assertThat(vest).isPositive().isEqualTo(frames(out.resolve("vest.jsonl")));
        assertThat(Files.readString(out.resolve("vest.jsonl"))).endsWith("}\n");
        assertThat(Files.readString(stderr)).doesNotContain("Exception");
    }

    private static long size(final Path file) {
        final File f = file.toFile();
        return f.exists() ? f.length() : 0;
    }
}
