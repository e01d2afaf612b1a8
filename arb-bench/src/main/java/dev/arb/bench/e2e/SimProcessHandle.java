package dev.arb.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.sim.process.GcTotals;
import dev.arb.sim.process.SimProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulators' JVM, forked from this one: {@link SimProcess} run with the current {@code java} and class path
 * (the benchmarks jar, or the test class path), driven over its stdin and read on its stdout, one JSON line per
 * answer. Its stderr (logs) is inherited. {@link #close()} closes its stdin (it exits by itself) and destroys it
 * if it has not exited within 5 s, so no simulator outlives the harness.
 *
 * <p><b>Note:</b> not thread-safe; one control thread.
 */
final class SimProcessHandle implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final BufferedReader stdout;
    private final JsonNode ready;
    private boolean forced;

    /**
     * The end of a {@link #pace}: how late the ticks left, and the model step each venue's book is quoted at.
     *
     * @param maxLateUs   the latest a tick left after its planned time, µs
     * @param vestStep    the Vest book's model step
     * @param paradexStep the Paradex book's model step
     */
    record Paced(long maxLateUs, long vestStep, long paradexStep) {
    }

    /**
     * Order arrivals at the simulators since the previous {@link #stamps()}, oldest first, and the simulators' JVM's
     * GC. The last-byte arrays line up with the first-byte ones (empty from a simulator process that reports no
     * last bytes).
     *
     * @param vestNanos        the reads that carried each Vest order's first byte, ns
     * @param paradexNanos     the reads that carried each Paradex order's first byte, ns
     * @param vestLastNanos    the reads that carried each Vest order's last byte, ns
     * @param paradexLastNanos the reads that carried each Paradex order's last byte, ns
     * @param gc               the simulators' JVM's collections so far
     */
    record Stamps(long[] vestNanos, long[] paradexNanos, long[] vestLastNanos, long[] paradexLastNanos,
        GcTotals gc) {
    }

    /**
     * Forks the simulator process and waits for its ready line.
     *
     * @param tickFile the tick board's file
     * @param seed     market model seed
     * @throws IOException if the process cannot start or ends before it is ready
     */
    SimProcessHandle(final Path tickFile, final long seed) throws IOException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseG1GC", "-cp",
            System.getProperty("java.class.path"), SimProcess.class.getName(), "--tick-file", tickFile.toString(),
            "--seed", Long.toString(seed)));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            ready = await("ready");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** @return the ready line: URLs, credentials, the relays' URLs ({@code SimProcess}) */
    JsonNode ready() {
        return ready;
    }

    /** @return the simulator process's id */
    long pid() {
        return process.pid();
    }

    /** @return whether {@link #close()} had to kill the process (it did not exit within 5 s of its stdin closing) */
    boolean forced() {
        return forced;
    }

    /** @return whether the simulator process is still running */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Steps the Vest book {@code ticks} times at {@code ratePerSecond} and waits until the last tick is out.
     *
     * @param ratePerSecond offered ticks per second
     * @param ticks         number of ticks
     * @return how late the ticks left, and both venues' model steps at the end
     * @throws IOException if the process died
     */
    Paced pace(final int ratePerSecond, final int ticks) throws IOException {
        send("pace " + ratePerSecond + " " + ticks);
        final JsonNode paced = await("paced");
        return new Paced(paced.path("maxLateUs").asLong(), paced.path("vestStep").asLong(),
            paced.path("paradexStep").asLong());
    }

    /**
     * @return the order arrivals since the previous call, oldest first, and the simulator JVM's GC so far
     * @throws IOException if the process died
     */
    Stamps stamps() throws IOException {
        send("stamps");
        final JsonNode s = await("stamps");
        final JsonNode gc = s.path("gc");
        return new Stamps(longs(s.path("vest")), longs(s.path("paradex")), longs(s.path("vestLast")),
            longs(s.path("paradexLast")), new GcTotals(gc.path("youngCount").asLong(), gc.path("youngMs").asLong(),
                gc.path("oldCount").asLong(), gc.path("oldMs").asLong()));
    }

    private static long[] longs(final JsonNode array) {
        final long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private void send(final String command) throws IOException {
        stdin.write(command);
        stdin.write('\n');
        stdin.flush();
    }

    /** Reads stdout until a JSON line with {@code "event": event}; other lines (none expected) are skipped. */
    private JsonNode await(final String event) throws IOException {
        String line;
        while ((line = stdout.readLine()) != null) {
            if (line.startsWith("{\"event\":")) {
                final JsonNode node = JSON.readTree(line);
                if (node.path("event").asText().equals(event)) {
                    return node;
                }
                if (node.path("event").asText().equals("error")) {
                    throw new IllegalStateException("simulator process: " + node.path("message").asText());
                }
            }
        }
        throw new IOException("simulator process ended (exit " + exitCode() + ") before answering " + event);
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "none";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                forced = true;
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            forced = true;
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
