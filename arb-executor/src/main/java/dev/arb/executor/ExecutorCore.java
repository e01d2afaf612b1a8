package dev.arb.executor;

import dev.arb.api.OrderBook;
import dev.arb.api.TimeSource;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.executor.journal.JournalState;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state one executor's parts share: both legs, the position state, the counters, the halt flag,
 * the market claims, and the publication of {@link ExecutorStats}. Each part of the engine
 * ({@link RoundRunner}, {@link RoundPricing}, {@link OperatorRounds}, {@link OrderGateway},
 * {@link Unwinder}, {@link Flattener}, {@link ExecutorStartup}, {@link StartupReconciler},
 * {@link NetDeltaMonitor}, {@link MarketCapture}, {@link StrategyHost}) holds this object and owns one job.
 *
 * <p><b>Note:</b> thread-safe by confinement: every non-final field is owned by {@link #stateThread},
 * except the atomics and volatiles, which other threads read.
 */
final class ExecutorCore {
    static final Logger LOG = LoggerFactory.getLogger(DeltaNeutralExecutor.class);
    private static final AtomicInteger EXECUTOR_NUMBERS = new AtomicInteger();

    /** Position state of the pair. */
    enum State { FLAT, ENTERING, OPEN, EXITING, UNWINDING, FLATTENING, IMBALANCED }

    final Leg legA;
    final Leg legB;
    final ExecutorConfig config;
    final EngineSettings settings;
    final Executor stateThread;
    final ExecutionListener listener;
    final ExecutorContext context;
    final Journal journal;
    final RiskGuard risk;
    final String botId;
    final String idPrefix;
    final PnlAttribution pnl;
    /** This bot's shares of both legs' venue markets in the run's exposure ledger. */
    final MarketExposure.Share shareA;
    final MarketExposure.Share shareB;
    /** Where time is read: the system clock live, the captures' clock in a backtest. */
    final TimeSource clock;
    final AtomicBoolean haltedFlag = new AtomicBoolean();
    final AtomicLong lostAcks = new AtomicLong();
    final AtomicLong alertCount = new AtomicLong();
    volatile String haltReason;
    /** Entries paused by the operator (resumable, unlike a halt). */
    volatile boolean paused;
    /** Entries held by the liquidation guard while a venue's margin is close to liquidation (resumable). */
    volatile boolean marginHold;

    // confined to the state thread
    HedgeSizing sizing;
    /** How this bot's sizes are printed (set at start with {@link #sizing}). */
    SizeFormat sizes = SizeFormat.ofDecimals(8);
    State state = State.FLAT;
    Direction openDirection;
    boolean stopped;
    boolean ready;
    boolean claimed;
    int consecutiveErrors;
    long orderCounter;
    long roundSeq;
    long entries;
    long exits;
    long oneSidedFills;
    long unwinds;
    long ordersSent;
    long ordersRejected;
    long droppedInFlight;
    long staleQuoteSkips;
    long riskBlocked;
    long marketLimitBlocked;
    long illegalTransitions;
    final List<CompletableFuture<Void>> pendingFlattens = new ArrayList<>();

    // published for other threads
    volatile long opportunities;
    /** Opportunities seen while entries were refused wholesale: halted, breaker open, paused or stopping. */
    volatile long opportunitiesRefused;
    private volatile ExecutorStats published;

    ExecutorCore(final Leg legA, final Leg legB, final ExecutorConfig config, final Executor stateThread,
        final ExecutionListener listener, final ExecutorContext context) {
        this.legA = legA;
        this.legB = legB;
        this.config = config;
        this.settings = new EngineSettings(config);
        this.stateThread = stateThread;
        this.listener = new GuardedListener(listener);
        this.context = context;
        this.journal = context.journal();
        this.risk = context.risk();
        this.botId = context.botId();
        this.clock = context.clock();
        this.idPrefix = "arb-" + journal.runId() + "-" + Integer.toString(EXECUTOR_NUMBERS.incrementAndGet(), 36) + "-";
        this.pnl = new PnlAttribution(this);
        this.shareA = risk.exposure().register(legA.name, legA.market, botId);
        this.shareB = risk.exposure().register(legB.name, legB.market, botId);
        publish();
    }

    /** @return {@code true} while a round, an unwind or a flatten is in flight */
    boolean inFlight() {
        return state == State.ENTERING || state == State.EXITING || state == State.UNWINDING
            || state == State.FLATTENING;
    }

    /** Claims both markets in the shared risk guard (one round at a time per market across bots). */
    boolean claimMarkets() {
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

    /** Releases both markets' claims and settles this bot's shares of them (an entry's reservation ends). */
    void releaseMarkets() {
        shareA.settle(legA.ledger.position());
        shareB.settle(legB.ledger.position());
        if (claimed) {
            risk.release(JournalState.key(legA.name, legA.market));
            risk.release(JournalState.key(legB.name, legB.market));
            claimed = false;
        }
    }

    /** @return venue A's mid price, else its last fill price, USD */
    BigDecimal midPriceA() {
        final OrderBook b = legA.book;
        if (b != null && b.isValid() && b.bestBid() != OrderBook.NO_PRICE && b.bestAsk() != OrderBook.NO_PRICE) {
            return legA.price((b.bestBid() + b.bestAsk()) / 2);
        }
        return legA.ledger.lastFillPrice();
    }

    /** @return realized PnL of both legs from fills, fees subtracted, funding not included, USD */
    BigDecimal realizedPnlUsd() {
        return legA.ledger.realizedPnlUsd().add(legB.ledger.realizedPnlUsd());
    }

    /** Stops new entries and raises a critical alert; idempotent (the first reason is kept). */
    void halt(final String reason) {
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

    void alert(final AlertKind kind, final boolean critical, final String message) {
        alertCount.incrementAndGet();
        try {
            context.alerts().alert(Alert.of(kind, critical, botId, message));
        } catch (RuntimeException e) {
            LOG.warn("alert sink threw: {}", e.toString());
        }
    }

    Void internalError(final Throwable t) {
        LOG.error("executor internal error", t);
        halt("internal error: " + t);
        return null;
    }

    /** @return the risk guard's claim epoch of both markets (-1 while either is claimed) */
    long claimEpoch() {
        return risk.claimEpoch(JournalState.key(legA.name, legA.market), JournalState.key(legB.name, legB.market));
    }

    /** @return {@code true} if another bot of the process trades one of this bot's venue markets */
    boolean sharesMarkets() {
        return shareA.shared() || shareB.shared();
    }

    /** @return this bot's share of the leg's venue market */
    MarketExposure.Share share(final Leg leg) {
        return leg == legA ? shareA : shareB;
    }

    /**
     * @param leg a leg of this bot
     * @param venue the venue's whole position in the leg's market (every bot of the process)
     * @return this bot's own part of it: the venue's position less the other bots' tracked positions there
     */
    dev.arb.api.Position ownShare(final Leg leg, final dev.arb.api.Position venue) {
        final MarketExposure.Share share = share(leg);
        if (!share.shared()) {
            return venue;
        }
        final BigDecimal others = share.othersPosition();
        if (others.signum() == 0) {
            return venue;
        }
        final long othersUnits = others.movePointRight(venue.sizeScale()).setScale(0, java.math.RoundingMode.HALF_EVEN)
            .longValueExact();
        return new dev.arb.api.Position(venue.venue(), venue.market(), venue.size() - othersUnits, venue.sizeScale(),
            venue.entryPrice(), venue.priceScale(), venue.unrealizedPnlUsd());
    }

    /**
     * @param leg  a leg of this bot
     * @param size this bot's own position on it, the leg's size scale
     * @return the venue's whole position it implies: own plus the other bots' tracked positions, size scale
     */
    long venueTotal(final Leg leg, final long size) {
        final BigDecimal others = share(leg).othersPosition();
        if (others.signum() == 0 || leg.spec == null) {
            return size;
        }
        return size + others.movePointRight(leg.spec.sizeScale()).setScale(0, java.math.RoundingMode.HALF_EVEN)
            .longValueExact();
    }

    /** Publishes the counters and positions for other threads and the exposure to the risk guard. */
    void publish() {
        shareA.track(legA.ledger.position());
        shareB.track(legB.ledger.position());
        BigDecimal unrealized = BigDecimal.ZERO;
        if (legA.spec != null) {
            final BigDecimal mid = midPriceA();
            final BigDecimal notional = legA.ledger.position().abs().add(legB.ledger.position().abs()).multiply(mid);
            unrealized = unrealized(legA, mid).add(unrealized(legB, mid));
            risk.updateExposure(botId, notional, unrealized);
        }
        published = new ExecutorStats(opportunities, entries, exits, oneSidedFills, unwinds, ordersSent,
            ordersRejected, realizedPnlUsd(), legA.ledger.feesUsd().add(legB.ledger.feesUsd()),
            legA.ledger.position(), legB.ledger.position(), state.name(), haltedFlag.get(), droppedInFlight,
            staleQuoteSkips, riskBlocked, lostAcks.get(), illegalTransitions, alertCount.get(), haltReason, unrealized,
            opportunitiesRefused, marketLimitBlocked);
    }

    /** @return the latest published stats, with the few counters other threads change made current */
    ExecutorStats stats() {
        final ExecutorStats s = published;
        final long opp = opportunities;
        final long refused = opportunitiesRefused;
        final boolean halted = haltedFlag.get();
        final long alerts = alertCount.get();
        final long lost = lostAcks.get();
        if (opp == s.opportunities() && refused == s.opportunitiesRefused() && halted == s.halted()
            && alerts == s.alerts() && lost == s.lostAcks()) {
            return s;
        }
        return new ExecutorStats(opp, s.entries(), s.exits(), s.oneSidedFills(), s.unwinds(), s.ordersSent(),
            s.ordersRejected(), s.realizedPnlUsd(), s.feesUsd(), s.positionA(), s.positionB(), s.state(), halted,
            s.droppedInFlight(), s.staleQuoteSkips(), s.riskBlocked(), lost, s.illegalTransitions(), alerts,
            haltReason, s.unrealizedPnlUsd(), refused, s.marketLimitBlocked());
    }

    private static BigDecimal unrealized(final Leg leg, final BigDecimal mid) {
        final BigDecimal pos = leg.ledger.position();
        if (pos.signum() == 0 || mid.signum() == 0 || leg.ledger.avgEntryPrice().signum() == 0) {
            return BigDecimal.ZERO;
        }
        return mid.subtract(leg.ledger.avgEntryPrice()).multiply(pos);
    }
}
