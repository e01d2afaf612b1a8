package dev.arb.executor;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.api.Side;
import dev.arb.api.TimeSource;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.InvalidParameterException;
import dev.arb.strategy.api.LegView;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Parameters;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs the bot's {@link Strategy} on the state thread: feeds it every book change (and its timer and
 * fills) through the read-only {@link StrategyContext} it implements, hands its {@link Intent} to the
 * {@link RoundRunner}, validates and applies parameter changes, and swaps strategies between two
 * events. A strategy that throws is counted and alerted; after {@code strategy_max_errors} throws in
 * a row it is replaced by the built-in strategy with entries off (exits go on). A replacement whose
 * parameters clash, or whose {@code configure} or dry run on the current books throws, is refused and
 * the running one stays.
 *
 * <p><b>Note:</b> confined to the executor's state thread; {@link #status()} may be read from any thread.
 */
final class StrategyHost implements StrategyContext {
    private final ExecutorCore core;
    private final RoundRunner rounds;
    private final Intent intent = new Intent();
    private final Intent dryRun = new Intent();
    private final List<ParamChange> changes = new CopyOnWriteArrayList<>();
    private Strategy strategy;
    private Parameters params;
    private int sizeScale;
    private long positionSizeUnits;
    private long nowNanos;
    private int consecutiveErrors;
    private TimeSource.Cancellable timer;
    private long timerGeneration;
    private volatile String name;
    private volatile String source;
    private volatile long swaps;
    private volatile long swapFailures;
    private volatile long errors;
    private volatile Parameters published;

    /**
     * @throws InvalidParameterException if a parameter name clashes with the engine's or an override is invalid
     */
    StrategyHost(final ExecutorCore core, final RoundRunner rounds, final Strategy initial, final String source,
        final Map<String, String> overrides) {
        this.core = core;
        this.rounds = rounds;
        this.strategy = initial;
        this.params = Parameters.of(union(initial), EngineSettings.canonical(overrides, initial));
        this.published = params;
        this.name = initial.name();
        this.source = source;
    }

    /** Validates the size on the venues' steps, configures the strategy and starts its timer (state thread). */
    void start() {
        core.settings.apply(params, core.sizing, core.legA, core.legB);
        sizeScale = Math.max(core.legA.spec.sizeScale(), core.legB.spec.sizeScale());
        positionSizeUnits = FixedPoint.fromBigDecimal(core.settings.entrySize, sizeScale);
        nowNanos = core.clock.nanoTime();
        strategy.configure(this);
        scheduleTimer();
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }

    // ---------------------------------------------------------------- events (hot path)

    /** A book of either leg changed: the strategy decides, the engine acts. Allocation-free on a hold. */
    void onBook(final Leg leg, final OrderBook book) {
        leg.book = book;
        if (core.ready && core.legA.book != null && core.legB.book != null) {
            final long t0 = core.clock.nanoTime();
            nowNanos = t0;
            intent.hold();
            boolean decided = false;
            try {
                strategy.onBook(this, intent);
                consecutiveErrors = 0;
                decided = true;
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                failed(e);
            }
            if (decided) {
                act(t0);
            }
            final long received = book.receivedNanos();
            core.listener.onDecision(core.clock.nanoTime() - (received != 0 ? received : t0));
        }
    }

    private void onTimer() {
        if (!core.ready || core.legA.book == null || core.legB.book == null) {
            return;
        }
        nowNanos = core.clock.nanoTime();
        intent.hold();
        try {
            strategy.onTimer(this, intent);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            failed(e);
            return;
        }
        act(nowNanos);
    }

    /** One of the engine's orders filled on {@code leg}. */
    void onFill(final Leg leg, final Side side, final long size, final long price) {
        nowNanos = core.clock.nanoTime();
        intent.hold();
        try {
            strategy.onFill(this, leg, side, size, price, intent);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            failed(e);
            return;
        }
        act(nowNanos);
    }

    /** Hands the strategy's intent to the engine; an engine failure is the engine's, not the strategy's. */
    private void act(final long t0) {
        try {
            rounds.act(intent, t0);
        } catch (RuntimeException e) {
            core.internalError(e);
        }
    }

