package dev.arb.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.arb.api.ExchangeAdapter;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.SqliteJournal;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb soak}: several bots, each trading its own pair of simulated venues through
 * {@link dev.arb.sim.chaos.ChaosProxy}s that inject random network faults, sampled at a fixed
 * interval (heap after GC, threads, open file descriptors, journal size, event-loop lag, GC pauses).
 * Prints a table, writes JSON and exits 1 if a resource grew or a GC pause delayed a decision
 * ({@link SoakVerdict}).
 *
 * <p><b>Note:</b> not thread-safe; a process runs one command.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Run several bots against the simulators with random network faults and check that memory, "
        + "threads and file descriptors stay flat and GC never delays a decision by more than 10 ms.")
final class SoakCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SoakCommand.class);

    @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "1h",
        description = "How long to run, e.g. 60s, 10m, 1h (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--bots", defaultValue = "2", description = "Bots, each with its own simulated venues "
        + "(default ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--sample", converter = DurationConverter.class,
        description = "Sampling interval (default 60s, or a twelfth of a run shorter than 12 minutes, at least 5s).")
    Duration sample;

    @Option(names = "--fault-every", converter = DurationConverter.class, defaultValue = "15s",
        description = "Mean time between injected faults, over all bots (default ${DEFAULT-VALUE}).")
    Duration faultEvery;

    @Option(names = "--json", description = "Also write the samples and the verdict as JSON to this file.")
    Path json;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the markets and of the faults "
        + "(default ${DEFAULT-VALUE}).")
    long seed;

    /** One bot: its loop, simulated venues behind proxies, journal and session. */
    private record Lane(EventLoopGroup group, SimulatedVenues venues, Path journalPath, Journal journal,
        TradingSession session, Thread runner, RunSummary[] summary) {
    }

    @Override
    public Integer call() throws Exception {
        if (bots < 1 || bots > 8) {
            System.err.println("error: --bots must be 1 to 8, got " + bots);
            return 2;
        }
        if (duration.toSeconds() < 10) {
            System.err.println("error: --duration must be at least 10s");
            return 2;
        }
        final Duration every = sample != null ? sample : duration.toMinutes() >= 12 ? Duration.ofSeconds(60)
            : Duration.ofSeconds(Math.max(5, duration.toSeconds() / 12));
        final CountDownLatch stop = new CountDownLatch(1);
        final AtomicLong alerts = new AtomicLong();
        final List<Lane> lanes = new ArrayList<>();
        SoakChaos chaos = null;
        SoakProbe probe = null;
        try {
            for (int i = 0; i < bots; i++) {
                lanes.add(startLane(seed + i, stop, alerts));
            }
            chaos = new SoakChaos(lanes.stream().flatMap(l -> l.venues().proxies().stream()).toList(), faultEvery,
                seed);
            probe = new SoakProbe(lanes.stream().map(l -> l.group().next()).toList(),
                lanes.stream().map(Lane::journalPath).toList());
            System.out.printf("soak: %d bot(s) for %s, a sample every %ss, a fault every ~%ss%n", bots,
                duration.toString().substring(2).toLowerCase(), every.toSeconds(), faultEvery.toSeconds());
            final List<SoakProbe.Sample> samples = new ArrayList<>();
            printHeader(System.out);
            final long start = System.nanoTime();
            final long end = start + duration.toNanos();
            long next = start + every.toNanos();
            while (next < end) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                samples.add(print(System.out, probe.sample()));
                next += every.toNanos();
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
            chaos.close();
            final boolean settled = awaitConnected(lanes, Duration.ofSeconds(30));
            samples.add(print(System.out, probe.sample()));
            final SoakVerdict verdict = SoakVerdict.judge(samples, duration.toSeconds());
            stop.countDown();
            long halted = 0;
            for (Lane l : lanes) {
                l.runner().join(TimeUnit.SECONDS.toMillis(120));
                halted += l.summary()[0] != null && l.summary()[0].halted() ? 1 : 0;
            }
            report(System.out, verdict, chaos, alerts.get(), halted, settled);
            if (json != null) {
                writeJson(samples, verdict, chaos, alerts.get(), halted, every);
            }
            return verdict.passed() && settled ? 0 : 1;
        } finally {
            stop.countDown();
            if (chaos != null) {
                chaos.close();
            }
            if (probe != null) {
                probe.close();
            }
            for (Lane l : lanes) {
                closeLane(l);
            }
        }
    }

    private static Lane startLane(final long seed, final CountDownLatch stop, final AtomicLong alerts)
        throws Exception {
        final EventLoopGroup group = new NioEventLoopGroup(1);
        final BotConfig config = RunCommand.builtInSimConfig();
        final SafetyConfig safety = SafetyConfig.defaults();
        final SimulatedVenues venues = SimulatedVenues.start(seed, group, 2_000, true);
        final Path journalPath = Files.createTempFile("arb-soak-journal", ".db");
        final Journal journal = SqliteJournal.open(journalPath, safety.synchronous());
        final Map<String, ExchangeAdapter> adapters = new LinkedHashMap<>();
        adapters.put("vest", venues.vest());
        adapters.put("paradex", venues.paradex());
        final TradingSession session = new TradingSession(group.next(), adapters, config, safety, journal,
            AlertSink.fanOut(AlertSink.log(), a -> alerts.incrementAndGet()),
            StrategyFactory.of(config.strategy(), null));
        session.start(Duration.ofSeconds(30), Map.of());
        final RunSummary[] summary = new RunSummary[1];
        final Thread runner = new Thread(() -> {
            try {
                summary[0] = session.runFor(null, stop, "soak");
            } catch (Exception e) {
                LOG.warn("soak bot {} ended with {}", seed, e.toString());
                LOG.debug("soak bot ended", e);
            }
        }, "soak-bot-" + seed);
        runner.start();
        return new Lane(group, venues, journalPath, journal, session, runner, summary);
    }

    private static boolean awaitConnected(final List<Lane> lanes, final Duration timeout) throws InterruptedException {
        final long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (lanes.stream().allMatch(l -> l.venues().vest().isConnected() && l.venues().paradex().isConnected())) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    private static void closeLane(final Lane l) {
        try {
            l.venues().close();
            l.journal().close();
            Files.deleteIfExists(l.journalPath());
            Files.deleteIfExists(Path.of(l.journalPath() + "-wal"));
            Files.deleteIfExists(Path.of(l.journalPath() + "-shm"));
        } catch (Exception e) {
            LOG.debug("soak lane close", e);
        } finally {
            l.group().shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static void printHeader(final PrintStream out) {
        out.println("     s  heap-after-GC MB  threads  fds  journal KB  loop-lag-max ms  GC pauses  GC max ms  "
            + "delayed>10ms");
    }

    private static SoakProbe.Sample print(final PrintStream out, final SoakProbe.Sample s) {
        out.printf("%6d  %16.1f  %7d  %3d  %10.1f  %15.1f  %9d  %9d  %12d%n", s.atSeconds(),
            s.heapAfterGcBytes() / 1048576.0, s.threads(), s.openFds(), s.journalBytes() / 1024.0, s.loopLagMaxMs(),
            s.gcPauses(), s.gcPauseMaxMs(), s.delayedDecisions());
        out.flush();
        return s;
    }

    private static void report(final PrintStream out, final SoakVerdict v, final SoakChaos chaos, final long alerts,
        final long halted, final boolean settled) {
        out.printf("faults injected %d %s, alerts %d, bots halted %d%n", chaos.injected(), chaos.byKind(), alerts,
            halted);
        out.printf("heap after GC %+.1f %%, threads %+d, fds %+d, GC pauses over 10 ms %d%n", v.heapGrowthPct(),
            v.threadGrowth(), v.fdGrowth(), v.delayedDecisions());
        if (!settled) {
            out.println("FAIL: a venue did not reconnect within 30 s after the faults stopped");
        }
        v.failures().forEach(f -> out.println("FAIL: " + f));
        if (v.passed() && settled) {
            out.println("PASS");
        }
    }

    private void writeJson(final List<SoakProbe.Sample> samples, final SoakVerdict verdict, final SoakChaos chaos,
        final long alerts, final long halted, final Duration every) throws java.io.IOException {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("durationSeconds", duration.toSeconds());
        root.put("bots", bots);
        root.put("sampleSeconds", every.toSeconds());
        root.put("seed", seed);
        root.put("faultsInjected", chaos.injected());
        root.put("faultsByKind", chaos.byKind());
        root.put("alerts", alerts);
        root.put("botsHalted", halted);
        root.put("samples", samples);
        root.put("verdict", verdict);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
    }
}
