package dev.arb.executor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.ExecutorStats;
import dev.arb.executor.ReconcilePolicy;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.RoundResult;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalState;
import dev.arb.executor.journal.SqliteJournal;
import dev.arb.executor.sim.FaultInjectingAdapter.Fault;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random faults on both venues over {@code arb.random.opportunities} (default 10,000)
 * opportunities handed to executors directly ({@link DeltaNeutralExecutor#tryEnter}, then
 * {@link DeltaNeutralExecutor#tryExit} with fresh faults), every order going to the simulators
 * through the real adapters. Two independent lanes (each its own simulators, account, journal and
 * executor) run in parallel. Each opportunity comes with {@code arb.random.extraTicks} more arriving
 * while it is in flight, which the executor must drop. After every round: no client order id accepted
 * twice by a venue; the venues' net position (as the simulators themselves report it) within the dust
 * tolerance, or the executor halted with a critical alert (the operator then flattens and a new
 * executor continues on the same journal); and the journal implies exactly the venues' positions.
 */
class RandomizedFaultsTest {
    private static final long SEED = Long.getLong("arb.random.seed", 20261122L);
    private static final int OPPORTUNITIES = Integer.getInteger("arb.random.opportunities", 10_000);
    /** Further opportunities arriving while each one is in flight. */
    private static final int EXTRA_TICKS = Integer.getInteger("arb.random.extraTicks", 3);
    private static final int LANES = Integer.getInteger("arb.random.lanes", 2);
    /** The larger venue minimum order: Paradex's 10 USD minimum notional at BTC ~65,000 rounds up to 0.00016. */
    private static final BigDecimal DUST_TOLERANCE = new BigDecimal("0.0002");

    @TempDir
    Path dir;

    /** What one lane did. */
    private record LaneResult(int opportunities, long rounds, ExecutorStats stats, long halts, long breakerTrips,
        BigDecimal maxResidual, Map<RoundResult, AtomicInteger> results, Map<Fault, AtomicInteger> injected) {
    }

    /** One independent lane: its own simulators, account, journal, risk guard and executor. */
    private final class Lane implements Callable<LaneResult> {
        private final long seed;
        private final int opportunities;
        private final Random random;
        private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
        private final Map<RoundResult, AtomicInteger> results = new EnumMap<>(RoundResult.class);

        Lane(final long seed, final int opportunities) {
            this.seed = seed;
            this.opportunities = opportunities;
            this.random = new Random(seed);
        }

        private Fault pick() {
            final int p = random.nextInt(1000);
            final Fault f;
            if (p < 780) {
                f = Fault.PASS;
            } else if (p < 820) {
                f = Fault.REJECT;
            } else if (p < 860) {
                f = Fault.RATE_LIMIT;
            } else if (p < 890) {
                f = Fault.LOSE_ACK;
            } else if (p < 910) {
                f = Fault.LOSE_REQUEST;
            } else if (p < 930) {
                f = Fault.TRANSPORT;
            } else if (p < 990) {
                f = Fault.PARTIAL;
            } else {
                f = Fault.DELAY;
            }
            injected.computeIfAbsent(f, k -> new AtomicInteger()).incrementAndGet();
            return f;
        }

        private void script(final FaultInjectingAdapter venue) {
            venue.clearFaults();
            venue.partialFraction(0.2 + 0.6 * random.nextDouble());
            // faults for the leg and for what may follow it (retries, unwind attempts, re-sends)
            venue.next(pick(), pick(), pick(), pick());
        }

        @Override
        public LaneResult call() throws Exception {
            final List<Alert> alerts = new CopyOnWriteArrayList<>();
            long halts = 0;
            long rounds = 0;
            BigDecimal maxResidual = BigDecimal.ZERO;
            try (SimVenues venues = SimVenues.start(seed);
                Journal journal = SqliteJournal.open(dir.resolve("journal-" + seed + ".db"), Journal.Synchronous.OFF)) {
                venues.vest().delayMs(5);
                venues.paradex().delayMs(5);
                final RiskGuard risk = new RiskGuard(new RiskLimits(null, null, null, null, 0, 8,
                    Duration.ofMillis(50)), alerts::add, journal, Clock.systemUTC());
                final ExecutorConfig config = ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.01"))
                    .entryThresholdPct(1_000).exitThresholdPct(999).slippageBps(30).maxBookAgeMs(5_000)
                    .maxQuoteAgeMs(5_000).maxSkewMs(5_000).orderTimeoutMs(3_000).orderRetries(1).unwindMaxAttempts(3)
                    .build();
                DeltaNeutralExecutor executor = newExecutor(venues, config, journal, alerts, risk);
                final JournalState.Replayer replayer = new JournalState.Replayer();
                final int vestScale = venues.vest().marketSpec(SimVenues.VEST_MARKET).sizeScale();
                final int paradexScale = venues.paradex().marketSpec(SimVenues.PARADEX_MARKET).sizeScale();
                ExecutorStats carried = null;
                int i = 0;
                while (i < opportunities) {
                    script(venues.vest());
                    script(venues.paradex());
                    // one opportunity, and the ticks that keep coming while it is in flight: the executor
                    // takes at most one of them and counts the rest as dropped
                    final List<CompletableFuture<RoundResult>> burst = new ArrayList<>();
                    for (int k = 0; k <= EXTRA_TICKS && i < opportunities; k++, i++) {
                        burst.add(executor.tryEnter(random.nextBoolean() ? Direction.BUY_A_SELL_B
                            : Direction.BUY_B_SELL_A));
                    }
                    for (CompletableFuture<RoundResult> f : burst) {
                        results.computeIfAbsent(f.get(60, TimeUnit.SECONDS), x -> new AtomicInteger())
                            .incrementAndGet();
                    }
                    if (!executor.isHalted() && !risk.tradingAllowed()) {
                        await().atMost(Duration.ofSeconds(5)).until(risk::tradingAllowed);
                    }
                    if (!executor.isHalted() && "OPEN".equals(executor.stats().state())) {
                        script(venues.vest());
                        script(venues.paradex());
                        executor.tryExit().get(60, TimeUnit.SECONDS);
                    }
                    // a halt is allowed only with a critical alert; the operator then flattens and restarts
                    if (executor.isHalted()) {
                        halts++;
                        assertThat(alerts).as("halt %d alerted", halts).anySatisfy(a -> {
                            assertThat(a.kind()).isIn(AlertKind.HALT, AlertKind.UNWIND_FAILED);
                            assertThat(a.critical()).isTrue();
                        });
                        venues.vest().clearFaults();
                        venues.paradex().clearFaults();
                        executor.flatten().get(60, TimeUnit.SECONDS);
                        carried = add(carried, executor.stats());
                        executor.stop();
                        risk.resume();
                        executor = newExecutor(venues, config, journal, alerts, risk);
                    }
                    venues.vest().clearFaults();
                    venues.paradex().clearFaults();
                    // 1. no duplicate order on any venue
                    assertNoDuplicate(venues.vest());
                    assertNoDuplicate(venues.paradex());
                    // 2. net position within the dust tolerance (the simulators' own books of our account)
                    final BigDecimal vest = venues.vestPosition();
                    final BigDecimal paradex = venues.paradexPosition();
                    final BigDecimal net = vest.add(paradex).abs();
                    assertThat(net).as("lane %d: net position after opportunity %d (vest %s, paradex %s)", seed, i,
                        vest, paradex).isLessThanOrEqualTo(DUST_TOLERANCE);
                    maxResidual = maxResidual.max(net);
                    // 3. the journal implies the venues' positions
                    journal.flush().get(10, TimeUnit.SECONDS);
                    replayer.accept(journal.eventsAfter(replayer.lastSeq()));
                    final JournalState js = replayer.state();
                    assertThat(js.expectedPosition("vest", SimVenues.VEST_MARKET))
                        .as("lane %d: journal vs Vest after %d", seed, i)
                        .isEqualTo(vest.movePointRight(vestScale).longValueExact());
                    assertThat(js.expectedPosition("paradex", SimVenues.PARADEX_MARKET))
                        .as("lane %d: journal vs Paradex after %d", seed, i)
                        .isEqualTo(paradex.movePointRight(paradexScale).longValueExact());
                    rounds++;
                }
                final ExecutorStats s = add(carried, executor.stats());
                executor.stop();
                return new LaneResult(i, rounds, s, halts, risk.status().trips(), maxResidual, results, injected);
            }
        }
    }

    @Test
    void shouldNeverLeaveSilentExposureUnderRandomFaults() throws Exception {
        final long started = System.nanoTime();
        final ExecutorService pool = Executors.newFixedThreadPool(LANES);
        final List<LaneResult> lanes = new ArrayList<>();
        try {
            final List<Future<LaneResult>> futures = new ArrayList<>();
            for (int l = 0; l < LANES; l++) {
                final int share = OPPORTUNITIES / LANES + (l < OPPORTUNITIES % LANES ? 1 : 0);
                futures.add(pool.submit(new Lane(SEED + l, share)));
            }
            for (Future<LaneResult> f : futures) {
                lanes.add(f.get(15, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        int opportunities = 0;
        long rounds = 0;
        long halts = 0;
        long trips = 0;
        ExecutorStats total = null;
        BigDecimal maxResidual = BigDecimal.ZERO;
        final Map<RoundResult, Integer> results = new EnumMap<>(RoundResult.class);
        final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        for (LaneResult r : lanes) {
            opportunities += r.opportunities();
            rounds += r.rounds();
            halts += r.halts();
            trips += r.breakerTrips();
            total = add(total, r.stats());
            maxResidual = maxResidual.max(r.maxResidual());
            r.results().forEach((k, v) -> results.merge(k, v.get(), Integer::sum));
            r.injected().forEach((k, v) -> injected.merge(k, v.get(), Integer::sum));
        }
        System.out.printf("randomized faults: seed %d, %d lanes, %d opportunities, %d rounds checked, %d entries, "
                + "%d exits, %d one-sided rounds, %d unwinds, %d lost acks, %d orders sent, %d halts (flattened), "
                + "breaker trips %d, largest residual %s, opportunity results %s, injected faults %s, %.1f s%n",
            SEED, LANES, opportunities, rounds, total.entries(), total.exits(), total.oneSidedFills(), total.unwinds(),
            total.lostAcks(), total.ordersSent(), halts, trips, maxResidual.toPlainString(), results, injected,
            (System.nanoTime() - started) / 1e9);
        assertThat(opportunities).isGreaterThanOrEqualTo(OPPORTUNITIES);
        assertThat(results.get(RoundResult.DROPPED_IN_FLIGHT)).as("in-flight dedup").isPositive();
        assertThat(total.entries()).isPositive();
        assertThat(total.oneSidedFills()).isPositive();
        assertThat(total.lostAcks()).isPositive();
        assertThat(total.illegalTransitions()).isZero();
    }

    private static void assertNoDuplicate(final FaultInjectingAdapter venue) {
        venue.acceptedByVenue().forEach((cid, n) -> assertThat(n.get()).as("orders on %s with client order id %s",
            venue.venue(), cid).isEqualTo(1));
    }

    private static DeltaNeutralExecutor newExecutor(final SimVenues venues, final ExecutorConfig config,
        final Journal journal, final List<Alert> alerts, final RiskGuard risk) {
        final DeltaNeutralExecutor e = new DeltaNeutralExecutor(venues.vest(), SimVenues.VEST_MARKET, venues.paradex(),
            SimVenues.PARADEX_MARKET, config, venues.loop(), new ExecutionListener() { },
            new ExecutorContext("random", journal, alerts::add, risk, ReconcilePolicy.REFUSE));
        e.start();
        return e;
    }

    private static ExecutorStats add(final ExecutorStats a, final ExecutorStats b) {
        if (a == null) {
            return b;
        }
        return new ExecutorStats(a.opportunities() + b.opportunities(), a.entries() + b.entries(),
            a.exits() + b.exits(), a.oneSidedFills() + b.oneSidedFills(), a.unwinds() + b.unwinds(),
            a.ordersSent() + b.ordersSent(), a.ordersRejected() + b.ordersRejected(),
            a.realizedPnlUsd().add(b.realizedPnlUsd()), a.feesUsd().add(b.feesUsd()), b.positionA(), b.positionB(),
            b.state(), b.halted(), a.droppedInFlight() + b.droppedInFlight(), a.staleQuoteSkips() + b.staleQuoteSkips(),
            a.riskBlocked() + b.riskBlocked(), a.lostAcks() + b.lostAcks(),
            a.illegalTransitions() + b.illegalTransitions(), a.alerts() + b.alerts(), b.haltReason(),
            b.unrealizedPnlUsd(), a.opportunitiesRefused() + b.opportunitiesRefused(),
            a.marketLimitBlocked() + b.marketLimitBlocked());
    }
}
