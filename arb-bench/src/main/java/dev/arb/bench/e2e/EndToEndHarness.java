package dev.arb.bench.e2e;

import dev.arb.sim.process.TickBoard;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * End-to-end latency through the real order path: the simulators in a JVM of their own
 * ({@link SimProcessHandle}, forked), the bot's stack in this one ({@link PathRun}: both real adapters, the
 * {@code DeltaNeutralExecutor} with its risk gate, dedup and order state machine, a SQLite journal), a paced
 * Vest tick turned into a decision by {@link TickStrategy}, and each decision recorded by {@link RoundRecorder}.
 *
 * <p><b>Clocks.</b> The simulator process publishes each tick's planned time and stamps each order's first and
 * last byte with its {@code System.nanoTime()}; this process reads its own. On Linux HotSpot both are
 * {@code clock_gettime(CLOCK_MONOTONIC)}, one clock for every process on the machine, so differences across
 * the two JVMs are meaningful (on another OS they may not be).
 *
 * <p>Usage: {@code java -cp arb-bench/target/benchmarks.jar dev.arb.bench.e2e.EndToEndHarness [--seconds 20]
 * [--rates 5,20,100] [--path old|new|both] [--warmup-seconds 3] [--seed 42]}. With {@code both}, each rate runs
 * on the old path, then on the new one, each on a fresh stack (new adapters, journal and executor) against the
 * same simulator process, and the ratios old ÷ new are printed.
 *
 * <p><b>Note:</b> not thread-safe; a process entry point.
 */
public final class EndToEndHarness {
    private EndToEndHarness() {
    }

    /**
     * Runs every rate on every path asked for.
     *
     * @param rates         offered ticks per second
     * @param paths         old and/or new, in order
     * @param seconds       measured seconds per rate and path
     * @param warmUpSeconds warm-up seconds per rate and path (not measured)
     * @param seed          market model seed
     * @param out           where each result is printed as it completes (null: nowhere)
     * @return the results, rate by rate, paths in the given order
     * @throws Exception if the simulator process or a stack fails
     */
    public static List<Object> run(final int[] rates, final HarnessPath[] paths, final double seconds,
        final double warmUpSeconds, final long seed, final PrintStream out) throws Exception {
        final Path dir = Files.createTempDirectory("arb-e2e");
        final List<Object> results = new ArrayList<>();
        try (TickBoard board = TickBoard.map(dir.resolve("ticks"));
             SimProcessHandle sim = new SimProcessHandle(dir.resolve("ticks"), seed)) {
            int n = 0;
            for (final int rate : rates) {
                RunResult old = null;
                for (final HarnessPath path : paths) {
                    try (PathRun run = new PathRun(sim.ready(), board, path, dir.resolve("journal-" + n++ + ".db"))) {
                        run.warmUp(sim, rate, Math.max(10, (int) Math.round(rate * warmUpSeconds)));
                        final RunResult r = run.measure(sim, rate, Math.max(1, (int) Math.round(rate * seconds)), path);
                        results.add(r);
                        if (out != null) {
                            r.print(out);
                            if (old != null) {
                                RunResult.printRatios(old, r, out);
                            }
                        }
                        old = path == HarnessPath.OLD ? r : null;
                    }
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return results;
    }

    /**
     * @param args {@code [--seconds S] [--rates R,R,…] [--path old|new|both] [--warmup-seconds S] [--seed N]}
     * @throws Exception if the harness cannot run
     */
    public static void main(final String[] args) throws Exception {
        double seconds = 20;
        double warmUp = 3;
        String rates = "5,20,100";
        String path = "both";
        long seed = 42;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--rates" -> rates = args[i + 1];
                case "--path" -> path = args[i + 1];
                case "--warmup-seconds" -> warmUp = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "JVM %s, %d CPUs, %s%n", System.getProperty("java.vm.version"),
            Runtime.getRuntime().availableProcessors(), String.join(" ", args));
        run(Stream.of(rates.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray(), HarnessPath.parse(path),
            seconds, warmUp, seed, out);
    }
}
