package dev.arb.examples;

import dev.arb.capture.CaptureWriter;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.sim.MarketModel;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestSimulator;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb record --out DIR [--sim] [--duration 60s]}: records every WebSocket frame both venues send, as
 * received, to {@code DIR/paradex.jsonl} and {@code DIR/vest.jsonl}, one frame a line:
 * {@code {"t_ns":<receive ns>,"opcode":"text","text":"…"}} or {@code {"t_ns":…,"opcode":"binary","b64":"…"}}
 * (the format of the shared captures and of {@code arb replay}). Frames are taken through each adapter's
 * {@link dev.arb.api.ExchangeAdapter#setWireTap wire tap} while its books are subscribed; market data only (no
 * account is used).
 *
 * <p>With {@code --sim} both venues are the bundled simulators on 127.0.0.1 (seeded price model; Paradex speaks
 * SBE), so recording is testable offline; otherwise the public production ({@code --env production}) or testnet
 * endpoints. Paradex is recorded as SBE binary market data unless {@code --paradex-json}.
 *
 * <p>With {@code --sim --fast} nothing is started and nothing waits: the simulators' frame sources are stepped on a
 * virtual clock starting at {@code --start} (see {@link FastRecording} for the schedule and what differs from a
 * real-time recording), so {@code --duration 1h} takes seconds; the same seed, start and duration give
 * byte-identical files.
 *
 * <p>Stops after {@code --duration}, or early on SIGTERM or Ctrl-C: a shutdown hook wakes the recording up and
 * waits (up to 10 s) until the files are closed and the frame counts printed, so a stopped recording is complete
 * up to its last frame and says how many frames it holds per venue.
 *
 * <p>Exit codes: 0 recorded, 1 a venue could not be connected or a file not written, 2 bad arguments. Stopped by a
 * signal, the process exits as the JVM does on that signal (143 for SIGTERM) after printing the counts.
 *
 * <p><b>Note:</b> a command object; runs on the calling thread.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Record every WebSocket frame of both venues (JSON Lines, one file per venue).")
public final class RecordCommand implements Callable<Integer> {
    /** How long a SIGTERM waits for the recording to close its files and print its counts, s. */
    private static final long SHUTDOWN_WAIT_S = 10;

    @Option(names = "--out", required = true, description = "Directory for paradex.jsonl and vest.jsonl.")
    Path out;

    @Option(names = "--sim", description = "Record the bundled simulators instead of the real venues.")
    boolean sim;

    @Option(names = "--seed", defaultValue = "1", description = "Price-model seed with --sim (default 1).")
    long seed;

