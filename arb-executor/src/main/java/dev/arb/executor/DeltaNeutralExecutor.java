package dev.arb.executor;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.spread.SpreadCalculator;
import dev.arb.spread.SpreadConfig;
import dev.arb.spread.SpreadSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delta-neutral arbitrage of one instrument between venue A and venue B: enters both legs at once
 * when the net spread is wide enough, closes them when the spread converges, and never leaves
 * one-sided exposure silently.
 *
 * <p><b>Data path.</b> Every book change on either venue runs {@link SpreadCalculator} on the two
 * live books and decides, without allocating. A position goes through
 * {@code FLAT → ENTERING → OPEN → EXITING → FLAT}; while a round is in flight
 * ({@code ENTERING}, {@code EXITING}, {@code UNWINDING}, {@code FLATTENING}) further opportunities are
 * counted and dropped.
 *
 * <p><b>Entry.</b> When {@code FLAT} and not halted, if the net spread of either direction
 * (after both taker fees, from the venues' {@code MarketSpec}s) reaches
 * {@link ExecutorConfig#entryThresholdPct()}, both legs are sent at once as LIMIT IOC orders bounded
 * by {@link ExecutorConfig#slippageBps()} beyond the deepest level the size needs (buy limit =
 * ask × (1 + slippage), sell limit = bid × (1 − slippage), snapped away from the book). The size is
 * {@link ExecutorConfig#positionSizeBase()} rounded down to a multiple of both venues' step sizes.
 *
 * <p><b>Fills.</b> After a round the hedged size is the smaller of the two venues' positions,
 * rounded down to both step sizes (exact {@link BigDecimal} comparison across scales). Any venue
 * holding more is brought down to it with reduce-only IOC orders, each attempt with a wider bound
 * (slippage × 2<sup>attempt−1</sup>), the last a MARKET reduce-only order, at most
 * {@link ExecutorConfig#unwindMaxAttempts()}; if exposure remains the executor halts and alerts
 * ({@link ExecutionListener#onHalt}). An order that timed out has an unknown outcome: the venue's
 * position is queried to learn what filled; if that fails too, the executor halts without unwinding.
 *
 * <p><b>Exit.</b> When {@code OPEN} and the gross spread of the closing direction reaches
 * {@link ExecutorConfig#exitThresholdPct()}, both legs are closed with reduce-only IOC orders for the
 * open size; partial exits are matched and unwound the same way and the rest stays open.
 *
 * <p><b>Errors.</b> Every failed order (rejected, rate limited, transport, timeout) counts; a
 * success resets the count; {@link ExecutorConfig#maxConsecutiveErrors()} in a row halt. Halting
 * stops entries; exits and unwinds go on, except that automatic exits also stop while the error
 * budget is spent (so a venue refusing every order is not sent one per tick): {@link #flatten()}
 * still works and resets the count on its first success.
 *
 * <p><b>PnL.</b> Realized USD from each fill's average price and size, per venue against the
 * average entry price, minus {@link OrderUpdate#feeUsd()}.
 *
 * <p><b>Note:</b> thread-safe by confinement. All state is owned by {@code stateThread}, which must
 * be the thread the adapters call book listeners on (the bot gives both adapters one event loop and
 * passes it here); order futures complete elsewhere and hop back to it. {@link #stats()},
 * {@link #isHalted()}, {@link #halt(String)} and {@link #flatten()} may be called from any thread.
 */
public final class DeltaNeutralExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaNeutralExecutor.class);

    private enum State { FLAT, ENTERING, OPEN, EXITING, UNWINDING, FLATTENING, IMBALANCED }

    private enum Round { ENTRY, EXIT }

    private final Leg legA;
    private final Leg legB;
    private final ExecutorConfig config;
    private final Executor stateThread;
    private final ExecutionListener listener;
    private final SpreadSnapshot snapshot = new SpreadSnapshot();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean haltedFlag = new AtomicBoolean();
    private final long idEpochMs = System.currentTimeMillis();

    // set by start() before the subscriptions; read on the state thread
    private SpreadCalculator calculator;
    private HedgeSizing sizing;
    private long entrySizeA;
    private long entrySizeB;

    // confined to the state thread
    private State state = State.FLAT;
    private Direction openDirection;
    private boolean stopped;
    private int consecutiveErrors;
    private long orderCounter;
    private long entries;
    private long exits;
    private long oneSidedFills;
    private long unwinds;
    private long ordersSent;
    private long ordersRejected;
    private final List<CompletableFuture<Void>> pendingFlattens = new ArrayList<>();

    // published for other threads
    private volatile long opportunities;
    private volatile ExecutorStats published;

    /**
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
        this.legA = new Leg(Objects.requireNonNull(venueA, "venueA"), Objects.requireNonNull(marketA, "marketA"), "a");
        this.legB = new Leg(Objects.requireNonNull(venueB, "venueB"), Objects.requireNonNull(marketB, "marketB"), "b");
        this.config = Objects.requireNonNull(config, "config");
        this.stateThread = Objects.requireNonNull(stateThread, "stateThread");
        this.listener = new GuardedListener(listener);
        publish();
    }

    /**
     * Loads both markets' rules, sizes the legs and subscribes both books; from then on every book
     * change is evaluated on the state thread.
     *
     * @throws IllegalStateException if already started, or an adapter is not connected
     * @throws IllegalArgumentException if the position size rounds down to zero on the venues' steps or
     *     is below a venue's minimum size
     * @throws dev.arb.api.InvalidOrderException if a venue has no such market
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        legA.spec = legA.venue.marketSpec(legA.market);
        legB.spec = legB.venue.marketSpec(legB.market);
        sizing = new HedgeSizing(legA.spec, legB.spec);
        final BigDecimal entrySize = sizing.floor(config.positionSizeBase());
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
        LOG.info("executor {}:{} / {}:{} started, leg size {} ({})", legA.name, legA.market, legB.name, legB.market,
            entrySize.toPlainString(), config);
        // the hand-over through the executor makes the fields above visible on the state thread
        stateThread.execute(() -> {
            legA.venue.subscribeOrderBook(legA.market, book -> onBook(legA, book));
            legB.venue.subscribeOrderBook(legB.market, book -> onBook(legB, book));
        });
    }

    /**
     * Stops entering for good, waits for a round in flight, then closes both venues' positions (as
     * the venues report them) with reduce-only orders, escalating like an unwind, and checks they
     * are flat. Never block on the returned future on the state thread: it completes there.
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
     * Stops new entries (exits, unwinds and {@link #flatten()} still run) and alerts the listener.
     * Idempotent: only the first reason is reported.
     *
     * @param reason why, for the operator
     */
    public void halt(final String reason) {
        if (haltedFlag.compareAndSet(false, true)) {
            LOG.error("executor halted: {}", reason);
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

    /** @return the latest counters and positions (opportunities may be a few ticks newer) */
    public ExecutorStats stats() {
        final ExecutorStats s = published;
        final long opp = opportunities;
        final boolean halted = haltedFlag.get();
        if (opp == s.opportunities() && halted == s.halted()) {
            return s;
        }
        return new ExecutorStats(opp, s.entries(), s.exits(), s.oneSidedFills(), s.unwinds(), s.ordersSent(),
            s.ordersRejected(), s.realizedPnlUsd(), s.feesUsd(), s.positionA(), s.positionB(), s.state(), halted);
    }

    // ---------------------------------------------------------------- tick (hot path, allocation-free)

    private void onBook(final Leg leg, final OrderBook book) {
        leg.book = book;
        if (legA.book != null && legB.book != null) {
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
                if (!haltedFlag.get() && !stopped) {
                    listener.onOpportunity(d, net);
                    enter(d, t0);
                }
                return;
            }
            case OPEN: {
                final double closing = openDirection == Direction.BUY_A_SELL_B
                    ? snapshot.exitSpreadPct() : snapshot.entrySpreadPct();
                if (closing >= config.exitThresholdPct() && consecutiveErrors < config.maxConsecutiveErrors()) {
                    exit(t0);
                }
                return;
            }
            default: // a round in flight, or IMBALANCED
                if (snapshot.entryNetPct() >= threshold || snapshot.exitNetPct() >= threshold) {
                    opportunities++; // dropped: a round is in flight
                }
        }
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
        final BigDecimal pnlBefore = realizedPnlUsd();
        final BigDecimal openBefore = state == State.EXITING ? legA.ledger.position().abs() : BigDecimal.ZERO;
        publish();
        final CompletableFuture<LegOutcome> fa = send(legA, ra);
        final CompletableFuture<LegOutcome> fb = send(legB, rb);
        fa.thenAcceptBothAsync(fb, (oa, ob) -> {
            account(legA, oa, decisionNanos);
            account(legB, ob, decisionNanos);
            resolve(legA, oa).thenAcceptBothAsync(resolve(legB, ob), (xa, xb) -> {
                applyFill(legA, xa);
                applyFill(legB, xb);
                if (xa.outcomeUnknown() || xb.outcomeUnknown()) {
                    halt("order outcome unknown on " + (xa.outcomeUnknown() ? legA.name : legB.name)
                        + " and its position could not be read: check positions, then flatten()");
                    finishRound(round, d, pnlBefore, openBefore);
                    return;
                }
                rebalance(cause(round, xa, xb), () -> finishRound(round, d, pnlBefore, openBefore));
            }, stateThread).exceptionally(this::internalError);
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
        if (round == Round.ENTRY && openAfter.signum() > 0) {
            entries++;
            listener.onEntry(openDirection, openAfter);
        } else if (round == Round.EXIT) {
            final BigDecimal closed = openBefore.subtract(openAfter);
            if (closed.signum() > 0) {
                exits++;
                listener.onExit(d, closed, realizedPnlUsd().subtract(pnlBefore));
            }
        }
        publish();
        runPendingFlattens();
    }

    /** Derives the state from the tracked positions. @return the hedged open size (0 unless OPEN) */
    private BigDecimal settleState() {
        final BigDecimal posA = legA.ledger.position();
        final BigDecimal posB = legB.ledger.position();
        if (posA.signum() == 0 && posB.signum() == 0) {
            state = State.FLAT;
            openDirection = null;
            return BigDecimal.ZERO;
        }
        if (posA.signum() == -posB.signum() && posA.abs().compareTo(posB.abs()) == 0) {
            state = State.OPEN;
            openDirection = posA.signum() > 0 ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A;
            return posA.abs();
        }
        state = State.IMBALANCED;
        openDirection = null;
        halt("positions not hedged: " + legA.name + " " + posA.toPlainString() + ", " + legB.name + " "
            + posB.toPlainString());
        return BigDecimal.ZERO;
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
        state = State.UNWINDING;
        if (excessA.signum() > 0) {
            listener.onOneSidedFill(legA.name, excessA, cause);
        }
        if (excessB.signum() > 0) {
            listener.onOneSidedFill(legB.name, excessB, cause);
        }
        publish();
        final CompletableFuture<Boolean> ua = excessA.signum() > 0 ? unwind(legA, target, cause)
            : CompletableFuture.completedFuture(Boolean.TRUE);
        final CompletableFuture<Boolean> ub = excessB.signum() > 0 ? unwind(legB, target, cause)
            : CompletableFuture.completedFuture(Boolean.TRUE);
        ua.thenAcceptBothAsync(ub, (okA, okB) -> {
            if (!okA || !okB) {
                halt("unwind failed on " + (!okA ? legA.name : legB.name) + " after " + config.unwindMaxAttempts()
                    + " attempts: exposure left (" + cause + ")");
            }
            then.run();
        }, stateThread).exceptionally(this::internalError);
    }

    private CompletableFuture<Boolean> unwind(final Leg leg, final BigDecimal target, final String cause) {
        unwinds++;
        final CompletableFuture<Boolean> done = new CompletableFuture<>();
        unwindAttempt(leg, target, cause, 1, done);
        return done;
    }

    private void unwindAttempt(final Leg leg, final BigDecimal target, final String cause, final int attempt,
        final CompletableFuture<Boolean> done) {
        final BigDecimal position = leg.ledger.position();
        final BigDecimal excess = position.abs().subtract(target);
        if (excess.signum() <= 0) {
            done.complete(Boolean.TRUE);
            return;
        }
        final int max = config.unwindMaxAttempts();
        if (attempt > max) {
            listener.onUnwind(leg.name, BigDecimal.ZERO, false, "gave up after " + max + " attempts, "
                + excess.toPlainString() + " left: " + cause);
            done.complete(Boolean.FALSE);
            return;
        }
        final long size = leg.sizeDown(excess);
        if (size <= 0) {
            listener.onUnwind(leg.name, BigDecimal.ZERO, false, "excess " + excess.toPlainString()
                + " is below the size scale: " + cause);
            done.complete(Boolean.FALSE);
            return;
        }
        final Side side = position.signum() > 0 ? Side.SELL : Side.BUY;
        final OrderRequest request = escalatingRequest(leg, side, size, attempt);
        final long sentNanos = System.nanoTime();
        final String step = " (unwind attempt " + attempt + "/" + max + ", " + request.type() + "): " + cause;
        send(leg, request).thenAcceptAsync(outcome -> {
            account(leg, outcome, sentNanos);
            resolve(leg, outcome).thenAcceptAsync(resolved -> {
                applyFill(leg, resolved);
                final boolean reduced = leg.ledger.position().abs().compareTo(target) <= 0;
                listener.onUnwind(leg.name, leg.size(resolved.filled()), reduced, resolved.failed()
                    ? resolved.describeFailure() + step : "filled" + step);
                if (resolved.outcomeUnknown()) {
                    done.complete(Boolean.FALSE);
                } else {
                    unwindAttempt(leg, target, cause, attempt + 1, done);
                }
            }, stateThread).exceptionally(t -> {
                internalError(t);
                done.complete(Boolean.FALSE);
                return null;
            });
        }, stateThread).exceptionally(t -> {
            internalError(t);
            done.complete(Boolean.FALSE);
            return null;
        });
    }

    /**
     * A reduce-only order whose bound widens with each attempt (slippage × 2^(attempt−1), at least
     * 1 bp); the last attempt is a MARKET order whose limit is that bound where one can be computed.
     */
    private OrderRequest escalatingRequest(final Leg leg, final Side side, final long size, final int attempt) {
        final double bps = Math.max(config.slippageBps(), 1.0) * (1L << Math.min(attempt - 1, 20));
        final long reference = referencePrice(leg, side);
        final long bound = reference > 0 ? boundedLimit(leg, side, reference, bps) : 0;
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
        if (pendingFlattens.isEmpty() || state == State.ENTERING || state == State.EXITING
            || state == State.UNWINDING || state == State.FLATTENING) {
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
            final boolean flatA = pa != null && pa.isFlat();
            final boolean flatB = pb != null && pb.isFlat();
            if (flatA && flatB) {
                legA.ledger.resetFlat();
                legB.ledger.resetFlat();
                state = State.FLAT;
                openDirection = null;
                if (openBefore.signum() > 0) {
                    exits++;
                    listener.onExit(direction, openBefore, realizedPnlUsd().subtract(pnlBefore));
                }
                publish();
                waiters.forEach(w -> w.complete(null));
                return;
            }
            if (attempt > config.unwindMaxAttempts()) {
                final String reason = "flatten failed after " + config.unwindMaxAttempts() + " attempts: "
                    + describe(legA, pa) + ", " + describe(legB, pb);
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

    private static String describe(final Leg leg, final Position p) {
        return leg.name + " " + (p == null ? "position unknown" : p.sizeDecimal().toPlainString());
    }

    /** Sends a reduce-only order for the whole reported position; completes (never fails) when answered. */
    private CompletableFuture<Void> closePosition(final Leg leg, final Position p, final int attempt) {
        if (p == null || p.isFlat()) {
            return CompletableFuture.completedFuture(null);
        }
        final long size = leg.sizeDown(p.sizeDecimal().abs());
        if (size <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        final Side side = p.size() > 0 ? Side.SELL : Side.BUY;
        final long sentNanos = System.nanoTime();
        return send(leg, escalatingRequest(leg, side, size, attempt)).thenAcceptAsync(outcome -> {
            account(leg, outcome, sentNanos);
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
            .clientOrderId("arb-" + idEpochMs + "-" + (++orderCounter) + "-" + leg.tag)
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

    /** Sends an order; the future never fails: errors and timeouts become the outcome. */
    private CompletableFuture<LegOutcome> send(final Leg leg, final OrderRequest request) {
        ordersSent++;
        CompletableFuture<OrderUpdate> f;
        try {
            f = leg.venue.placeOrder(request).copy();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(config.orderTimeoutMs(), TimeUnit.MILLISECONDS)
            .handle((update, error) -> LegOutcome.of(request, update, error));
    }

    /** Reports the answer and counts errors; halts when too many in a row. */
    private void account(final Leg leg, final LegOutcome outcome, final long decisionNanos) {
        if (outcome.update() != null) {
            listener.onOrderAck(outcome.update(), outcome.arrivedNanos() - decisionNanos);
        }
        if (!outcome.failed()) {
            consecutiveErrors = 0;
            return;
        }
        consecutiveErrors++;
        if (outcome.error() instanceof OrderRejectedException
            || (outcome.update() != null && outcome.update().status() == OrderStatus.REJECTED)) {
            ordersRejected++;
        }
        LOG.warn("order {} on {} failed: {}", outcome.request().clientOrderId(), leg.name, outcome.describeFailure());
        if (consecutiveErrors >= config.maxConsecutiveErrors()) {
            halt(consecutiveErrors + " consecutive order errors, last on " + leg.name + ": "
                + outcome.describeFailure());
        }
    }

    /**
     * For an order whose outcome is unknown, learns what filled from the venue's position (the
     * difference to the tracked position, priced at the order's limit as an estimate).
     */
    private CompletableFuture<LegOutcome> resolve(final Leg leg, final LegOutcome outcome) {
        if (!outcome.outcomeUnknown()) {
            return CompletableFuture.completedFuture(outcome);
        }
        return queryPosition(leg).thenApplyAsync(p -> {
            if (p == null) {
                return outcome;
            }
            final OrderRequest r = outcome.request();
            final BigDecimal delta = p.sizeDecimal().subtract(leg.ledger.position());
            final BigDecimal filled = r.side() == Side.BUY ? delta : delta.negate();
            final long filledSize = filled.signum() > 0 ? Math.min(leg.sizeDown(filled), r.size()) : 0;
            LOG.warn("order {} on {} timed out; position shows {} filled", r.clientOrderId(), leg.name,
                leg.size(filledSize).toPlainString());
            final OrderUpdate estimated = new OrderUpdate(leg.name, leg.market, r.clientOrderId(), null, r.side(),
                filledSize == r.size() ? OrderStatus.FILLED : OrderStatus.CANCELED, r.size(), filledSize,
                r.limitPrice(), BigDecimal.ZERO, null, null, System.currentTimeMillis());
            return new LegOutcome(r, estimated, null, outcome.arrivedNanos());
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
            legA.ledger.position(), legB.ledger.position(), state.name(), haltedFlag.get());
    }
}
