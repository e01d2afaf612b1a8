package dev.arb.executor;

import dev.arb.api.ExchangeAdapter;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.InvalidParameterException;
import dev.arb.strategy.api.Parameters;
import dev.arb.strategy.api.Strategy;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Delta-neutral arbitrage of one instrument between venue A and venue B: enters both legs at once
 * when the net spread is wide enough, closes them when the spread converges, and never leaves
 * one-sided exposure silently.
 *
 * <p><b>Engine and strategy.</b> What to do is decided by a {@link Strategy} (by default the built-in
 * {@link ThresholdSpreadStrategy}), called on every book change of either venue with read-only views;
 * this engine owns everything else and is split by job: {@link StrategyHost} (calls the strategy,
 * parameters, swaps), {@link RoundRunner} (gates and both legs at once), {@link RoundPricing},
 * {@link OperatorRounds} (rounds asked for by hand), {@link OrderGateway} (orders, journal, lookups,
 * retries), {@link Unwinder}, {@link Flattener}, {@link ExecutorStartup}, {@link StartupReconciler},
 * {@link NetDeltaMonitor}, {@link MarketCapture} and {@link PnlAttribution}. A position goes through
 * {@code FLAT → ENTERING → OPEN → EXITING → FLAT}; while a round is in flight
 * ({@code ENTERING}, {@code EXITING}, {@code UNWINDING}, {@code FLATTENING}) further opportunities are
 * counted and dropped; the {@link RiskGuard} also lets only one round at a time use a market, across
 * executors.
 *
 * <p><b>Entry gates.</b> An opportunity is taken only when not halted, the quote-age gate passes
 * (both books received within {@link ExecutorConfig#maxQuoteAgeMs()}, venue timestamps within
 * {@link ExecutorConfig#maxSkewMs()} of each other), and the {@link RiskGuard} admits it (position and
 * notional limits, daily loss, breaker closed or half-open).
 *
 * <p><b>Entry.</b> Both legs are sent at once as LIMIT IOC orders bounded by
 * {@link ExecutorConfig#slippageBps()} beyond the deepest level the size needs. The size is
 * {@link ExecutorConfig#positionSizeBase()} rounded down to a multiple of both venues' step sizes.
 *
 * <p><b>Orders.</b> Every order is tracked through one {@link OrderStateMachine}; an illegal
 * transition is counted and alerted. Its intent is committed to the {@link Journal} before it is
 * sent. Client order ids are {@code arb-<run id>-<executor>-<n><leg>}: unique per process and across
 * restarts (the run id comes from the journal). A rate-limited order is re-sent with the same client
 * order id ({@link ExecutorConfig#orderRetries()}); an order whose acknowledgement was lost is looked
 * up on the venue by client order id before anything else is sent for that market (re-sent with the
 * same id if the venue never saw it), falling back to the venue's position when the adapter cannot
 * look orders up.
 *
 * <p><b>Fills.</b> After a round the hedged size is the smaller of the two venues' positions,
 * rounded down to both step sizes. Any venue holding more is brought down to it with reduce-only IOC
 * orders, each attempt with a wider bound (slippage × 2<sup>attempt−1</sup>), the last an IOC LIMIT
 * at the loss bound; no attempt is priced worse than {@code unwind_loss_bound_usd} below the leg's
 * entry. If exposure remains the executor halts and alerts.
 *
 * <p><b>Exit.</b> When {@code OPEN} and the strategy asks (the built-in: the closing spread net of both
 * exit taker fees reaches {@code spread_exit}), both legs are closed with reduce-only IOC orders.
 *
 * <p><b>Errors.</b> Every failed order counts in the shared {@link RiskGuard}'s breaker; enough in a
 * row open it for its cooldown, after which one trial entry is admitted. Automatic exits pause while
 * it is open. {@link #halt(String)} stops entries for good; {@link #flatten()} closes everything.
 *
 * <p><b>Reconciliation.</b> With a {@link ExecutorContext#reconcilePolicy()}, {@link #start()} first
 * compares both venues (positions, open orders, recent fills) with the journal and adopts, flattens or
 * refuses. With {@link ExecutorConfig#deltaCheckIntervalMs()} set, {@code posA + posB} is checked
 * periodically and a drift re-hedges or halts.
 *
 * <p><b>Note:</b> thread-safe by confinement. All state is owned by {@code stateThread}, which must
 * be the thread the adapters call book listeners on; order futures complete elsewhere and hop back to
 * it. {@link #stats()}, {@link #isHalted()}, {@link #halt(String)}, {@link #flatten()},
 * {@link #tryEnter}, {@link #tryExit()}, {@link #checkNetDelta()}, {@link #setParameter},
 * {@link #swapStrategy} and {@link #strategyStatus()} may be called from any thread;
 * {@link #start()} blocks during reconciliation and must not be called on {@code stateThread}.
 */
public final class DeltaNeutralExecutor {
    private final ExecutorCore core;
    private final OperatorRounds operatorRounds;
    private final MarketCapture capture;
    private final Flattener flattener;
    private final StartupReconciler reconciler;
    private final NetDeltaMonitor monitor;
    private final StrategyHost host;
    private final ExecutorStartup startup;

    /**
     * An executor with an in-memory journal, log alerts, its own error-only breaker and the built-in
     * strategy with the configuration's thresholds.
     *
     * @param venueA      venue A's adapter (connected before {@link #start()})
     * @param marketA     venue A's market symbol
     * @param venueB      venue B's adapter (connected before {@link #start()})
     * @param marketB     venue B's market symbol of the same instrument
     * @param config      thresholds, size and risk limits
     * @param stateThread the thread both adapters run book listeners on; all state lives there
     * @param listener    observer, called on {@code stateThread}
     * @throws NullPointerException if an argument is null
     */
    public DeltaNeutralExecutor(final ExchangeAdapter venueA, final String marketA, final ExchangeAdapter venueB,
        final String marketB, final ExecutorConfig config, final Executor stateThread,
        final ExecutionListener listener) {
        this(venueA, marketA, venueB, marketB, config, stateThread, listener, ExecutorContext.defaults(config));
    }

    /**
     * An executor running the built-in {@link ThresholdSpreadStrategy} with the configuration's
     * thresholds ({@code spread_entry} = {@link ExecutorConfig#entryThresholdPct()}, {@code spread_exit}
     * = {@link ExecutorConfig#exitThresholdPct()}, {@code use_vwap}).
     *
     * @param venueA      venue A's adapter (connected before {@link #start()})
     * @param marketA     venue A's market symbol
     * @param venueB      venue B's adapter (connected before {@link #start()})
     * @param marketB     venue B's market symbol of the same instrument
     * @param config      thresholds, size and unwind policy
     * @param stateThread the thread both adapters run book listeners on; all state lives there
     * @param listener    observer, called on {@code stateThread}
     * @param context     bot id, journal, alert sink, shared risk guard, reconciliation policy
     * @throws NullPointerException if an argument is null
     */
    public DeltaNeutralExecutor(final ExchangeAdapter venueA, final String marketA, final ExchangeAdapter venueB,
        final String marketB, final ExecutorConfig config, final Executor stateThread,
        final ExecutionListener listener, final ExecutorContext context) {
        this(venueA, marketA, venueB, marketB, config, stateThread, listener, context, new ThresholdSpreadStrategy(),
            "built-in", ThresholdSpreadStrategy.parametersFrom(config));
    }

    /**
     * An executor running {@code strategy}.
     *
     * @param venueA      venue A's adapter (connected before {@link #start()})
     * @param marketA     venue A's market symbol
     * @param venueB      venue B's adapter (connected before {@link #start()})
     * @param marketB     venue B's market symbol of the same instrument
     * @param config      the engine's settings (size, slippage, gates, unwind policy, timeouts); its
     *                    values are the engine parameters' defaults
     * @param stateThread the thread both adapters run book listeners on; all state lives there
     * @param listener    observer, called on {@code stateThread}
     * @param context     bot id, journal, alert sink, shared risk guard, reconciliation policy
     * @param strategy    the strategy (confined to {@code stateThread} from now on)
     * @param source      where it came from, for the summary: a source file's SHA-256, or {@code built-in}
     * @param parameters  parameter values as text by name (engine's or strategy's); others take their default
     * @throws NullPointerException if an argument is null
     * @throws InvalidParameterException if a parameter is unknown or invalid, or the strategy declares an
     *     engine parameter's name
     */
    public DeltaNeutralExecutor(final ExchangeAdapter venueA, final String marketA, final ExchangeAdapter venueB,
        final String marketB, final ExecutorConfig config, final Executor stateThread,
        final ExecutionListener listener, final ExecutorContext context, final Strategy strategy,
        final String source, final Map<String, String> parameters) {
        final Leg legA = new Leg(Objects.requireNonNull(venueA, "venueA"), Objects.requireNonNull(marketA, "marketA"), "a");
        final Leg legB = new Leg(Objects.requireNonNull(venueB, "venueB"), Objects.requireNonNull(marketB, "marketB"), "b");
        core = new ExecutorCore(legA, legB, Objects.requireNonNull(config, "config"),
            Objects.requireNonNull(stateThread, "stateThread"), Objects.requireNonNull(listener, "listener"),
            Objects.requireNonNull(context, "context"));
        final OrderGateway gateway = new OrderGateway(core);
        final HedgeState hedge = new HedgeState(core);
        final Unwinder unwinder = new Unwinder(core, gateway, hedge);
        final RoundPricing pricing = new RoundPricing(core);
        flattener = new Flattener(core, gateway, hedge, unwinder);
        final RoundRunner rounds = new RoundRunner(core, gateway, hedge, unwinder, flattener, pricing);
        operatorRounds = new OperatorRounds(core, rounds, pricing, hedge);
        capture = new MarketCapture(core, pricing);
        reconciler = new StartupReconciler(core, hedge, unwinder, flattener);
        monitor = new NetDeltaMonitor(core, gateway, hedge, unwinder, flattener);
        host = new StrategyHost(core, rounds, Objects.requireNonNull(strategy, "strategy"),
            Objects.requireNonNull(source, "source"), Objects.requireNonNull(parameters, "parameters"));
        gateway.fillObserver(host::onFill);
        startup = new ExecutorStartup(core, gateway, rounds, host, reconciler, monitor);
    }

    /**
     * Loads both markets' rules, sizes the legs, configures the strategy, reconciles with the venues and
     * the journal when a policy is set, and subscribes both books; from then on every book change is
     * evaluated on the state thread.
     *
     * @throws IllegalStateException if already started, or an adapter is not connected
     * @throws IllegalArgumentException if the position size rounds down to zero on the venues' steps or
     *     is below a venue's minimum size
     * @throws ReconciliationException if reconciliation refused the start or could not read the venues
     * @throws dev.arb.api.InvalidOrderException if a venue has no such market
     */
    public void start() {
        startup.start();
    }

    /** Stops the periodic net-delta check and the strategy's timer (the adapters and journal belong to the caller). */
    public void stop() {
        monitor.stop();
        core.stateThread.execute(host::stop);
    }

    /**
     * Stops entering for good, waits for a round in flight, then closes both venues' positions (as
     * the venues report them) with reduce-only orders, escalating like an unwind (without the unwind
     * loss bound: the operator asked to be flat), and checks they are flat. Never block on the
     * returned future on the state thread: it completes there.
     *
     * @return completes when both venues report the market flat; fails with
     *     {@link IllegalStateException} (and halts) if still not flat after
     *     {@link ExecutorConfig#unwindMaxAttempts()} rounds of orders
     */
    public CompletableFuture<Void> flatten() {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        core.stateThread.execute(() -> {
            core.stopped = true;
            core.pendingFlattens.add(result);
            flattener.runPending();
        });
        return result;
    }

    /** Stops new entries for good, without an alert (an orderly shutdown; {@link #flatten()} does it too). */
    public void stopEntries() {
        core.stateThread.execute(() -> core.stopped = true);
    }

    /** @param paused {@code true} pauses new entries (exits, unwinds, flatten go on), {@code false} resumes; any thread */
    public void pauseEntries(final boolean paused) {
        core.paused = paused;
    }

    /**
     * Stops new entries (exits, unwinds and {@link #flatten()} still run) and raises a critical
     * alert. Idempotent: only the first reason is reported.
     *
     * @param reason why, for the operator
     */
    public void halt(final String reason) {
        core.halt(reason);
    }

    /** @return {@code true} once halted */
    public boolean isHalted() {
        return core.haltedFlag.get();
    }

    /** @return the start-up reconciliation's report, or null if none ran */
    public ReconciliationReport reconciliation() {
        return reconciler.report();
    }

    /** @return the client order id prefix of this executor's orders in this run */
    public String clientOrderIdPrefix() {
        return core.idPrefix;
    }

    /** @return the latest counters and positions (opportunities may be a few ticks newer) */
    public ExecutorStats stats() {
        return core.stats();
    }

    /**
     * @return realized PnL explained (spread, slippage, fees, funding), USD: the sum of the closed rounds'
     *     lines in cents plus the open round so far; thread-safe
     */
    public PnlBreakdown pnl() {
        return core.pnl.total();
    }

    /** @return the running strategy, its swaps and errors, the parameters and their changes; thread-safe */
    public StrategyStatus strategyStatus() {
        return host.status();
    }

    /**
     * Copies both legs' best levels, book ages, positions, funding and the spreads into {@code out}, without
     * allocating. Call it on the state thread (the operator plane does, a few times a second).
     *
     * @param out the caller's reused snapshot
     */
    public void captureMarket(final MarketSnapshot out) {
        capture.capture(out);
    }

    /** @return the current parameter values and declarations (engine and strategy); thread-safe */
    public Parameters parameters() {
        return host.parametersPublished();
    }

    /**
     * Changes one parameter while running, between two events: validated exactly as at start, applied
     * to the engine and the strategy together, journaled and logged {@code old -> new}.
     *
     * @param name  parameter name ({@code spread_entry}, {@code position_size}, …)
     * @param value new value as text
     * @return the change; fails with {@link InvalidParameterException} (unknown, fixed, invalid, or refused
     *     by the strategy), in which case nothing changed
     */
    public CompletableFuture<ParamChange> setParameter(final String name, final String value) {
        return host.set(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /**
     * Replaces the strategy between two events; positions, rounds in flight and the engine are untouched.
     * Refused (the running strategy stays) if its parameters clash with the engine's, or its
     * {@code configure} or a dry run on the current books throws. Parameters both strategies declare
     * keep their current values.
     *
     * @param strategy the new strategy (confined to the state thread from now on)
     * @param source   where it came from (a source file's SHA-256), for the summary and the journal
     * @return completes when it has taken over; fails with the reason it was refused
     */
    public CompletableFuture<Void> swapStrategy(final Strategy strategy, final String source) {
        return host.swap(Objects.requireNonNull(strategy, "strategy"), Objects.requireNonNull(source, "source"));
    }

    // ---------------------------------------------------------------- operator and test entry points

    /**
     * Takes an opportunity in {@code direction} now, whatever the spread (for operators and tests):
     * the same gates as a strategy's entry apply (halt, quote age and skew, risk, in-flight dedup),
     * priced from the live books.
     *
     * @param direction which venue to buy
     * @return completes on the state thread when the round, including any unwind, has finished, or at
     *     once with the reason it was not sent
     */
    public CompletableFuture<RoundResult> tryEnter(final Direction direction) {
        return operatorRounds.enter(direction);
    }

    /**
     * Closes the open position now, whatever the spread (for operators and tests).
     *
     * @return completes when the exit round has finished, or at once when there is nothing to exit
     */
    public CompletableFuture<RoundResult> tryExit() {
        return operatorRounds.exit();
    }

    /**
     * Reduces the open position by {@code fraction} on BOTH legs together, in one exit round: reduce-only IOC orders
     * through the engine's order path (journaled; a one-sided fill is unwound like in every round), whatever the
     * spread and the breaker. Used by the {@link LiquidationGuard}; never reduces one leg alone.
     *
     * @param fraction share of the hedged position to close, in (0, 1]; the size is rounded down to both venues'
     *                 steps, raised to the larger venue minimum order, and becomes the whole position when less than a
     *                 minimum order would remain
     * @return completes on the state thread when the round (and any unwind) finished, or at once with why nothing
     *     was sent ({@link RoundResult#NOTHING_TO_DO} when not open, {@link RoundResult#DROPPED_IN_FLIGHT},
     *     {@link RoundResult#BLOCKED_STALE})
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
     */
    public CompletableFuture<RoundResult> reduce(final BigDecimal fraction) {
        if (fraction == null || fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("reduce fraction must be in (0, 1], got " + fraction);
        }
        return operatorRounds.reduce(fraction);
    }

    /**
     * Holds new entries while a venue's margin is close to liquidation (set by the {@link LiquidationGuard}),
     * separately from the operator's {@link #pauseEntries}; exits, reductions, unwinds and flatten go on. Any thread.
     *
     * @param hold {@code true} holds entries, {@code false} releases the hold
     */
    public void holdEntriesForMargin(final boolean hold) {
        core.marginHold = hold;
    }

    /** @return {@code true} while the liquidation guard holds new entries */
    public boolean entriesHeldForMargin() {
        return core.marginHold;
    }

    /**
     * Compares {@code posA + posB} as the venues report them with the expected (hedged) state, when no
     * round is in flight; a drift beyond {@link ExecutorConfig#deltaToleranceBase()} raises an alert
     * and, by {@link ExecutorConfig#driftAction()}, re-hedges or halts.
     *
     * @return completes with the net delta found (base units), or null when skipped (round in flight,
     *     a position unreadable)
     */
    public CompletableFuture<BigDecimal> checkNetDelta() {
        return monitor.check();
    }

    /**
     * Compares both venues with the journal: resolves orders the journal left unresolved by looking
     * them up, reads positions, open orders and recent fills, and reports every difference (each also
     * an alert). Then, by {@code policy}: adopts the venues' positions (unwinding an unhedged excess),
     * flattens, or refuses (halts and fails). Also called by {@link #start()} when the context has a
     * policy.
     *
     * @param policy what to do on a difference
     * @return the report; fails with {@link ReconciliationException} when refused
     */
    public CompletableFuture<ReconciliationReport> reconcile(final ReconcilePolicy policy) {
        return reconciler.reconcile(policy);
    }
}