    private void failed(final Throwable e) {
        errors++;
        consecutiveErrors++;
        if (consecutiveErrors == 1) {
            ExecutorCore.LOG.warn("strategy {} of bot {} threw: {}", name, core.botId, e.toString());
            ExecutorCore.LOG.debug("strategy {} threw", name, e);
            core.alert(AlertKind.STRATEGY, false, "strategy " + name + " threw: " + e);
        }
        if (consecutiveErrors >= core.settings.strategyMaxErrors) {
            final String why = "strategy " + name + " threw " + consecutiveErrors + " times in a row (last: " + e
                + "); replaced by the built-in strategy with entries off (exits go on)";
            ExecutorCore.LOG.error("bot {}: {}", core.botId, why);
            core.alert(AlertKind.STRATEGY, true, why);
            core.listener.onStrategyEvent(why);
            final ThresholdSpreadStrategy fallback = ThresholdSpreadStrategy.exitOnly();
            try {
                params = Parameters.of(union(fallback), carried(fallback));
                published = params;
                fallback.configure(this);
            } catch (RuntimeException ex) {
                ExecutorCore.LOG.error("fallback strategy could not be configured: {}", ex.toString());
            }
            install(fallback, "built-in");
        }
    }

    // ---------------------------------------------------------------- swaps and parameters

