package dev.arb.examples;

import dev.arb.api.ExchangeAdapter;
import dev.arb.executor.BreakerStatus;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.ExecutorStats;
import dev.arb.executor.ParamChange;
import dev.arb.executor.PnlBreakdown;
import dev.arb.executor.ReconciliationException;
import dev.arb.executor.ReconciliationReport;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.SizeFormat;
import dev.arb.executor.StrategyStatus;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.source.StrategyLoadException;
import io.netty.channel.EventLoop;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured bots over connected adapters: one {@link DeltaNeutralExecutor} per bot, all on
 * the one event loop that also carries both venues' market data, sharing one journal, one alert sink
 * and one {@link RiskGuard}; each reconciles with the venues and the journal before it trades; then
 * flattens and summarises. The venues connect through the {@link VenueConnector}; the final positions
 * are read by {@link FinalPositions}.
 *
 * <p><b>Note:</b> driven from one control thread (the command's); trading runs on {@code loop}.
 */
final class TradingSession {
    private static final Logger LOG = LoggerFactory.getLogger(TradingSession.class);
    private static final long FLATTEN_TIMEOUT_S = 60;

    private final EventLoop loop;
    private final Map<String, ExchangeAdapter> adapters;
    private final BotConfig config;
    private final SafetyConfig safety;
    private final Journal journal;
    private final AtomicLong alertCount = new AtomicLong();
    private final AlertSink alerts;
    private final RiskGuard risk;
    private final List<DeltaNeutralExecutor> executors = new ArrayList<>();
    private final Map<String, DeltaNeutralExecutor> byId = new LinkedHashMap<>();
    private final List<ParamChange> riskChanges = new CopyOnWriteArrayList<>();
    private final AtomicLong compileFailures = new AtomicLong();
    private volatile StrategyFactory strategies;
    private java.util.function.Function<String, List<ExecutionListener>> extraListeners = bot -> List.of();
    private final List<RunMetrics> metrics = new ArrayList<>();
    private final List<SizeFormat> sizeFormats = new ArrayList<>();
    private final Map<String, String> reconciliation = new LinkedHashMap<>();
    private final LiquidationGuards liquidationGuards;

    /**
     * @param loop     the single event loop shared by both adapters (and so by the executors)
     * @param adapters adapters keyed by venue name
     * @param config   the bots to run
     * @param safety   execution, risk, reconciliation settings
     * @param journal  the run's journal
     * @param sink     where alerts go (counted for the summary)
     * @param strategies makes each bot's strategy
     */
    TradingSession(final EventLoop loop, final Map<String, ExchangeAdapter> adapters, final BotConfig config,
        final SafetyConfig safety, final Journal journal, final AlertSink sink, final StrategyFactory strategies) {
        this.loop = loop;
        this.strategies = strategies;
        this.adapters = adapters;
        this.config = config;
        this.safety = safety;
        this.journal = journal;
        this.alerts = a -> {
            alertCount.incrementAndGet();
            sink.alert(a);
        };
        this.risk = new RiskGuard(safety.riskLimits(), alerts, journal, Clock.systemUTC());
        this.liquidationGuards = new LiquidationGuards(safety.liquidationSettings(), this.alerts);
    }

    /** @return the run's shared circuit breaker (for the control channel) */
    RiskGuard risk() {
        return risk;
    }

    /**
     * @param extra listeners every bot's executor also reports to (the operator plane), by bot id; set
     *              before {@link #start()}
     */
    void extraListeners(final java.util.function.Function<String, List<ExecutionListener>> extra) {
        this.extraListeners = extra;
    }

    private ExecutionListener listenerFor(final String bot, final RunMetrics own) {
        final List<ExecutionListener> all = new ArrayList<>();
        all.add(own);
        all.addAll(extraListeners.apply(bot));
        return all.size() == 1 ? own : new CompositeListener(all);
    }

    /** @return the event loop the bots trade on */
    EventLoop loop() {
        return loop;
    }

    /**
     * @param bot a bot id
     * @return {@code tickToDecisionUs} and {@code decisionToAckUs} as {p50, p99, p99.9, max} in µs, read on
     *     the event loop (waits at most 200 ms), or an empty map
     */
    Map<String, double[]> latencyMicros(final String bot) {
        final int i = new ArrayList<>(byId.keySet()).indexOf(bot);
        if (i < 0 || i >= metrics.size()) {
            return Map.of();
        }
        final RunMetrics m = metrics.get(i);
        try {
            return loop.submit(() -> {
                final Map<String, double[]> out = new LinkedHashMap<>();
                out.put("tickToDecisionUs", micros(m.tickToDecisionNanos));
                out.put("decisionToAckUs", micros(m.decisionToAckNanos));
                return out;
            }).get(200, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static double[] micros(final Histogram h) {
        if (h.getTotalCount() == 0) {
            return new double[4];
        }
        return new double[] {h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
            h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0};
    }

    /** @return the running bots by id (for the control channel) */
    Map<String, DeltaNeutralExecutor> executors() {
        return byId;
    }

    /** Records a change of a shared risk limit, for the summary. */
    void recordChange(final ParamChange change) {
        riskChanges.add(change);
        LOG.info("risk {}: {} -> {}", change.param(), change.oldValue(), change.newValue());
    }

    /**
     * Compiles the strategy's source file again and hands a new instance to every bot, which swaps it in
     * between two events; a compile error or a refusal leaves the running strategy in place.
     *
     * @return one line per bot, or the compile error (file:line)
     */
    List<String> reloadStrategy() {
        final StrategyFactory next;
        try {
            next = strategies.recompile();
        } catch (StrategyLoadException e) {
            compileFailures.incrementAndGet();
            final String why = "strategy " + strategies.file() + " refused, the running one stays: " + e.getMessage();
            alerts.alert(Alert.of(AlertKind.STRATEGY, true, "all", why));
            journal.append(JournalEvent.note(journal.runId(), JournalEventType.STRATEGY, "refused " + e.getMessage()));
            return List.of("error: " + why);
        }
        strategies = next;
        final List<String> out = new ArrayList<>();
        byId.forEach((id, executor) -> {
            try {
                executor.swapStrategy(next.create(), next.source()).get(10, TimeUnit.SECONDS);
                out.add(id + ": strategy " + next.source() + " took over");
            } catch (Exception e) {
                out.add("error: " + id + ": strategy refused: " + (e.getCause() != null ? e.getCause() : e));
            }
        });
        return out;
    }

    /** @return one line per bot: state, positions, breaker (for the {@code status} command) */
    String status() {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < executors.size(); i++) {
            final ExecutorStats s = executors.get(i).stats();
            final SizeFormat f = sizeFormats.get(i);
            b.append(config.bots().get(i).id()).append(": ").append(s.state()).append(s.halted() ? " HALTED" : "")
                .append(", positions ").append(f.format(s.positionA())).append(" / ")
                .append(f.format(s.positionB())).append(", entries ").append(s.entries()).append(", exits ")
                .append(s.exits()).append(", PnL ").append(executors.get(i).pnl().toCents().totalUsd().toPlainString())
                .append(" USD, strategy ").append(executors.get(i).strategyStatus().name()).append(", ")
                .append(executors.get(i).parameters()).append("; ");
        }
        final BreakerStatus breaker = risk.status();
        b.append("breaker ").append(breaker.state()).append(" (trips ").append(breaker.trips()).append("), alerts ")
            .append(alertCount.get());
        return b.toString();
    }

    /**
     * Connects every adapter, then reconciles and starts every bot.
     *
     * @param connectTimeout how long all venues together may take to connect (markets, streams, login)
     * @param endpoints      per venue, the URLs it connects to, for the error message
     * @throws VenueUnreachableException if a venue fails to connect or does not within {@code connectTimeout}
     *     (the first venue in the configured order that failed is named)
     * @throws ReconciliationException if a bot's reconciliation refused the start
     * @throws Exception if a bot cannot be started otherwise
     */
    void start(final Duration connectTimeout, final Map<String, String> endpoints) throws Exception {
        VenueConnector.connectAll(adapters, connectTimeout, endpoints);
        for (BotConfig.Bot bot : config.bots()) {
            final ExchangeAdapter a = adapters.get(bot.dexA());
            final ExchangeAdapter b = adapters.get(bot.dexB());
            final ExecutorConfig executorConfig = safety.apply(ExecutorConfig.builder()
                .entryThresholdPct(bot.spreadEntry().doubleValue())
                .exitThresholdPct(bot.spreadExit().doubleValue())
                .positionSizeBase(bot.positionSize())
                .slippageBps(bot.slippageBpsOrDefault())
                .useVwap(true), bot)
                .build();
            final dev.arb.api.MarketSpec specA = a.marketSpec(config.symbol(bot.pair(), bot.dexA()));
            final dev.arb.api.MarketSpec specB = b.marketSpec(config.symbol(bot.pair(), bot.dexB()));
            final SizeFormat botSizes = SizeFormat.of(specA, specB);
            sizeFormats.add(botSizes);
            final RunMetrics m = new RunMetrics(bot.id(), Map.of(RunMetrics.key(specA.venue(), specA.symbol()), specA,
                RunMetrics.key(specB.venue(), specB.symbol()), specB), botSizes);
            final Strategy strategy = strategies.create();
            final DeltaNeutralExecutor executor = new DeltaNeutralExecutor(a, config.symbol(bot.pair(), bot.dexA()), b,
                config.symbol(bot.pair(), bot.dexB()), executorConfig, loop, listenerFor(bot.id(), m),
                new ExecutorContext(bot.id(), journal, alerts, risk, safety.policy()), strategy, strategies.source(),
                strategies.parametersFor(bot, strategy));
            executors.add(executor);
            byId.put(bot.id(), executor);
            metrics.add(m);
            LOG.info("bot {} trading {} on {} ({}) against {} ({}), strategy {} ({}), parameters {}", bot.id(),
                bot.pair(), bot.dexA(), config.symbol(bot.pair(), bot.dexA()), bot.dexB(),
                config.symbol(bot.pair(), bot.dexB()), strategy.name(), strategies.source(), executor.parameters());
            try {
                executor.start();
                liquidationGuards.watch(bot.id(), executor, a, b);
            } finally {
                final ReconciliationReport r = executor.reconciliation();
                reconciliation.put(bot.id(), r == null ? "NONE" : r.outcome() + (r.differences().isEmpty() ? ""
                    : " (" + r.differences().size() + " difference(s))"));
            }
        }
    }

    /**
     * Trades until {@code duration} has passed (null = forever) or {@code stop} is counted down, then
     * stops entering, flattens every bot and reads the venues' final positions.
     *
     * @param duration how long to trade, or null
     * @param stop     counted down to stop early (Ctrl-C)
     * @param mode     {@code sim} or {@code live}, for the summary
     * @return the run's summary
     * @throws Exception if interrupted or a venue cannot be read
     */
    RunSummary runFor(final Duration duration, final CountDownLatch stop, final String mode) throws Exception {
        final long start = System.nanoTime();
        if (duration == null) {
            stop.await();
        } else {
            stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        final long tradedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        final Map<String, dev.arb.executor.LiquidationStatus> margins = liquidationGuards.statuses();
        liquidationGuards.close();
        LOG.info("stopping: no new entries, flattening");
        for (DeltaNeutralExecutor executor : executors) {
            executor.stopEntries();
        }
        for (DeltaNeutralExecutor executor : executors) {
            try {
                executor.flatten().get(FLATTEN_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.error("flatten failed: {} — check the venues' positions by hand", e.toString());
            }
            executor.stop();
        }
        journal.flush().get(10, TimeUnit.SECONDS);
        return summarize(mode, tradedMs, margins);
    }

    private RunSummary summarize(final String mode, final long tradedMs,
        final Map<String, dev.arb.executor.LiquidationStatus> margins) throws Exception {
        long opportunities = 0;
        long opportunitiesRefused = 0;
        long entries = 0;
        long exits = 0;
        long oneSided = 0;
        long unwinds = 0;
        long sent = 0;
        long rejected = 0;
        PnlBreakdown pnl = PnlBreakdown.ZERO;
        long swaps = 0;
        long swapFailures = compileFailures.get();
        final List<ParamChange> changes = new ArrayList<>(riskChanges);
        for (DeltaNeutralExecutor executor : executors) {
            pnl = pnl.plus(executor.pnl().toCents());
            final StrategyStatus st = executor.strategyStatus();
            swaps += st.swaps();
            swapFailures += st.swapFailures();
            changes.addAll(st.paramChanges());
            final ExecutorStats s = executor.stats();
            opportunities += s.opportunities();
            opportunitiesRefused += s.opportunitiesRefused();
            entries += s.entries();
            exits += s.exits();
            oneSided += s.oneSidedFills();
            unwinds += s.unwinds();
            sent += s.ordersSent();
            rejected += s.ordersRejected();
        }
        final Map<String, BigDecimal> positions = FinalPositions.read(adapters, config);
        final Histogram tick = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Histogram ack = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        loop.submit(() -> {
            for (RunMetrics m : metrics) {
                tick.add(m.tickToDecisionNanos);
                ack.add(m.decisionToAckNanos);
            }
        }).get(10, TimeUnit.SECONDS);
        changes.sort(java.util.Comparator.comparingLong(ParamChange::timeMs));
        final StrategyStatus first = executors.isEmpty() ? null : executors.get(0).strategyStatus();
        final BreakerStatus breaker = risk.status();
        // one truth for "halted": a bot's own halt (it names the bot) or the shared guard's (operator or risk)
        RunSummary.Halt halt = null;
        for (int i = 0; i < executors.size() && halt == null; i++) {
            final ExecutorStats s = executors.get(i).stats();
            if (s.halted()) {
                halt = new RunSummary.Halt("bot " + config.bots().get(i).id(), s.haltReason());
            }
        }
        if (halt == null && "HALTED".equals(breaker.state())) {
            halt = new RunSummary.Halt(breaker.haltedBy() == null ? "risk" : breaker.haltedBy(), breaker.lastReason());
        }
        return new RunSummary(mode, tradedMs, opportunities, opportunitiesRefused, entries, exits, oneSided, unwinds,
            sent, rejected, positions, pnl, halt, tick, ack, breaker, alertCount.get(), new LinkedHashMap<>(reconciliation),
            first == null ? "none" : first.name(), first == null ? "" : first.sourceSha256(), swaps, swapFailures,
            changes, margins);
    }
}
