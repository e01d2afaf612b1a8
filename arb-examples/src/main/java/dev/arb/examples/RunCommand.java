package dev.arb.examples;

import dev.arb.api.ExchangeAdapter;
import dev.arb.executor.ReconciliationException;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.alert.WebhookAlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.SqliteJournal;
import dev.arb.operator.OperatorEvents;
import dev.arb.operator.OperatorServer;
import dev.arb.operator.OperatorSettings;
import dev.arb.operator.OperatorSource;
import dev.arb.operator.metrics.OperatorMetrics;
import dev.arb.strategy.api.InvalidParameterException;
import dev.arb.strategy.source.StrategyLoadException;
import dev.arb.strategy.source.StrategySourceWatcher;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb run}: trades the configured bots, either against both venues simulated in-process
 * ({@code --sim}, no keys needed) or against the real venues ({@code --config}, credentials from the
 * environment, see {@link Credentials}). Stops after {@code --duration}, on Ctrl-C or on the
 * {@code flatten} control command, then closes every position with reduce-only orders and prints a
 * summary. Every order intent, answer and unwind step goes to the journal ({@code --journal}); the
 * bots reconcile with it before trading. Control commands ({@code halt}, {@code resume},
 * {@code flatten}, {@code status}, {@code params}, {@code set}) come from stdin ({@code --control-stdin})
 * and/or a control file. {@code --strategy FILE.java} runs a source strategy and swaps in each saved
 * version; {@code --watch-config} applies live edits of the YAML file.
 *
 * <p><b>Note:</b> a command object; runs on the calling thread, trading runs on one event loop.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Trade the spread between Vest and Paradex (simulated with --sim).")
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--sim", description = "Run against simulated Vest and Paradex venues on 127.0.0.1 (no keys).")
    boolean sim;

    @Option(names = "--config", description = "YAML config (bots, markets, venues). Defaults to the built-in "
        + "simulation config with --sim.")
    Path config;

    @Option(names = "--duration", converter = DurationConverter.class,
        description = "How long to trade, e.g. 60s, 5m (default: until Ctrl-C; 60s with --sim).")
    Duration duration;

    @Option(names = "--summary-json", description = "Also write the summary as JSON to this file.")
    Path summaryJson;

    @Option(names = "--seed", defaultValue = "42", description = "Simulated market seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--journal", description = "Journal file (SQLite). Default ./arb-journal.db, or a temporary "
        + "file with --sim.")
    Path journalFile;

    @Option(names = "--control-stdin", description = "Read control commands (halt, resume, flatten, status) from "
        + "stdin.")
    boolean controlStdin;

    @Option(names = "--control-file", description = "Poll this file for control commands (one per line).")
    Path controlFile;

    @Option(names = "--strategy", description = "Run this Java source strategy (compiled at start, recompiled and "
        + "swapped in whenever the file is saved) instead of the built-in one.")
    Path strategyFile;

    @Option(names = "--http", description = "Serve the dashboard, status API, metrics and control on HOST:PORT "
        + "(default 127.0.0.1:8080, or http.listen in the YAML; port 0 picks a free one), or 'off'.")
    String http;

    @Option(names = "--watch-config", description = "Apply edits of the --config file while running (parameters "
        + "that can change live; others are refused with the reason).")
    boolean watchConfig;

    @Option(names = "--connect-timeout", converter = DurationConverter.class, defaultValue = "15s",
        description = "How long the venues may take to connect at start-up (markets, streams, login), e.g. 10s; "
            + "past it the bot exits with code 5 naming the venue (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /** Where the credentials are read from: the process environment (a test hands in its own). */
    Map<String, String> env = System.getenv();

    /** Where the one-line start-up and fatal errors go: stderr (a test hands in its own). */
    java.io.PrintStream err = System.err;

    /**
     * Runs the bot. Whatever goes wrong ends in one line on stderr naming the cause and what to do (the
     * stack trace goes to the DEBUG log) and an exit code: 0 done and flat, 1 an unexpected error,
     * 2 bad input (options, config, credentials, journal path), 3 a bot or the risk guard halted trading
     * (not an operator's {@code halt}), 4 start-up reconciliation refused, 5 a venue unreachable at start-up.
     *
     * @return the exit code
     */
    @Override
    public Integer call() {
        try {
            return run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted while " + (e.getMessage() == null ? "running" : e.getMessage()));
            LOG.debug("interrupted", e);
            return 1;
        } catch (Exception | LinkageError e) {
            err.println("error: " + ErrorText.rootCause(e) + " (rerun with ARB_LOG_LEVEL=DEBUG for the details; "
                + "report it with that log if it persists)");
            LOG.debug("run failed", e);
            return 1;
        }
    }

    private int run() throws Exception {
        final BotConfig botConfig;
        final SafetyConfig safety;
        final SafetyConfig.Loaded loaded;
        try {
            loaded = config != null ? SafetyConfig.load(config)
                : sim ? new SafetyConfig.Loaded(builtInSimConfig(), SafetyConfig.defaults()) : null;
            botConfig = loaded == null ? null : loaded.bots();
            safety = loaded == null ? null : loaded.safety();
        } catch (BotConfig.ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (botConfig == null) {
            err.println("error: give --config FILE for the real venues, or --sim for simulated ones");
            return 2;
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            err.println("error: --connect-timeout must be positive, e.g. 10s");
            return 2;
        }
        if (watchConfig && config == null) {
            err.println("error: --watch-config needs --config FILE");
            return 2;
        }
        final OperatorSettings httpSettings;
        try {
            httpSettings = OperatorSettings.parse(http != null ? http : safety.http().listenOrDefault(),
                safety.http().tokenEnv());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        final StrategyFactory strategies;
        try {
            strategies = StrategyFactory.of(botConfig.strategy(), strategyFile);
        } catch (StrategyLoadException e) {
            err.println("error: strategy not loaded: " + e.getMessage());
            LOG.debug("strategy not loaded", e);
            return 2;
        }
        Credentials.Vest vestCredentials = null;
        Credentials.Paradex paradexCredentials = null;
        if (!sim) {
            try {
                if (LiveVenues.uses(botConfig, "vest")) {
                    vestCredentials = Credentials.vest(env);
                }
                if (LiveVenues.uses(botConfig, "paradex")) {
                    paradexCredentials = Credentials.paradex(env);
                }
            } catch (Credentials.CredentialException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }
        final Duration runFor = duration != null ? duration : sim ? Duration.ofSeconds(60) : null;
        final EventLoopGroup loop = new NioEventLoopGroup(1);
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "arb-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        SimulatedVenues simVenues = null;
        final Map<String, ExchangeAdapter> adapters = new LinkedHashMap<>();
        final Map<String, String> endpoints = new LinkedHashMap<>();
        final Path journalPath = journalFile != null ? journalFile
            : sim ? Files.createTempFile("arb-sim-journal", ".db") : Path.of("arb-journal.db");
        final boolean tempJournal = journalFile == null && sim;
        Journal journal = null;
        ControlChannel control = null;
        final List<AutoCloseable> watchers = new ArrayList<>();
        final OperatorEvents operatorEvents = new OperatorEvents();
        final MetricsHolder metrics = new MetricsHolder();
        OperatorServer server = null;
        if (httpSettings != null) {
            try {
                server = OperatorServer.start(httpSettings, operatorEvents, metrics::scrape);
            } catch (IllegalStateException e) {
                err.println("error: " + e.getMessage());
                LOG.debug("HTTP server not started", e);
                loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                Runtime.getRuntime().removeShutdownHook(hook);
                return 2;
            }
            System.out.println("dashboard: " + server.url());
            LOG.info("dashboard and API on {}", server.url());
            watchers.add(server);
        }
        try {
            try {
                journal = SqliteJournal.open(journalPath, safety.synchronous());
            } catch (RuntimeException e) {
                err.println("error: journal " + journalPath + " cannot be opened: " + ErrorText.rootCause(e)
                    + "; give --journal a writable file path (its directory must exist)");
                LOG.debug("journal not opened", e);
                return 2;
            }
            LOG.info("journal {} (run {})", journalPath, journal.runId());
            final java.net.URI webhook = safety.webhook();
            final AlertSink sink = webhook == null ? AlertSink.fanOut(AlertSink.log(), operatorEvents.alertSink())
                : AlertSink.fanOut(AlertSink.log(), new WebhookAlertSink(webhook, Duration.ofSeconds(5)),
                operatorEvents.alertSink());
            final long maxAge = maxQuoteAge(botConfig, safety);
            if (sim) {
                simVenues = SimulatedVenues.start(seed, loop, maxAge);
                adapters.put("vest", simVenues.vest());
                adapters.put("paradex", simVenues.paradex());
                LOG.info("simulated venues up (seed {}), trading for {}", seed, runFor);
            } else {
                LiveVenues.open(botConfig, vestCredentials, paradexCredentials, loop, maxAge, adapters, endpoints);
            }
            final TradingSession session = new TradingSession(loop.next(), adapters, botConfig, safety, journal, sink,
                strategies);
            operatorEvents.venues(adapters);
            final OperatorSource operatorSource = new SessionOperatorSource(sim ? "sim" : "live", session, null, adapters,
                stop);
            if (server != null) {
                metrics.set(new OperatorMetrics(operatorSource));
                watchers.add(metrics);
                session.extraListeners(bot -> List.of(operatorEvents.listener(bot), metrics.get().listener(bot)));
            }
            try {
                session.start(connectTimeout, endpoints);
            } catch (VenueUnreachableException e) {
                err.println("error: " + e.getMessage());
                LOG.debug("venue unreachable", e);
                return 5;
            } catch (ReconciliationException e) {
                err.println("error: refusing to start: " + e.getMessage());
                return 4;
            } catch (InvalidParameterException | StrategyLoadException e) {
                err.println("error: " + e.getMessage());
                LOG.debug("refused to start", e);
                return 2;
            }
            final LiveControl live = new LiveControl(session);
            if (server != null) {
                ((SessionOperatorSource) operatorSource).live(live);
                server.attach(operatorSource);
            }
            if (controlStdin || controlFile != null) {
                control = ControlChannel.start(controlStdin ? System.in : null, controlFile,
                    new ControlCommands(session, live, stop)::handle);
            }
            if (strategies.file() != null) {
                watchers.add(new StrategySourceWatcher(strategies.file(),
                    file -> session.reloadStrategy().forEach(RunCommand::report),
                    e -> LOG.warn("strategy watcher: {}", e.toString())));
                LOG.info("watching {}: a save recompiles the strategy and swaps it in", strategies.file());
            }
            if (watchConfig) {
                watchers.add(new ConfigWatcher(config, loaded, live));
            }
            final RunSummary summary = session.runFor(runFor, stop, sim ? "sim" : "live");
            summary.print(System.out);
            if (summaryJson != null) {
                summary.writeJson(summaryJson);
            }
            return summary.haltedUnexpectedly() ? 3 : 0;
        } finally {
            for (AutoCloseable w : watchers) {
                w.close();
            }
            if (control != null) {
                control.close();
            }
            for (ExchangeAdapter adapter : adapters.values()) {
                adapter.close();
            }
            if (journal != null) {
                journal.close();
            }
            if (tempJournal) {
                Files.deleteIfExists(journalPath);
                Files.deleteIfExists(Path.of(journalPath + "-wal"));
                Files.deleteIfExists(Path.of(journalPath + "-shm"));
            }
            if (simVenues != null) {
                simVenues.close();
            }
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting through the hook
            }
        }
    }

    /** Prints one answer line of a control command or a watched change (errors also go to the log). */
    static void report(final String line) {
        System.err.println(line);
        if (line.startsWith("error: ")) {
            LOG.warn(line.substring(7));
        } else {
            LOG.info(line);
        }
    }

    /** @return the largest quote-age gate of the bots, ms: the venues' own staleness limit */
    private static long maxQuoteAge(final BotConfig config, final SafetyConfig safety) {
        return config.bots().stream().mapToLong(safety::quoteAgeMs).max().orElse(2000);
    }

    static BotConfig builtInSimConfig() throws java.io.IOException {
        try (InputStream in = RunCommand.class.getResourceAsStream("sim-config.yaml")) {
            if (in == null) {
                throw new IllegalStateException("sim-config.yaml missing from the jar");
            }
            return BotConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in sim config");
        }
    }
}