    /**
     * Replaces the strategy between two events, keeping positions and rounds: refused (the old one stays)
     * if its parameters clash with the engine's, or its {@code configure} or a dry run on the current
     * books throws.
     */
    CompletableFuture<Void> swap(final Strategy next, final String nextSource) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        core.stateThread.execute(() -> {
            final Parameters before = params;
            try {
                params = Parameters.of(union(next), carried(next));
                nowNanos = core.clock.nanoTime();
                next.configure(this);
                if (core.legA.book != null && core.legB.book != null) {
                    dryRun.hold();
                    next.onBook(this, dryRun);
                }
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                params = before;
                swapFailures++;
                final String why = "strategy " + next.getClass().getName() + " refused, " + name + " keeps running: " + e;
                ExecutorCore.LOG.error("bot {}: {}", core.botId, why);
                core.alert(AlertKind.STRATEGY, true, why);
                core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.STRATEGY, core.botId
                    + " refused " + next.getClass().getName() + ": " + e));
                core.listener.onStrategyEvent(why);
                done.completeExceptionally(e);
                return;
            }
            published = params;
            swaps++;
            install(next, nextSource);
            final String what = "strategy " + next.name() + " (" + nextSource + ") took over";
            ExecutorCore.LOG.info("bot {}: {}", core.botId, what);
            core.listener.onStrategyEvent(what);
            done.complete(null);
        });
        return done;
    }

    private void install(final Strategy next, final String nextSource) {
        strategy = next;
        name = next.name();
        source = nextSource;
        consecutiveErrors = 0;
        core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.STRATEGY, core.botId + " "
            + next.name() + " " + nextSource));
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        scheduleTimer();
    }

    /** Schedules the strategy's timer on the engine's clock (virtual in a backtest); each tick hops to the state thread. */
    private void scheduleTimer() {
        final long ms = strategy.timerIntervalMs();
        if (ms > 0) {
            final long generation = ++timerGeneration;
            timer = core.clock.schedule(TimeUnit.MILLISECONDS.toNanos(ms), () -> core.stateThread.execute(() -> {
                if (generation == timerGeneration) {
                    onTimer();
                    scheduleTimer();
                }
            }));
        }
    }

    /**
     * Changes one parameter between two events: validated like at start, applied to the engine and the
     * strategy together, journaled and logged {@code old -> new}; refused with nothing changed otherwise.
     *
     * @return the change; fails with {@link InvalidParameterException}
     */
    CompletableFuture<ParamChange> set(final String name, final String value) {
        final CompletableFuture<ParamChange> done = new CompletableFuture<>();
        core.stateThread.execute(() -> {
            final String param = EngineSettings.canonical(name, strategy);
            final Parameters before = params;
            try {
                final Parameters next = params.with(param, value);
                final String old = before.text(param);
                if (!core.ready) {
                    throw new InvalidParameterException(param + ": the bot is not trading yet");
                }
                core.settings.apply(next, core.sizing, core.legA, core.legB);
                params = next;
                try {
                    strategy.configure(this);
                } catch (RuntimeException e) {
                    params = before;
                    core.settings.apply(before, core.sizing, core.legA, core.legB);
                    strategy.configure(this);
                    throw new InvalidParameterException("strategy " + name + " refused " + param + " = " + value + ": " + e);
                }
                if (EngineSettings.POSITION_SIZE.equals(param) || EngineSettings.MAX_QUOTE_AGE_MS.equals(param)) {
                    positionSizeUnits = FixedPoint.fromBigDecimal(core.settings.entrySize, sizeScale);
                    rounds.configurePricing();
                }
                published = params;
                final ParamChange change = new ParamChange(core.clock.currentTimeMillis(), core.botId, param, old,
                    params.text(param));
                changes.add(change);
                core.journal.append(JournalEvent.note(core.journal.runId(), JournalEventType.PARAM, core.botId + " "
                    + param + " " + old + " -> " + change.newValue()));
                ExecutorCore.LOG.info("bot {} {}: {} -> {}", core.botId, param, old, change.newValue());
                core.listener.onStrategyEvent(param + ": " + old + " -> " + change.newValue());
                done.complete(change);
            } catch (InvalidParameterException e) {
                params = before;
                done.completeExceptionally(e);
            } catch (RuntimeException e) {
                params = before;
                done.completeExceptionally(new InvalidParameterException(param + ": " + e.getMessage()));
            }
        });
        return done;
    }

    /** @return the engine's and the strategy's declarations, refusing a strategy parameter named like the engine's */
    private List<ParamSpec> union(final Strategy s) {
        final List<ParamSpec> all = new ArrayList<>(core.settings.specs());
        for (ParamSpec p : s.parameters()) {
            for (ParamSpec e : core.settings.specs()) {
                if (e.name().equals(p.name())) {
                    throw new InvalidParameterException("strategy " + s.name() + " declares " + p.name()
                        + ", which is an engine parameter: rename it");
                }
            }
            all.add(p);
        }
        return all;
    }

    /** @return the current values of every parameter {@code next} also declares (kept across a swap) */
    private Map<String, String> carried(final Strategy next) {
        final Map<String, String> keep = new java.util.LinkedHashMap<>();
        for (ParamSpec p : core.settings.specs()) {
            keep.put(p.name(), params.text(p.name()));
        }
        for (ParamSpec p : next.parameters()) {
            if (params.has(p.name()) && params.spec(p.name()).type() == p.type()) {
                try {
                    p.parse(params.text(p.name()));
                    keep.put(p.name(), params.text(p.name()));
                } catch (InvalidParameterException e) {
                    // out of the new strategy's bounds: its default applies
                }
            }
        }
        return keep;
    }

    /** @return name, source, counters, parameters and changes, for the summary and the operator */
    StrategyStatus status() {
        return new StrategyStatus(name, source, swaps, swapFailures, errors, published.asText(), List.copyOf(changes));
    }

    /** @return the current parameters (any thread) */
    Parameters parametersPublished() {
        return published;
    }

    // ---------------------------------------------------------------- StrategyContext

    @Override
    public String botId() {
        return core.botId;
    }

    @Override
    public LegView legA() {
        return core.legA;
    }

    @Override
    public LegView legB() {
        return core.legB;
    }

    @Override
    public PositionState state() {
        switch (core.state) {
            case FLAT:
                return PositionState.FLAT;
            case OPEN:
                return PositionState.OPEN;
            default:
                return PositionState.BUSY;
        }
    }

    @Override
    public Direction openDirection() {
        return core.state == ExecutorCore.State.OPEN ? core.openDirection : null;
    }

    @Override
    public int sizeScale() {
        return sizeScale;
    }

    @Override
    public long positionSize() {
        return positionSizeUnits;
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public Parameters parameters() {
        return params;
    }
}