    @Option(names = "--env", defaultValue = "production", description = "production or testnet (without --sim).")
    String env;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
        description = "How long to record, e.g. 30s, 5m (default 60s).")
    Duration duration;

    @Option(names = "--paradex-market", defaultValue = "BTC-USD-PERP", description = "Paradex market.")
    String paradexMarket;

    @Option(names = "--vest-market", defaultValue = "BTC-PERP", description = "Vest market.")
    String vestMarket;

    @Option(names = "--paradex-json", description = "Record Paradex's JSON book feed instead of SBE.")
    boolean paradexJson;

    @Option(names = "--fast", description = "With --sim: generate the recording on a virtual clock, without sockets "
        + "or waiting (--duration is simulated time).")
    boolean fast;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", converter = InstantConverter.class, description = "With --fast: the virtual "
        + "start time, ISO-8601 (default ${DEFAULT-VALUE}); venue timestamps and t_ns count from it.")
    Instant start;

    @Override
    public Integer call() throws Exception {
        if (!sim && !"production".equals(env) && !"testnet".equals(env)) {
            System.err.println("error: --env must be production or testnet");
            return 2;
        }
        if (fast && !sim) {
            System.err.println("error: --fast needs --sim (only the simulated market runs on a virtual clock)");
            return 2;
        }
        if (duration.isNegative()) {
            System.err.println("error: --duration must not be negative");
            return 2;
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            System.err.println("error: cannot create the directory " + out + " (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")");
            return 1;
        }
        // SIGTERM or Ctrl-C: the hook wakes the recording up and waits for it to flush and print its counts
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(SHUTDOWN_WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "arb-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return record(stop);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
    }

    /** Records until {@code stop} opens or {@link #duration} has passed; the files are closed (flushed) after. */
    private int record(final CountDownLatch stop) throws Exception {
        final Path paradexFile = out.resolve("paradex.jsonl");
        final Path vestFile = out.resolve("vest.jsonl");
        if (fast) {
            return recordFast(paradexFile, vestFile);
        }
        ParadexSimulator paradexSim = null;
        VestSimulator vestSim = null;
        final CaptureWriter paradexTap;
        final CaptureWriter vestTap;
        try {
            paradexTap = new CaptureWriter(writer(paradexFile));
        } catch (IOException e) {
            System.err.println("error: cannot write in " + out + " (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")");
            return 1;
        }
        try {
            vestTap = new CaptureWriter(writer(vestFile));
        } catch (IOException e) {
            paradexTap.close();
            System.err.println("error: cannot write in " + out + " (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")");
            return 1;
        }
        final long startNanos = System.nanoTime();
        boolean signalled = false;
        try (paradexTap; vestTap) {
            final ParadexConfig.Builder pc;
            final VestConfig.Builder vc;
            if (sim) {
                final MarketModel model = new MarketModel(MarketModel.Config.defaults(seed));
                paradexSim = ParadexSimulator.start(model, ParadexSimulator.Options.defaults());
                vestSim = VestSimulator.start(model, VestSimulator.Options.defaults());
                pc = ParadexConfig.builder().restBaseUrl(paradexSim.restBaseUrl()).wsUrl(paradexSim.wsUrl())
                    .chainId(paradexSim.chainId());
                vc = VestConfig.builder().restBaseUrl(vestSim.restBaseUrl()).wsUrl(vestSim.wsUrl()).accountGroup(0);
            } else {
                pc = "testnet".equals(env) ? ParadexConfig.testnet() : ParadexConfig.production();
                vc = "testnet".equals(env) ? VestConfig.testnet() : VestConfig.production();
            }
            try (ParadexAdapter paradex = new ParadexAdapter(pc.sbe(!paradexJson).build());
                 VestAdapter vest = new VestAdapter(vc.build())) {
                paradex.setWireTap(paradexTap);
                vest.setWireTap(vestTap);
                paradex.connect().get(30, TimeUnit.SECONDS);
                vest.connect().get(30, TimeUnit.SECONDS);
                paradex.subscribeOrderBook(paradexMarket, b -> { });
                vest.subscribeOrderBook(vestMarket, b -> { });
                System.err.println("recording paradex " + paradexMarket + " and vest " + vestMarket + " to " + out
                    + " for " + duration.toSeconds() + " s (Ctrl-C to stop early)");
                signalled = stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
                paradex.setWireTap(null);
                vest.setWireTap(null);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.err.println("error: connecting failed: " + (e.getCause() != null ? e.getCause() : e));
            return 1;
        } finally {
            if (paradexSim != null) {
                paradexSim.close();
            }
            if (vestSim != null) {
                vestSim.close();
            }
        }
        if (paradexTap.failed() || vestTap.failed()) {
            System.err.println("error: writing a capture failed");
            return 1;
        }
        System.out.println("recorded paradex " + paradexTap.frames() + " frames to " + paradexFile + ", vest "
            + vestTap.frames() + " frames to " + vestFile + (signalled ? String.format(java.util.Locale.ROOT,
            " (stopped by a signal after %.1f s)", (System.nanoTime() - startNanos) / 1e9) : ""));
        System.out.flush();
        return 0;
    }

    private int recordFast(final Path paradexFile, final Path vestFile) throws IOException {
        final long started = System.nanoTime();
        final FastRecording recording;
        try {
            recording = FastRecording.ofDefaults(new MarketModel(MarketModel.Config.defaults(seed)), paradexMarket,
                vestMarket, !paradexJson, start.toEpochMilli(), VestConfig.production().build().pingIntervalMs());
        } catch (final IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        try (CaptureWriter paradexTap = new CaptureWriter(writer(paradexFile));
             CaptureWriter vestTap = new CaptureWriter(writer(vestFile))) {
            final FastRecording.Result r = recording.run(duration, paradexTap, vestTap);
            if (paradexTap.failed() || vestTap.failed()) {
                System.err.println("error: writing a capture failed");
                return 1;
            }
            System.out.println("recorded paradex " + paradexTap.frames() + " frames to " + paradexFile + ", vest "
                + vestTap.frames() + " frames to " + vestFile + " (" + r.steps() + " steps of "
                + duration.toMillis() / 1000.0 + " s virtual time in "
                + (System.nanoTime() - started) / 1_000_000 + " ms)");
            return 0;
        }
    }

    private static Writer writer(final Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Parses an ISO-8601 instant such as {@code 2026-01-01T00:00:00Z}. Stateless, thread-safe. */
    static final class InstantConverter implements picocli.CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(final String value) {
            try {
                return Instant.parse(value.trim());
            } catch (final java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException(
                    "not an ISO-8601 instant (use e.g. 2026-01-01T00:00:00Z): '" + value + "'");
            }
        }
    }
}
