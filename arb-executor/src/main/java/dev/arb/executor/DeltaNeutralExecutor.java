package dev.arb.executor;

import dev.arb.strategy.api.Direction;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.Fill;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.RateLimitedException;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.executor.journal.JournalState;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delta-neutral arbitrage of one instrument between venue A and venue B: enters both legs at once
 * when the net spread is wide enough, closes them when the spread converges, and never leaves
 * one-sided exposure silently.
 *
 * <p><b>Data path.</b> Every book change on either venue runs {@link SpreadCalculator} on the two
 * live books and decides, without allocating below the threshold. A position goes through
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
 * orders, each attempt with a wider bound (slippage × 2<sup>attempt−1</sup>), the last a MARKET
 * reduce-only order; no attempt is priced worse than {@link ExecutorConfig#unwindLossBoundUsd()}
 * below the leg's entry. If exposure remains the executor halts and alerts.
 *
 * <p><b>Exit.</b> When {@code OPEN} and the gross spread of the closing direction reaches
 * {@link ExecutorConfig#exitThresholdPct()}, both legs are closed with reduce-only IOC orders.
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
 * {@link #tryEnter}, {@link #tryExit()} and {@link #checkNetDelta()} may be called from any thread;
 * {@link #start()} blocks during reconciliation and must not be called on {@code stateThread}.
 */
public final class DeltaNeutralExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaNeutralExecutor.class);
    private static final AtomicInteger EXECUTOR_NUMBERS = new AtomicInteger();
    private static final String NOT_FOUND = "NOT_FOUND";
    private static final int LOOKUP_ATTEMPTS = 3;
    private static final long LOOKUP_DELAY_MS = 200;
    private static final long RECONCILE_TIMEOUT_S = 120;
    private static final int MAX_QUERY_RETRIES = 10;

    private enum State { FLAT, ENTERING, OPEN, EXITING, UNWINDING, FLATTENING, IMBALANCED }

    private enum Round { ENTRY, EXIT }

    private final Leg legA;
    private final Leg legB;
    private final ExecutorConfig config;
    private final Executor stateThread;
    private final ExecutionListener listener;
    private final ExecutorContext context;
    private final Journal journal;
    private final RiskGuard risk;
    private final String botId;
    private final String idPrefix;
    private final SpreadSnapshot snapshot = new SpreadSnapshot();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean haltedFlag = new AtomicBoolean();
    private final AtomicLong lostAcks = new AtomicLong();
    private final AtomicLong alertCount = new AtomicLong();
    private volatile String haltReason;
    private volatile ReconciliationReport reconciliation;
    private ScheduledExecutorService deltaTimer;

    // set by start() before the subscriptions; read on the state thread
    private SpreadCalculator calculator;
    private HedgeSizing sizing;
    private BigDecimal entrySize;
    private long entrySizeA;
    private long entrySizeB;

    // confined to the state thread
    private State state = State.FLAT;
    private Direction openDirection;
    private boolean stopped;
    private boolean ready;
    private boolean claimed;
    private int consecutiveErrors;
    private int queryRetries;
    private long orderCounter;
    private long roundSeq;
    private long entries;
    private long exits;
    private long oneSidedFills;
    private long unwinds;
    private long ordersSent;
    private long ordersRejected;
    private long droppedInFlight;
    private long staleQuoteSkips;
    private long riskBlocked;
    private long illegalTransitions;
    private CompletableFuture<RoundResult> roundWaiter;
    private final Map<String, TrackedOrder> orders = new HashMap<>();
    private final List<CompletableFuture<Void>> pendingFlattens = new ArrayList<>();

    // published for other threads
    private volatile long opportunities;
    private volatile ExecutorStats published;

    /**
     * An executor with an in-memory journal, log alerts and its own error-only breaker.
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
        this.legA = new Leg(Objects.requireNonNull(venueA, "venueA"), Objects.requireNonNull(marketA, "marketA"), "a");
        this.legB = new Leg(Objects.requireNonNull(venueB, "venueB"), Objects.requireNonNull(marketB, "marketB"), "b");
        this.config = Objects.requireNonNull(config, "config");
        this.stateThread = Objects.requireNonNull(stateThread, "stateThread");
        this.listener = new GuardedListener(listener);
        this.context = Objects.requireNonNull(context, "context");
        this.journal = context.journal();
        this.risk = context.risk();
        this.botId = context.botId();
        this.idPrefix = "arb-" + journal.runId() + "-" + Integer.toString(EXECUTOR_NUMBERS.incrementAndGet(), 36) + "-";
        publish();
    }

    /**
     * Loads both markets' rules, sizes the legs, reconciles with the venues and the journal when a
     * policy is set, and subscribes both books; from then on every book change is evaluated on the
     * state thread.
     *
     * @throws IllegalStateException if already started, or an adapter is not connected
     * @throws IllegalArgumentException if the position size rounds down to zero on the venues' steps or
     *     is below a venue's minimum size
     * @throws ReconciliationException if reconciliation refused the start or could not read the venues
     * @throws dev.arb.api.InvalidOrderException if a venue has no such market
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        legA.spec = legA.venue.marketSpec(legA.market);
        legB.spec = legB.venue.marketSpec(legB.market);
        sizing = new HedgeSizing(legA.spec, legB.spec);
        entrySize = sizing.floor(config.positionSizeBase());
        if (entrySize.signum() <= 0) {
            throw new IllegalArgumentException("position size " + config.positionSizeBase().toPlainString()
                + " is below the common step size " + sizing.commonStep().toPlainString());
        }
        entrySizeA = FixedPoint.fromBigDecimal(entrySize, legA.spec.sizeScale());
        entrySizeB = FixedPoint.fromBigDecimal(entrySize, legB.spec.sizeScale());
        if (entrySizeA < legA.spec.minSize() || entrySizeB < legB.spec.minSize()) {
            throw new IllegalArgumentException("leg size " + entrySize.toPlainString() + " is below a venue's minimum size ("
                + legA.name + " " + legA.size(legA.spec.minSize()).toPlainString() + ", " + legB.name + " "
                + legB.size(legB.spec.minSize()).toPlainString() + ")");
        }
        calculator = new SpreadCalculator(SpreadConfig.builder()
            .takerFeeBpsA(legA.spec.takerFeeBps())
            .takerFeeBpsB(legB.spec.takerFeeBps())
            .sizeBase(config.useVwap() ? entrySize : BigDecimal.ZERO)
            .maxBookAgeMs(config.maxBookAgeMs())
            .build());
        LOG.info("executor {} {}:{} / {}:{} started, leg size {} ({})", botId, legA.name, legA.market, legB.name,
            legB.market, entrySize.toPlainString(), config);
        listenForOrders(legA);
        if (legB.venue != legA.venue) {
            listenForOrders(legB);
        }
        // the hand-over through the executor makes the fields above visible on the state thread; ticks
        // are evaluated once reconciliation is done (ready)
        stateThread.execute(() -> {
            legA.venue.subscribeOrderBook(legA.market, book -> onBook(legA, book));
            legB.venue.subscribeOrderBook(legB.market, book -> onBook(legB, book));
        });
        if (context.reconcilePolicy() != null) {
            final ReconciliationReport report;
            try {
                report = reconcile(context.reconcilePolicy()).get(RECONCILE_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                final Throwable cause = LegOutcome.unwrap(e);
                if (cause instanceof ReconciliationException re) {
                    throw re;
                }
                throw new ReconciliationException("reconciliation failed: " + cause, null);
            } catch (java.util.concurrent.TimeoutException e) {
                halt("reconciliation did not finish in " + RECONCILE_TIMEOUT_S + " s");
                throw new ReconciliationException("reconciliation timed out", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReconciliationException("interrupted during reconciliation", null);
            }
            LOG.info("executor {} reconciliation: {}", botId, report);
        }
        stateThread.execute(() -> ready = true);
        if (config.deltaCheckIntervalMs() > 0) {
            deltaTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "arb-delta-" + botId);
                t.setDaemon(true);
                return t;
            });
            deltaTimer.scheduleWithFixedDelay(this::checkNetDelta, config.deltaCheckIntervalMs(),
                config.deltaCheckIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the periodic net-delta check (the adapters and journal belong to the caller). */
    public void stop() {
        if (deltaTimer != null) {
            deltaTimer.shutdownNow();
        }
    }

    /** Journals our orders' updates and fills pushed by a venue's private stream. */
    private void listenForOrders(final Leg leg) {
        leg.venue.addOrderListener(new OrderListener() {
            @Override
            public void onOrderUpdate(final OrderUpdate u) {
                if (u.clientOrderId() != null && u.clientOrderId().startsWith(idPrefix)) {
                    journal.append(new JournalEvent(0, System.currentTimeMillis(), journal.runId(),
                        JournalEventType.UPDATE, u.venue(), u.market(), u.clientOrderId(), u.side().name(),
                        u.status().name(), u.size(), u.filledSize(), u.avgFillPrice(), "private stream"));
                }
            }

            @Override
            public void onFill(final Fill f) {
                if (f.clientOrderId() != null && f.clientOrderId().startsWith(idPrefix)) {
                    journal.append(new JournalEvent(0, System.currentTimeMillis(), journal.runId(),
                        JournalEventType.FILL, f.venue(), f.market(), f.clientOrderId(), f.side().name(), null,
                        f.size(), f.size(), f.price(), f.liquidity().name()));
                }
            }
        });
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
        stateThread.execute(() -> {
            stopped = true;
            pendingFlattens.add(result);
            runPendingFlattens();
        });
        return result;
    }

    /**
     * Stops new entries for good, without an alert (an orderly shutdown; {@link #flatten()} does the
     * same before it closes the legs).
     */
    public void stopEntries() {
        stateThread.execute(() -> stopped = true);
    }

    /**
     * Stops new entries (exits, unwinds and {@link #flatten()} still run) and raises a critical
     * alert. Idempotent: only the first reason is reported.
     *
     * @param reason why, for the operator
     */
    public void halt(final String reason) {
        if (haltedFlag.compareAndSet(false, true)) {
            haltReason = reason;
            LOG.error("executor {} halted: {}", botId, reason);
            journal.append(JournalEvent.note(journal.runId(), JournalEventType.BREAKER, "HALT " + botId + ": " + reason));
            alert(AlertKind.HALT, true, reason);
            stateThread.execute(() -> {
                listener.onHalt(reason);
                publish();
            });
        }
    }

    /** @return {@code true} once halted */
    public boolean isHalted() {
        return haltedFlag.get();
    }

    /** @return the start-up reconciliation's report, or null if none ran */
    public ReconciliationReport reconciliation() {
        return reconciliation;
    }

    /** @return the client order id prefix of this executor's orders in this run */
    public String clientOrderIdPrefix() {
        return idPrefix;
    }

    /** @return the latest counters and positions (opportunities may be a few ticks newer) */
    public ExecutorStats stats() {
        final ExecutorStats s = published;
        final long opp = opportunities;
        final boolean halted = haltedFlag.get();
        final long alerts = alertCount.get();
        final long lost = lostAcks.get();
        if (opp == s.opportunities() && halted == s.halted() && alerts == s.alerts() && lost == s.lostAcks()) {
            return s;
        }
        return new ExecutorStats(opp, s.entries(), s.exits(), s.oneSidedFills(), s.unwinds(), s.ordersSent(),
            s.ordersRejected(), s.realizedPnlUsd(), s.feesUsd(), s.positionA(), s.positionB(), s.state(), halted,
            s.droppedInFlight(), s.staleQuoteSkips(), s.riskBlocked(), lost, s.illegalTransitions(), alerts,
            haltReason);
    }

    // ---------------------------------------------------------------- synthetic opportunities

    /**
     * Takes an opportunity in {@code direction} now, whatever the spread (for operators and tests):
     * the same gates as a tick-driven entry apply (halt, quote age and skew, risk, in-flight dedup),
     * priced from the live books.
     *
     * @param direction which venue to buy
     * @return completes on the state thread when the round, including any unwind, has finished, or at
     *     once with the reason it was not sent
     */
    public CompletableFuture<RoundResult> tryEnter(final Direction direction) {
        final CompletableFuture<RoundResult> result = new CompletableFuture<>();
        stateThread.execute(() -> {
            try {
                opportunities++;
                if (state != State.FLAT) {
                    if (inFlight()) {
                        droppedInFlight++;
                        result.complete(RoundResult.DROPPED_IN_FLIGHT);
                    } else {
                        result.complete(RoundResult.NOTHING_TO_DO);
                    }
                    return;
                }
                if (haltedFlag.get() || stopped) {
                    result.complete(RoundResult.BLOCKED_HALTED);
                    return;
                }
                if (!computeSnapshot()) {
                    staleQuoteSkips++;
                    result.complete(RoundResult.BLOCKED_STALE);
                    return;
                }
                final RoundResult refused = gateEntry();
                if (refused != null) {
                    publish();
                    result.complete(refused);
                    return;
                }
                roundWaiter = result;
                enter(direction, System.nanoTime());
            } catch (RuntimeException e) {
                internalError(e);
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Closes the open position now, whatever the spread (for operators and tests).
     *
     * @return completes when the exit round has finished, or at once when there is nothing to exit
     */
    public CompletableFuture<RoundResult> tryExit() {
        final CompletableFuture<RoundResult> result = new CompletableFuture<>();
        stateThread.execute(() -> {
            try {
                if (state != State.OPEN) {
                    result.complete(inFlight() ? RoundResult.DROPPED_IN_FLIGHT : RoundResult.NOTHING_TO_DO);
                    return;
                }
                if (!computeSnapshot()) {
                    staleQuoteSkips++;
                    result.complete(RoundResult.BLOCKED_STALE);
                    return;
                }
                if (!claimMarkets()) {
                    droppedInFlight++;
                    result.complete(RoundResult.DROPPED_IN_FLIGHT);
                    return;
                }
                roundWaiter = result;
                exit(System.nanoTime());
            } catch (RuntimeException e) {
                internalError(e);
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private boolean inFlight() {
        return state == State.ENTERING || state == State.EXITING || state == State.UNWINDING
            || state == State.FLATTENING;
    }

    private boolean computeSnapshot() {
        if (legA.book == null) {
            legA.book = legA.venue.orderBook(legA.market);
        }
        if (legB.book == null) {
            legB.book = legB.venue.orderBook(legB.market);
        }
        if (legA.book == null || legB.book == null) {
            return false;
        }
        calculator.compute(legA.book, legB.book, System.nanoTime(), snapshot);
        return snapshot.usable() && quotesFresh(System.nanoTime());
    }

    // ---------------------------------------------------------------- tick (hot path, allocation-free)

    private void onBook(final Leg leg, final OrderBook book) {
        leg.book = book;
        if (ready && legA.book != null && legB.book != null) {
            tick(book.receivedNanos());
        }
    }

    /** @param receivedNanos when the frame that changed the book arrived ({@link System#nanoTime()}) */
    private void tick(final long receivedNanos) {
        final long t0 = System.nanoTime();
        calculator.compute(legA.book, legB.book, t0, snapshot);
        if (snapshot.usable()) {
            decide(t0);
        }
        listener.onDecision(System.nanoTime() - (receivedNanos != 0 ? receivedNanos : t0));
    }

    private void decide(final long t0) {
        final double threshold = config.entryThresholdPct();
        switch (state) {
            case FLAT: {
                final Direction d;
                final double net;
                if (snapshot.entryNetPct() >= threshold) {
                    d = Direction.BUY_A_SELL_B;
                    net = snapshot.entryNetPct();
                } else if (snapshot.exitNetPct() >= threshold) {
                    d = Direction.BUY_B_SELL_A;
                    net = snapshot.exitNetPct();
                } else {
                    return;
                }
                opportunities++;
                if (haltedFlag.get() || stopped) {
                    return;
                }
                if (!quotesFresh(t0)) {
                    staleQuoteSkips++;
                    publish();
                    return;
                }
                if (gateEntry() != null) {
                    return;
                }
                listener.onOpportunity(d, net);
                enter(d, t0);
                return;
            }
            case OPEN: {
                final double closing = openDirection == Direction.BUY_A_SELL_B
                    ? snapshot.exitSpreadPct() : snapshot.entrySpreadPct();
                if (closing >= config.exitThresholdPct()
                    && (consecutiveErrors < config.maxConsecutiveErrors() || !risk.coolingDown())
                    && claimMarkets()) {
                    exit(t0);
                }
                return;
            }
            default: // a round in flight, or IMBALANCED
                if (snapshot.entryNetPct() >= threshold || snapshot.exitNetPct() >= threshold) {
                    opportunities++; // dropped: a round is in flight
                    droppedInFlight++;
                }
        }
    }

    /** Quote-age gate: both books recent and their venue timestamps close. */
    private boolean quotesFresh(final long nowNanos) {
        if (legA.book.ageMs(nowNanos) > config.maxQuoteAgeMs() || legB.book.ageMs(nowNanos) > config.maxQuoteAgeMs()) {
            return false;
        }
        final long ta = legA.book.venueTimestampMs();
        final long tb = legB.book.venueTimestampMs();
        return ta <= 0 || tb <= 0 || Math.abs(ta - tb) <= config.maxSkewMs();
    }

    /** Claims both markets and asks the risk guard. @return null if admitted, else why not */
    private RoundResult gateEntry() {
        if (!claimMarkets()) {
            droppedInFlight++;
            publish();
            return RoundResult.DROPPED_IN_FLIGHT;
        }
        final BigDecimal price = midPriceA();
        final String refusal = risk.admitEntry(botId, legA.ledger.position().abs().max(legB.ledger.position().abs()),
            entrySize, price);
        if (refusal != null) {
            releaseMarkets();
            riskBlocked++;
            publish();
            if (riskBlocked == 1 || riskBlocked % 1000 == 0) {
                LOG.warn("executor {}: entry refused ({} so far): {}", botId, riskBlocked, refusal);
            }
            return refusal.startsWith("breaker") || refusal.startsWith("halted") ? RoundResult.BLOCKED_HALTED
                : RoundResult.BLOCKED_RISK;
        }
        return null;
    }

    private boolean claimMarkets() {
        if (claimed) {
            return true;
        }
        final String ka = JournalState.key(legA.name, legA.market);
        final String kb = JournalState.key(legB.name, legB.market);
        if (!risk.claim(ka)) {
            return false;
        }
        if (!risk.claim(kb)) {
            risk.release(ka);
            return false;
        }
        claimed = true;
        return true;
    }

    private void releaseMarkets() {
        if (claimed) {
            risk.release(JournalState.key(legA.name, legA.market));
            risk.release(JournalState.key(legB.name, legB.market));
            claimed = false;
        }
    }

    private BigDecimal midPriceA() {
        final OrderBook b = legA.book;
        if (b != null && b.isValid() && b.bestBid() != OrderBook.NO_PRICE && b.bestAsk() != OrderBook.NO_PRICE) {
            return legA.price((b.bestBid() + b.bestAsk()) / 2);
        }
        return legA.ledger.lastFillPrice();
    }

    // ---------------------------------------------------------------- rounds

    private void enter(final Direction d, final long decisionNanos) {
        state = State.ENTERING;
        final Side sideA = d == Direction.BUY_A_SELL_B ? Side.BUY : Side.SELL;
        final Side sideB = sideA.opposite();
        final long refA = sideA == Side.BUY ? snapshot.worstAskA() : snapshot.worstBidA();
        final long refB = sideB == Side.BUY ? snapshot.worstAskB() : snapshot.worstBidB();
        final OrderRequest ra = request(legA, sideA, OrderType.LIMIT, entrySizeA,
            boundedLimit(legA, sideA, refA, config.slippageBps()), false);
        final OrderRequest rb = request(legB, sideB, OrderType.LIMIT, entrySizeB,
            boundedLimit(legB, sideB, refB, config.slippageBps()), false);
        runRound(Round.ENTRY, d, ra, rb, decisionNanos);
    }

    private void exit(final long decisionNanos) {
        state = State.EXITING;
        final BigDecimal posA = legA.ledger.position();
        final BigDecimal posB = legB.ledger.position();
        final Side sideA = posA.signum() > 0 ? Side.SELL : Side.BUY;
        final Side sideB = posB.signum() > 0 ? Side.SELL : Side.BUY;
        final long refA = sideA == Side.BUY ? snapshot.worstAskA() : snapshot.worstBidA();
        final long refB = sideB == Side.BUY ? snapshot.worstAskB() : snapshot.worstBidB();
        final OrderRequest ra = request(legA, sideA, OrderType.LIMIT, legA.sizeDown(posA.abs()),
            boundedLimit(legA, sideA, refA, config.slippageBps()), true);
        final OrderRequest rb = request(legB, sideB, OrderType.LIMIT, legB.sizeDown(posB.abs()),
            boundedLimit(legB, sideB, refB, config.slippageBps()), true);
        runRound(Round.EXIT, openDirection, ra, rb, decisionNanos);
    }

    private void runRound(final Round round, final Direction d, final OrderRequest ra, final OrderRequest rb,
        final long decisionNanos) {
        roundSeq++;
        final BigDecimal pnlBefore = realizedPnlUsd();
        final BigDecimal openBefore = state == State.EXITING ? legA.ledger.position().abs() : BigDecimal.ZERO;
        publish();
        final CompletableFuture<LegOutcome> fa = send(legA, ra, decisionNanos);
        final CompletableFuture<LegOutcome> fb = send(legB, rb, decisionNanos);
        fa.thenAcceptBothAsync(fb, (xa, xb) -> {
            applyFill(legA, xa);
            applyFill(legB, xb);
            if (xa.outcomeUnknown() || xb.outcomeUnknown()) {
                halt("order outcome unknown on " + (xa.outcomeUnknown() ? legA.name : legB.name)
                    + " and neither a lookup nor its position could resolve it: check positions, then flatten()");
                finishRound(round, d, pnlBefore, openBefore);
                return;
            }
            rebalance(cause(round, xa, xb), () -> finishRound(round, d, pnlBefore, openBefore));
        }, stateThread).exceptionally(this::internalError);
    }

    private String cause(final Round round, final LegOutcome xa, final LegOutcome xb) {
        final String what = round == Round.ENTRY ? "entry" : "exit";
        if (xa.failed()) {
            return what + " leg on " + legA.name + " failed: " + xa.describeFailure();
        }
        if (xb.failed()) {
            return what + " leg on " + legB.name + " failed: " + xb.describeFailure();
        }
        return what + " legs filled unequally";
    }

    private void finishRound(final Round round, final Direction d, final BigDecimal pnlBefore,
        final BigDecimal openBefore) {
        final BigDecimal openAfter = settleState();
        final BigDecimal realized = realizedPnlUsd().subtract(pnlBefore);
        if (round == Round.ENTRY && openAfter.signum() > 0) {
            entries++;
            listener.onEntry(openDirection, openAfter);
        } else if (round == Round.EXIT) {
            final BigDecimal closed = openBefore.subtract(openAfter);
            if (closed.signum() > 0) {
                exits++;
                listener.onExit(d, closed, realized);
            }
        }
        if (realized.signum() != 0) {
            risk.recordRealized(realized);
        }
        releaseMarkets();
        publish();
        runPendingFlattens();
        completeRound();
    }

    private void completeRound() {
        final CompletableFuture<RoundResult> w = roundWaiter;
        roundWaiter = null;
        if (w != null) {
            w.complete(RoundResult.DONE);
        }
    }

    /**
     * Derives the state from the tracked positions: hedged when {@code |posA + posB|} is within the
     * dust tolerance (what neither venue would accept as an order). @return the hedged open size (0
     * unless OPEN)
     */
    private BigDecimal settleState() {
        final BigDecimal posA = legA.ledger.position();
        final BigDecimal posB = legB.ledger.position();
        final BigDecimal tolerance = dustTolerance();
        if (posA.abs().compareTo(tolerance) <= 0 && posB.abs().compareTo(tolerance) <= 0
            && posA.add(posB).abs().compareTo(tolerance) <= 0) {
            state = State.FLAT;
            openDirection = null;
            return BigDecimal.ZERO;
        }
        if (posA.signum() == -posB.signum() && posA.add(posB).abs().compareTo(tolerance) <= 0) {
            state = State.OPEN;
            openDirection = posA.signum() > 0 ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A;
            return posA.abs().min(posB.abs());
        }
        state = State.IMBALANCED;
        openDirection = null;
        halt("positions not hedged: " + legA.name + " " + posA.toPlainString() + ", " + legB.name + " "
            + posB.toPlainString());
        return BigDecimal.ZERO;
    }

    /**
     * @return the smallest order the venue accepts on this leg now: its minimum size, or its minimum
     *     notional at the reference price, rounded up to the step; base units
     */
    private BigDecimal minTradeable(final Leg leg) {
        BigDecimal min = leg.size(Math.max(leg.spec.minSize(), leg.spec.stepSize()));
        final BigDecimal notional = leg.spec.minNotionalUsd();
        final long ref = referencePrice(leg, Side.BUY);
        if (notional != null && notional.signum() > 0 && ref > 0) {
            final BigDecimal bySize = notional.divide(leg.price(ref), leg.spec.sizeScale(), java.math.RoundingMode.CEILING);
            min = min.max(bySize);
        }
        return min;
    }

    /** @return the largest residual tolerated as hedged: the larger venue minimum order, base units */
    private BigDecimal dustTolerance() {
        return minTradeable(legA).max(minTradeable(legB));
    }

    // ---------------------------------------------------------------- unwind

    /**
     * Brings both venues down to the hedged size (the smaller position on the common step; zero if
     * both are on the same side) with reduce-only orders, then runs {@code then}.
     */
    private void rebalance(final String cause, final Runnable then) {
        final BigDecimal posA = legA.ledger.position();
        final BigDecimal posB = legB.ledger.position();
        final BigDecimal target = posA.signum() != 0 && posA.signum() == posB.signum()
            ? BigDecimal.ZERO : sizing.floor(posA.abs().min(posB.abs()));
        final BigDecimal excessA = posA.abs().subtract(target);
        final BigDecimal excessB = posB.abs().subtract(target);
        if (excessA.signum() <= 0 && excessB.signum() <= 0) {
            then.run();
            return;
        }
        oneSidedFills++;
        final boolean dustA = excessA.signum() > 0 && excessA.compareTo(minTradeable(legA)) < 0;
        final boolean dustB = excessB.signum() > 0 && excessB.compareTo(minTradeable(legB)) < 0;
        if (dustA || dustB) {
            alert(AlertKind.ONE_SIDED_FILL, false, "excess below the venues' minimum order left within tolerance "
                + dustTolerance().toPlainString() + ": " + (dustA ? legA.name + " " + excessA.toPlainString() + " " : "")
                + (dustB ? legB.name + " " + excessB.toPlainString() : "") + " (" + cause + ")");
        }
        if ((excessA.signum() <= 0 || dustA) && (excessB.signum() <= 0 || dustB)) {
            publish();
            then.run();
            return;
        }
        state = State.UNWINDING;
        if (excessA.signum() > 0) {
            listener.onOneSidedFill(legA.name, excessA, cause);
            alert(AlertKind.ONE_SIDED_FILL, false, legA.name + " excess " + excessA.toPlainString() + ": " + cause);
        }
        if (excessB.signum() > 0) {
            listener.onOneSidedFill(legB.name, excessB, cause);
            alert(AlertKind.ONE_SIDED_FILL, false, legB.name + " excess " + excessB.toPlainString() + ": " + cause);
        }
        publish();
        final CompletableFuture<String> ua = excessA.signum() > 0 && !dustA ? unwind(legA, target, cause)
            : CompletableFuture.completedFuture(null);
        final CompletableFuture<String> ub = excessB.signum() > 0 && !dustB ? unwind(legB, target, cause)
            : CompletableFuture.completedFuture(null);
        ua.thenAcceptBothAsync(ub, (failA, failB) -> {
            if (failA != null || failB != null) {
                final String why = "unwind failed on " + (failA != null ? legA.name + ": " + failA
                    : legB.name + ": " + failB) + " — exposure left (" + cause + ")";
                alert(AlertKind.UNWIND_FAILED, true, why);
                halt(why);
            } else {
                alert(AlertKind.UNWIND_DONE, false, "unwound to " + target.toPlainString() + " (" + cause + ")");
            }
            then.run();
        }, stateThread).exceptionally(this::internalError);
    }

    /** @return completes with null on success, else the failure */
    private CompletableFuture<String> unwind(final Leg leg, final BigDecimal target, final String cause) {
        unwinds++;
        final CompletableFuture<String> done = new CompletableFuture<>();
        final BigDecimal entry = leg.ledger.avgEntryPrice();
        unwindAttempt(leg, target, cause, 1, entry, done);
        return done;
    }

    private void unwindAttempt(final Leg leg, final BigDecimal target, final String cause, final int attempt,
        final BigDecimal entryPrice, final CompletableFuture<String> done) {
        final BigDecimal position = leg.ledger.position();
        final BigDecimal excess = position.abs().subtract(target);
        if (excess.signum() <= 0 || excess.compareTo(minTradeable(leg)) < 0) {
            done.complete(null);
            return;
        }
        final int max = config.unwindMaxAttempts();
        if (attempt > max) {
            final String why = "gave up after " + max + " attempts, " + excess.toPlainString() + " left: " + cause;
            listener.onUnwind(leg.name, BigDecimal.ZERO, false, why);
            done.complete(why);
            return;
        }
        final long size = leg.sizeDown(excess);
        if (size <= 0) {
            final String why = "excess " + excess.toPlainString() + " is below the size scale: " + cause;
            listener.onUnwind(leg.name, BigDecimal.ZERO, false, why);
            done.complete(why);
            return;
        }
        final Side side = position.signum() > 0 ? Side.SELL : Side.BUY;
        final long lossLimit = lossBoundPrice(leg, side, excess, entryPrice);
        final long reference = referencePrice(leg, side);
        if (lossLimit > 0 && reference > 0 && (side == Side.SELL ? reference < lossLimit : reference > lossLimit)) {
            final String why = "loss bound " + config.unwindLossBoundUsd().toPlainString() + " USD hit: book at "
                + leg.price(reference).toPlainString() + ", bound " + leg.price(lossLimit).toPlainString()
                + ", entry " + entryPrice.toPlainString() + " (" + cause + ")";
            listener.onUnwind(leg.name, BigDecimal.ZERO, false, why);
            journalUnwind(leg, why);
            done.complete(why);
            return;
        }
        final OrderRequest request = escalatingRequest(leg, side, size, attempt, lossLimit);
        final long sentNanos = System.nanoTime();
        final String step = " (unwind attempt " + attempt + "/" + max + ", " + request.type() + "): " + cause;
        journalUnwind(leg, "attempt " + attempt + " " + request + step);
        send(leg, request, sentNanos).thenAcceptAsync(resolved -> {
            applyFill(leg, resolved);
            final boolean reduced = leg.ledger.position().abs().compareTo(target) <= 0;
            listener.onUnwind(leg.name, leg.size(resolved.filled()), reduced, resolved.failed()
                ? resolved.describeFailure() + step : "filled" + step);
            if (resolved.outcomeUnknown()) {
                done.complete("order outcome unknown" + step);
            } else {
                unwindAttempt(leg, target, cause, attempt + 1, entryPrice, done);
            }
        }, stateThread).exceptionally(t -> {
            internalError(t);
            done.complete("internal error " + t);
            return null;
        });
    }

    private void journalUnwind(final Leg leg, final String detail) {
        journal.append(new JournalEvent(0, System.currentTimeMillis(), journal.runId(), JournalEventType.UNWIND,
            leg.name, leg.market, null, null, null, 0, 0, 0, detail));
    }

    /**
     * @return the worst price (price scale) at which closing {@code excess} loses no more than the
     *     unwind loss bound against {@code entryPrice}; 0 when the entry price is unknown
     */
    private long lossBoundPrice(final Leg leg, final Side side, final BigDecimal excess, final BigDecimal entryPrice) {
        if (entryPrice.signum() <= 0 || excess.signum() <= 0) {
            return 0;
        }
        final BigDecimal perUnit = config.unwindLossBoundUsd().divide(excess, MathContext.DECIMAL64);
        final BigDecimal bound = side == Side.SELL ? entryPrice.subtract(perUnit) : entryPrice.add(perUnit);
        if (bound.signum() <= 0) {
            return leg.spec.tickSize();
        }
        // round toward the entry: never beyond the bound
        final BigDecimal scaled = bound.setScale(leg.spec.priceScale(),
            side == Side.SELL ? java.math.RoundingMode.CEILING : java.math.RoundingMode.FLOOR);
        return leg.spec.snapPriceToTick(FixedPoint.fromBigDecimal(scaled, leg.spec.priceScale()), side.opposite());
    }

    /**
     * A reduce-only order whose bound widens with each attempt (slippage × 2^(attempt−1), at least
     * 1 bp), never beyond {@code lossLimit}; the last attempt is a MARKET order whose limit is that
     * bound where one can be computed.
     */
    private OrderRequest escalatingRequest(final Leg leg, final Side side, final long size, final int attempt,
        final long lossLimit) {
        final double bps = Math.max(config.slippageBps(), 1.0) * (1L << Math.min(attempt - 1, 20));
        final long reference = referencePrice(leg, side);
        long bound = reference > 0 ? boundedLimit(leg, side, reference, bps) : 0;
        if (lossLimit > 0) {
            bound = bound <= 0 ? lossLimit : side == Side.SELL ? Math.max(bound, lossLimit) : Math.min(bound, lossLimit);
        }
        final boolean market = attempt >= config.unwindMaxAttempts() || bound <= 0;
        return request(leg, side, market ? OrderType.MARKET : OrderType.LIMIT, size, bound, true);
    }

    /** The live book's best price on the side an order of {@code side} takes, else the last fill price. */
    private static long referencePrice(final Leg leg, final Side side) {
        final OrderBook book = leg.book;
        if (book != null && book.isValid()) {
            final long best = side == Side.BUY ? book.bestAsk() : book.bestBid();
            if (best != OrderBook.NO_PRICE && best > 0) {
                return best;
            }
        }
        final BigDecimal last = leg.ledger.lastFillPrice();
        return last.signum() > 0 ? leg.priceAt(last) : 0;
    }

    // ---------------------------------------------------------------- flatten

    private void runPendingFlattens() {
        if (pendingFlattens.isEmpty() || inFlight()) {
            return;
        }
        final List<CompletableFuture<Void>> waiters = new ArrayList<>(pendingFlattens);
        pendingFlattens.clear();
        final Direction direction = openDirection;
        final BigDecimal openBefore = state == State.OPEN ? legA.ledger.position().abs() : BigDecimal.ZERO;
        final BigDecimal pnlBefore = realizedPnlUsd();
        state = State.FLATTENING;
        publish();
        flattenAttempt(1, waiters, direction, openBefore, pnlBefore);
    }

    private void flattenAttempt(final int attempt, final List<CompletableFuture<Void>> waiters,
        final Direction direction, final BigDecimal openBefore, final BigDecimal pnlBefore) {
        final CompletableFuture<Position> qa = queryPosition(legA);
        final CompletableFuture<Position> qb = queryPosition(legB);
        qa.thenAcceptBothAsync(qb, (pa, pb) -> {
            if ((pa == null || pb == null) && queryRetries < MAX_QUERY_RETRIES) {
                queryRetries++;
                delay(LOOKUP_DELAY_MS * queryRetries).thenRunAsync(() -> flattenAttempt(attempt, waiters, direction,
                    openBefore, pnlBefore), stateThread);
                return;
            }
            queryRetries = 0;
            final boolean flatA = pa != null && (pa.isFlat() || pa.sizeDecimal().abs().compareTo(minTradeable(legA)) < 0);
            final boolean flatB = pb != null && (pb.isFlat() || pb.sizeDecimal().abs().compareTo(minTradeable(legB)) < 0);
            if (flatA && flatB) {
                if (!pa.isFlat() || !pb.isFlat()) {
                    alert(AlertKind.UNWIND_DONE, false, "flat except dust below the venues' minimum order: "
                        + describe(legA, pa) + ", " + describe(legB, pb));
                }
                legA.ledger.adopt(pa.sizeDecimal(), legA.ledger.avgEntryPrice());
                legB.ledger.adopt(pb.sizeDecimal(), legB.ledger.avgEntryPrice());
                baseline(legA, pa.size(), "flat after flatten");
                baseline(legB, pb.size(), "flat after flatten");
                state = State.FLAT;
                openDirection = null;
                final BigDecimal realized = realizedPnlUsd().subtract(pnlBefore);
                if (openBefore.signum() > 0) {
                    exits++;
                    listener.onExit(direction, openBefore, realized);
                }
                if (realized.signum() != 0) {
                    risk.recordRealized(realized);
                }
                publish();
                waiters.forEach(w -> w.complete(null));
                return;
            }
            if (attempt > config.unwindMaxAttempts()) {
                final String reason = "flatten failed after " + config.unwindMaxAttempts() + " attempts: "
                    + describe(legA, pa) + ", " + describe(legB, pb);
                alert(AlertKind.UNWIND_FAILED, true, reason);
                halt(reason);
                settleState();
                publish();
                final IllegalStateException failure = new IllegalStateException(reason);
                waiters.forEach(w -> w.completeExceptionally(failure));
                return;
            }
            final CompletableFuture<Void> ca = closePosition(legA, pa, attempt);
            final CompletableFuture<Void> cb = closePosition(legB, pb, attempt);
            ca.runAfterBothAsync(cb, () -> flattenAttempt(attempt + 1, waiters, direction, openBefore, pnlBefore),
                stateThread).exceptionally(this::internalError);
        }, stateThread).exceptionally(t -> {
            internalError(t);
            waiters.forEach(w -> w.completeExceptionally(t));
            return null;
        });
    }

    private void baseline(final Leg leg, final long size, final String why) {
        journal.append(new JournalEvent(0, System.currentTimeMillis(), journal.runId(), JournalEventType.BASELINE,
            leg.name, leg.market, null, null, null, size, 0, 0, why));
    }

    private static String describe(final Leg leg, final Position p) {
        return leg.name + " " + (p == null ? "position unknown" : p.sizeDecimal().toPlainString());
    }

    /** Sends a reduce-only order for the whole reported position; completes (never fails) when answered. */
    private CompletableFuture<Void> closePosition(final Leg leg, final Position p, final int attempt) {
        if (p == null || p.isFlat()) {
            return CompletableFuture.completedFuture(null);
        }
        final long size = leg.sizeDown(p.sizeDecimal().abs());
        if (size <= 0 || p.sizeDecimal().abs().compareTo(minTradeable(leg)) < 0) {
            return CompletableFuture.completedFuture(null);
        }
        final Side side = p.size() > 0 ? Side.SELL : Side.BUY;
        final OrderRequest request = escalatingRequest(leg, side, size, attempt, 0);
        journalUnwind(leg, "flatten attempt " + attempt + " " + request);
        return send(leg, request, System.nanoTime()).thenAcceptAsync(outcome -> {
            applyFill(leg, outcome);
            listener.onUnwind(leg.name, leg.size(outcome.filled()), false,
                "flatten attempt " + attempt + ": " + outcome.describeFailure());
        }, stateThread).exceptionally(t -> {
            internalError(t);
            return null;
        });
    }

    private CompletableFuture<Position> queryPosition(final Leg leg) {
        CompletableFuture<Position> f;
        try {
            f = leg.venue.position(leg.market).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(config.orderTimeoutMs(), TimeUnit.MILLISECONDS).handle((p, e) -> {
            if (e != null) {
                LOG.warn("position query on {} failed: {}", leg.name, e.toString());
                return null;
            }
            return p;
        });
    }

    // ---------------------------------------------------------------- net-delta check

    /**
     * Compares {@code posA + posB} as the venues report them with the expected (hedged) state, when no
     * round is in flight; a drift beyond {@link ExecutorConfig#deltaToleranceBase()} raises an alert
     * and, by {@link ExecutorConfig#driftAction()}, re-hedges or halts.
     *
     * @return completes with the net delta found (base units), or null when skipped (round in flight,
     *     a position unreadable)
     */
    public CompletableFuture<BigDecimal> checkNetDelta() {
        final CompletableFuture<BigDecimal> result = new CompletableFuture<>();
        stateThread.execute(() -> {
            if (!(state == State.FLAT || state == State.OPEN) || sizing == null) {
                result.complete(null);
                return;
            }
            final long seq = roundSeq;
            final State before = state;
            queryPosition(legA).thenAcceptBothAsync(queryPosition(legB), (pa, pb) -> {
                if (pa == null || pb == null || seq != roundSeq || state != before) {
                    result.complete(null);
                    return;
                }
                final BigDecimal net = pa.sizeDecimal().add(pb.sizeDecimal());
                final BigDecimal driftA = pa.sizeDecimal().subtract(legA.ledger.position()).abs();
                final BigDecimal driftB = pb.sizeDecimal().subtract(legB.ledger.position()).abs();
                final BigDecimal tol = config.deltaToleranceBase();
                if (net.abs().compareTo(tol) > 0 || driftA.compareTo(tol) > 0 || driftB.compareTo(tol) > 0) {
                    final String what = "net delta " + net.toPlainString() + " (" + legA.name + " "
                        + pa.sizeDecimal().toPlainString() + " vs tracked " + legA.ledger.position().toPlainString()
                        + ", " + legB.name + " " + pb.sizeDecimal().toPlainString() + " vs tracked "
                        + legB.ledger.position().toPlainString() + ") beyond tolerance " + tol.toPlainString();
                    alert(AlertKind.DELTA_DRIFT, true, what);
                    journal.append(JournalEvent.note(journal.runId(), JournalEventType.RECONCILE, "drift: " + what));
                    if (config.driftAction() == DriftAction.REHEDGE && !stopped) {
                        adoptVenuePositions(pa, pb, "re-hedge after drift");
                        roundSeq++;
                        rebalance("net-delta drift", () -> {
                            settleState();
                            publish();
                            runPendingFlattens();
                        });
                    } else {
                        halt("net-delta drift: " + what);
                    }
                }
                result.complete(net);
            }, stateThread).exceptionally(t -> {
                internalError(t);
                result.complete(null);
                return null;
            });
        });
        return result;
    }

    private void adoptVenuePositions(final Position pa, final Position pb, final String why) {
        legA.ledger.adopt(pa.sizeDecimal(), pa.entryPrice() > 0 ? legA.price(pa.entryPrice()) : midPriceA());
        legB.ledger.adopt(pb.sizeDecimal(), pb.entryPrice() > 0 ? legB.price(pb.entryPrice())
            : legA.ledger.avgEntryPrice());
        baseline(legA, pa.size(), why);
        baseline(legB, pb.size(), why);
    }

    // ---------------------------------------------------------------- reconciliation

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
        Objects.requireNonNull(policy, "policy");
        final JournalState before = journal.replay();
        final List<String> differences = new ArrayList<>();
        final List<CompletableFuture<Boolean>> lookups = new ArrayList<>();
        for (JournalEvent intent : before.unresolvedOrders()) {
            final Leg leg = legFor(intent.venue(), intent.market());
            if (leg != null) {
                lookups.add(resolveJournaledOrder(leg, intent, differences));
            }
        }
        final CompletableFuture<ReconciliationReport> result = new CompletableFuture<>();
        CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0]))
            .thenCompose(x -> journal.flush())
            .thenCompose(x -> readVenue(legA, before, differences))
            .thenCompose(pa -> readVenue(legB, before, differences).thenApply(pb -> new Position[] {pa, pb}))
            .thenAcceptAsync(p -> finishReconcile(policy, p[0], p[1], differences, count(lookups), result), stateThread)
            .exceptionally(t -> {
                result.completeExceptionally(new ReconciliationException("reconciliation could not read the venues: "
                    + LegOutcome.unwrap(t), null));
                return null;
            });
        return result;
    }

    private static int count(final List<CompletableFuture<Boolean>> lookups) {
        int n = 0;
        for (CompletableFuture<Boolean> f : lookups) {
            if (Boolean.TRUE.equals(f.getNow(Boolean.FALSE))) {
                n++;
            }
        }
        return n;
    }

    private Leg legFor(final String venue, final String market) {
        if (legA.name.equals(venue) && legA.market.equals(market)) {
            return legA;
        }
        if (legB.name.equals(venue) && legB.market.equals(market)) {
            return legB;
        }
        return null;
    }

    /** Looks up one order the journal never saw finish; journals what the venue says. */
    private CompletableFuture<Boolean> resolveJournaledOrder(final Leg leg, final JournalEvent intent,
        final List<String> differences) {
        CompletableFuture<OrderUpdate> f;
        try {
            f = leg.venue.orderStatus(leg.market, intent.clientOrderId()).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(config.lookupTimeoutMs(), TimeUnit.MILLISECONDS).handle((u, e) -> {
            final Throwable err = LegOutcome.unwrap(e);
            synchronized (differences) {
                if (u != null) {
                    journal.append(new JournalEvent(0, System.currentTimeMillis(), journal.runId(),
                        JournalEventType.UPDATE, leg.name, leg.market, intent.clientOrderId(), intent.side(),
                        u.status().name(), u.size(), u.filledSize(), u.avgFillPrice(), "resolved at start-up"));
                    differences.add("order " + intent.clientOrderId() + " on " + leg.name + " left unresolved by the "
                        + "journal: venue reports " + u.status() + " filled " + leg.size(u.filledSize()).toPlainString());
                    return Boolean.TRUE;
                }
                if (err instanceof OrderRejectedException r && NOT_FOUND.equals(r.venueCode())) {
                    journal.append(new JournalEvent(0, System.currentTimeMillis(), journal.runId(),
                        JournalEventType.UPDATE, leg.name, leg.market, intent.clientOrderId(), intent.side(),
                        OrderStatus.REJECTED.name(), intent.size(), 0, 0, "never reached the venue"));
                    return Boolean.TRUE;
                }
                differences.add("order " + intent.clientOrderId() + " on " + leg.name + " left unresolved by the "
                    + "journal and could not be looked up (" + err + "): its fills show only in the position");
                return Boolean.FALSE;
            }
        });
    }

    /** Reads a venue's position, open orders and recent fills; records differences. */
    private CompletableFuture<Position> readVenue(final Leg leg, final JournalState before,
        final List<String> differences) {
        final CompletableFuture<List<OrderUpdate>> open = optional(() -> leg.venue.openOrders(leg.market));
        final CompletableFuture<List<Fill>> fills = optional(() -> leg.venue.recentFills(leg.market,
            System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1)));
        final CompletableFuture<Position> position = leg.venue.position(leg.market).copy()
            .orTimeout(config.orderTimeoutMs(), TimeUnit.MILLISECONDS);
        return CompletableFuture.allOf(open, fills, position).thenApply(x -> {
            final Position p = position.join();
            final List<OrderUpdate> working = open.join();
            final List<Fill> recent = fills.join();
            synchronized (differences) {
                if (working != null) {
                    for (OrderUpdate u : working) {
                        differences.add("open order on " + leg.name + ": " + u + " (cancelled)");
                        if (u.clientOrderId() != null) {
                            leg.venue.cancelOrderByClientId(leg.market, u.clientOrderId());
                        } else if (u.venueOrderId() != null) {
                            leg.venue.cancelOrder(leg.market, u.venueOrderId());
                        }
                    }
                }
                if (recent != null) {
                    final Set<String> known = new HashSet<>();
                    for (JournalEvent e : journal.events()) {
                        if (e.clientOrderId() != null) {
                            known.add(e.clientOrderId());
                        }
                    }
                    for (Fill f : recent) {
                        if (f.clientOrderId() == null || !known.contains(f.clientOrderId())) {
                            differences.add("fill on " + leg.name + " unknown to the journal: " + f);
                        }
                    }
                }
            }
            return p;
        });
    }

    private <T> CompletableFuture<T> optional(final java.util.function.Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> f;
        try {
            f = call.get().copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(config.orderTimeoutMs(), TimeUnit.MILLISECONDS).handle((v, e) -> e == null ? v : null);
    }

    private void finishReconcile(final ReconcilePolicy policy, final Position pa, final Position pb,
        final List<String> differences, final int resolved, final CompletableFuture<ReconciliationReport> result) {
        final JournalState after = journal.replay();
        final long expectedA = after.expectedPosition(legA.name, legA.market);
        final long expectedB = after.expectedPosition(legB.name, legB.market);
        if (pa.size() != expectedA) {
            differences.add(legA.name + " " + legA.market + " position " + pa.sizeDecimal().toPlainString()
                + ", journal expects " + legA.size(expectedA).toPlainString());
        }
        if (pb.size() != expectedB) {
            differences.add(legB.name + " " + legB.market + " position " + pb.sizeDecimal().toPlainString()
                + ", journal expects " + legB.size(expectedB).toPlainString());
        }
        final BigDecimal net = pa.sizeDecimal().add(pb.sizeDecimal());
        if (net.signum() != 0) {
            differences.add("not hedged: " + legA.name + " " + pa.sizeDecimal().toPlainString() + " + " + legB.name
                + " " + pb.sizeDecimal().toPlainString() + " = " + net.toPlainString());
        }
        for (String d : differences) {
            alert(AlertKind.RECONCILIATION_DIFFERENCE, true, d);
            journal.append(JournalEvent.note(journal.runId(), JournalEventType.RECONCILE, d));
        }
        if (differences.isEmpty()) {
            adoptVenuePositions(pa, pb, "reconciled clean");
            settleQuietly(true);
            finishReport("CLEAN", differences, resolved, result);
            return;
        }
        switch (policy) {
            case REFUSE: {
                final ReconciliationReport report = report("REFUSED", differences, resolved, pa.sizeDecimal(),
                    pb.sizeDecimal());
                reconciliation = report;
                journal.append(JournalEvent.note(journal.runId(), JournalEventType.RECONCILE, "REFUSED"));
                halt("reconciliation refused the start: " + differences.size() + " difference(s)");
                result.completeExceptionally(new ReconciliationException("reconciliation found "
                    + differences.size() + " difference(s): " + String.join("; ", differences), report));
                return;
            }
            case ADOPT:
                adoptVenuePositions(pa, pb, "adopted at start-up");
                settleQuietly(false);
                rebalance("adopted unhedged position at start-up", () -> {
                    settleQuietly(true);
                    finishReport("ADOPTED", differences, resolved, result);
                });
                return;
            case FLATTEN:
            default: {
                adoptVenuePositions(pa, pb, "before start-up flatten");
                final CompletableFuture<Void> flat = new CompletableFuture<>();
                pendingFlattens.add(flat);
                settleQuietly(false);
                runPendingFlattens();
                flat.whenCompleteAsync((v, e) -> {
                    if (e != null) {
                        final ReconciliationReport report = report("REFUSED", differences, resolved,
                            legA.ledger.position(), legB.ledger.position());
                        reconciliation = report;
                        result.completeExceptionally(new ReconciliationException("start-up flatten failed: "
                            + e.getMessage(), report));
                        return;
                    }
                    finishReport("FLATTENED", differences, resolved, result);
                }, stateThread);
            }
        }
    }

    /** Derives the state after adoption without halting on an imbalance (the caller unwinds it). */
    private void settleQuietly(final boolean haltOnImbalance) {
        final BigDecimal posA = legA.ledger.position();
        final BigDecimal posB = legB.ledger.position();
        if (posA.signum() == 0 && posB.signum() == 0) {
            state = State.FLAT;
            openDirection = null;
        } else if (posA.signum() == -posB.signum() && posA.abs().compareTo(posB.abs()) == 0) {
            state = State.OPEN;
            openDirection = posA.signum() > 0 ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A;
        } else if (haltOnImbalance) {
            settleState();
        } else {
            state = State.IMBALANCED;
            openDirection = null;
        }
        publish();
    }

    private void finishReport(final String outcome, final List<String> differences, final int resolved,
        final CompletableFuture<ReconciliationReport> result) {
        final ReconciliationReport report = report(outcome, differences, resolved, legA.ledger.position(),
            legB.ledger.position());
        reconciliation = report;
        journal.append(JournalEvent.note(journal.runId(), JournalEventType.RECONCILE, outcome + " "
            + legA.name + " " + report.positionA().toPlainString() + ", " + legB.name + " "
            + report.positionB().toPlainString()));
        result.complete(report);
    }

    private static ReconciliationReport report(final String outcome, final List<String> differences,
        final int resolved, final BigDecimal a, final BigDecimal b) {
        synchronized (differences) {
            return new ReconciliationReport(outcome, differences, resolved, a, b);
        }
    }

    // ---------------------------------------------------------------- orders

    private OrderRequest request(final Leg leg, final Side side, final OrderType type, final long size,
        final long limitPrice, final boolean reduceOnly) {
        return OrderRequest.builder()
            .market(leg.market)
            .side(side)
            .type(type)
            .timeInForce(TimeInForce.IOC)
            .size(size)
            .limitPrice(limitPrice)
            .reduceOnly(reduceOnly)
            .clientOrderId(idPrefix + Long.toString(++orderCounter, 36) + leg.tag)
            .build();
    }

    /**
     * @return {@code reference} moved {@code bps} away from the book (up for a buy, down for a sell),
     *     snapped to the tick away from the book; at least one tick
     */
    private static long boundedLimit(final Leg leg, final Side side, final long reference, final double bps) {
        final long delta = (long) Math.ceil(reference * (bps / 10_000.0));
        final long raw = side == Side.BUY ? reference + delta : reference - delta;
        final long snapped = leg.spec.snapPriceAggressive(Math.max(raw, leg.spec.tickSize()), side);
        return Math.max(snapped, leg.spec.tickSize());
    }

    /**
     * Sends an order and resolves its outcome: journals the intent (committed first), places it,
     * re-sends on a rate limit with the same client order id, looks it up after a lost ack, falls back
     * to the venue's position; tracks the states and journals the answer. Completes on the state
     * thread and never fails: errors become the outcome.
     */
    private CompletableFuture<LegOutcome> send(final Leg leg, final OrderRequest request, final long decisionNanos) {
        ordersSent++;
        final TrackedOrder order = new TrackedOrder(request, leg);
        orders.put(request.clientOrderId(), order);
        final CompletableFuture<LegOutcome> placed = journal.append(new JournalEvent(0, System.currentTimeMillis(),
                journal.runId(), JournalEventType.INTENT, leg.name, leg.market, request.clientOrderId(),
                request.side().name(), OrderStatus.PENDING_NEW.name(), request.size(), 0, request.limitPrice(),
                request.type() + (request.reduceOnly() ? " reduce-only" : "")))
            .handle((v, e) -> e)
            .thenComposeAsync(journalError -> journalError != null
                ? CompletableFuture.completedFuture(LegOutcome.of(request, null, journalError))
                : place(leg, request, 0), stateThread)
            .thenCompose(outcome -> outcome.outcomeUnknown() ? lookup(leg, outcome.lost(), 1, false)
                : CompletableFuture.completedFuture(outcome));
        return placed.thenComposeAsync(outcome -> {
            account(leg, outcome, decisionNanos);
            return outcome.outcomeUnknown() ? resolveByPosition(leg, outcome) : CompletableFuture.completedFuture(outcome);
        }, stateThread).thenApplyAsync(outcome -> {
            track(order, outcome);
            return outcome;
        }, stateThread);
    }

    /** Places the order, re-sending it with the same client order id after a rate limit. */
    private CompletableFuture<LegOutcome> place(final Leg leg, final OrderRequest request, final int retry) {
        CompletableFuture<OrderUpdate> f;
        try {
            f = leg.venue.placeOrder(request).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(config.orderTimeoutMs(), TimeUnit.MILLISECONDS)
            .handle((update, error) -> LegOutcome.of(request, update, error))
            .thenCompose(outcome -> {
                if (outcome.error() instanceof RateLimitedException rl && retry < config.orderRetries()) {
                    final long waitMs = Math.max(20, Math.min(1_000, rl.retryAfterMs()));
                    LOG.info("order {} on {} rate limited; re-sending in {} ms with the same client order id",
                        request.clientOrderId(), leg.name, waitMs);
                    return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS))
                        .thenCompose(x -> place(leg, request, retry + 1));
                }
                return CompletableFuture.completedFuture(outcome);
            });
    }

    /**
     * Looks up an order whose ack was lost, by client order id: a terminal state resolves it; a
     * working state is polled again; NOT_FOUND (never reached the venue) re-sends it once with the
     * same client order id; an adapter without lookups leaves it unknown (the position decides).
     */
    private CompletableFuture<LegOutcome> lookup(final Leg leg, final LegOutcome lost, final int attempt,
        final boolean resent) {
        final OrderRequest r = lost.request();
        CompletableFuture<OrderUpdate> f;
        try {
            f = leg.venue.orderStatus(leg.market, r.clientOrderId()).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(config.lookupTimeoutMs(), TimeUnit.MILLISECONDS).handle((u, e) -> {
            final Throwable err = LegOutcome.unwrap(e);
            return new Object[] {u, err};
        }).thenCompose(pair -> {
            final OrderUpdate u = (OrderUpdate) pair[0];
            final Throwable err = (Throwable) pair[1];
            if (u != null && u.status().isTerminal()) {
                LOG.warn("order {} on {}: ack lost, lookup found {}", r.clientOrderId(), leg.name, u);
                return CompletableFuture.completedFuture(lost.resolved(u, "lookup"));
            }
            if (u != null && attempt < LOOKUP_ATTEMPTS) {
                return delay(LOOKUP_DELAY_MS).thenCompose(x -> lookup(leg, lost, attempt + 1, resent));
            }
            if (err instanceof OrderRejectedException rej && NOT_FOUND.equals(rej.venueCode()) && !resent) {
                LOG.warn("order {} on {}: ack lost and the venue never saw it; re-sending with the same id",
                    r.clientOrderId(), leg.name);
                return place(leg, r, config.orderRetries()).thenCompose(again -> again.outcomeUnknown()
                    ? lookup(leg, again.lost(), 1, true) : CompletableFuture.completedFuture(again));
            }
            if (err instanceof OrderRejectedException rej && NOT_FOUND.equals(rej.venueCode())) {
                final OrderUpdate none = new OrderUpdate(leg.name, leg.market, r.clientOrderId(), null, r.side(),
                    OrderStatus.REJECTED, r.size(), 0, 0, BigDecimal.ZERO, NOT_FOUND, "never reached the venue",
                    System.currentTimeMillis());
                return CompletableFuture.completedFuture(lost.resolved(none, "lookup"));
            }
            return CompletableFuture.completedFuture(lost);
        });
    }

    private static CompletableFuture<Void> delay(final long ms) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
    }

    /** Reports the answer and counts errors in the breaker. */
    private void account(final Leg leg, final LegOutcome outcome, final long decisionNanos) {
        if (outcome.lostAck()) {
            lostAcks.incrementAndGet();
        }
        if (outcome.update() != null) {
            listener.onOrderAck(outcome.update(), outcome.arrivedNanos() - decisionNanos);
        }
        if (!outcome.failed()) {
            consecutiveErrors = 0;
            risk.recordSuccess();
            return;
        }
        consecutiveErrors++;
        risk.recordError(outcome.error() != null ? outcome.error()
            : new IllegalStateException(outcome.describeFailure()));
        if (outcome.error() instanceof OrderRejectedException
            || (outcome.update() != null && outcome.update().status() == OrderStatus.REJECTED)) {
            ordersRejected++;
        }
        LOG.warn("order {} on {} failed: {}", outcome.request().clientOrderId(), leg.name, outcome.describeFailure());
    }

    /** Moves the tracked order through the state machine and journals the answer. */
    private void track(final TrackedOrder order, final LegOutcome outcome) {
        final OrderRequest r = outcome.request();
        final Leg leg = order.leg;
        try {
            if (outcome.lostAck()) {
                order.transition(OrderStatus.UNKNOWN, 0);
                journalOrder(JournalEventType.ERROR, leg, r, OrderStatus.UNKNOWN, 0, 0, "ack lost");
            }
            final OrderUpdate u = outcome.update();
            if (u != null) {
                order.transition(u.status(), u.filledSize());
                journalOrder(outcome.lostAck() ? JournalEventType.UPDATE : JournalEventType.ACK, leg, r, u.status(),
                    u.filledSize(), u.avgFillPrice(), outcome.resolvedBy() != null ? "resolved by "
                    + outcome.resolvedBy() : null);
            } else if (!outcome.outcomeUnknown()) {
                order.transition(OrderStatus.REJECTED, 0);
                journalOrder(JournalEventType.ERROR, leg, r, OrderStatus.REJECTED, 0, 0, outcome.describeFailure());
            }
        } catch (IllegalOrderTransitionException e) {
            illegalTransitions++;
            LOG.error("executor {}: {}", botId, e.getMessage());
            alert(AlertKind.ILLEGAL_TRANSITION, true, e.getMessage());
            journal.append(JournalEvent.note(journal.runId(), JournalEventType.UPDATE, "illegal: " + e.getMessage()));
        }
        if (order.status().isTerminal()) {
            orders.remove(r.clientOrderId());
        }
    }

    private void journalOrder(final JournalEventType type, final Leg leg, final OrderRequest r,
        final OrderStatus status, final long filled, final long price, final String detail) {
        journal.append(new JournalEvent(0, System.currentTimeMillis(), journal.runId(), type, leg.name, leg.market,
            r.clientOrderId(), r.side().name(), status.name(), r.size(), filled, price, detail));
    }

    /**
     * For an order whose outcome is still unknown, learns what filled from the venue's position (the
     * difference to the tracked position, priced at the order's limit as an estimate).
     */
    private CompletableFuture<LegOutcome> resolveByPosition(final Leg leg, final LegOutcome outcome) {
        return queryPosition(leg).thenApplyAsync(p -> {
            if (p == null) {
                return outcome;
            }
            final OrderRequest r = outcome.request();
            final BigDecimal delta = p.sizeDecimal().subtract(leg.ledger.position());
            final BigDecimal filled = r.side() == Side.BUY ? delta : delta.negate();
            final long filledSize = filled.signum() > 0 ? Math.min(leg.sizeDown(filled), r.size()) : 0;
            LOG.warn("order {} on {}: outcome unknown; position shows {} filled", r.clientOrderId(), leg.name,
                leg.size(filledSize).toPlainString());
            final OrderUpdate estimated = new OrderUpdate(leg.name, leg.market, r.clientOrderId(), null, r.side(),
                filledSize == r.size() ? OrderStatus.FILLED : OrderStatus.CANCELED, r.size(), filledSize,
                r.limitPrice(), BigDecimal.ZERO, null, null, System.currentTimeMillis());
            return outcome.resolved(estimated, "position");
        }, stateThread);
    }

    private void applyFill(final Leg leg, final LegOutcome outcome) {
        final OrderUpdate u = outcome.update();
        if (u == null) {
            return;
        }
        final long price = u.avgFillPrice() > 0 ? u.avgFillPrice() : outcome.request().limitPrice();
        leg.ledger.apply(u.side(), leg.size(u.filledSize()), leg.price(price), u.feeUsd());
    }

    // ---------------------------------------------------------------- bookkeeping

    private void alert(final AlertKind kind, final boolean critical, final String message) {
        alertCount.incrementAndGet();
        try {
            context.alerts().alert(Alert.of(kind, critical, botId, message));
        } catch (RuntimeException e) {
            LOG.warn("alert sink threw: {}", e.toString());
        }
    }

    private BigDecimal realizedPnlUsd() {
        return legA.ledger.realizedPnlUsd().add(legB.ledger.realizedPnlUsd());
    }

    private Void internalError(final Throwable t) {
        LOG.error("executor internal error", t);
        halt("internal error: " + t);
        return null;
    }

    private void publish() {
        published = new ExecutorStats(opportunities, entries, exits, oneSidedFills, unwinds, ordersSent,
            ordersRejected, realizedPnlUsd(), legA.ledger.feesUsd().add(legB.ledger.feesUsd()),
            legA.ledger.position(), legB.ledger.position(), state.name(), haltedFlag.get(), droppedInFlight,
            staleQuoteSkips, riskBlocked, lostAcks.get(), illegalTransitions, alertCount.get(), haltReason);
        if (legA.spec != null) {
            final BigDecimal mid = midPriceA();
            final BigDecimal notional = legA.ledger.position().abs().add(legB.ledger.position().abs()).multiply(mid);
            final BigDecimal unrealized = unrealized(legA, mid).add(unrealized(legB, mid));
            risk.updateExposure(botId, notional, unrealized);
        }
    }

    private static BigDecimal unrealized(final Leg leg, final BigDecimal mid) {
        final BigDecimal pos = leg.ledger.position();
        if (pos.signum() == 0 || mid.signum() == 0 || leg.ledger.avgEntryPrice().signum() == 0) {
            return BigDecimal.ZERO;
        }
        return mid.subtract(leg.ledger.avgEntryPrice()).multiply(pos);
    }
}
