package dev.arb.executor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.Direction;
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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random faults on both venues over {@code arb.random.opportunities} (default 10,000)
 * opportunities, each handed to the executor directly ({@link DeltaNeutralExecutor#tryEnter}, then
 * {@link DeltaNeutralExecutor#tryExit}), every order going to the simulators through the real
 * adapters. After each opportunity: no client order id accepted twice by a venue; the venues' net
 * position (as the simulators report it) is zero, or the executor halted with a critical alert (the
 * operator then flattens and a new executor continues on the same journal); and the journal implies
 * exactly the venues' positions.
 */
class RandomizedFaultsTest {
    private static final long SEED = Long.getLong("arb.random.seed", 20261122L);
    private static final int OPPORTUNITIES = Integer.getInteger("arb.random.opportunities", 10_000);
    /** The larger venue minimum order: Paradex's 10 USD minimum notional at BTC ~65,000 rounds up to 0.00016. */
    private static final BigDecimal DUST_TOLERANCE = new BigDecimal("0.0002");

    @TempDir
    Path dir;

    /** Further opportunities arriving while each one is in flight. */
    private static final int EXTRA_TICKS = Integer.getInteger("arb.random.extraTicks", 6);

    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final Map<RoundResult, AtomicInteger> results = new EnumMap<>(RoundResult.class);

    private Fault pick(final Random random) {
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

    private void script(final Random random, final FaultInjectingAdapter venue) {
        venue.clearFaults();
        venue.partialFraction(0.2 + 0.6 * random.nextDouble());
        // faults for the leg and for what may follow it (retries, unwind attempts, lookups' re-sends)
        venue.next(pick(random), pick(random), pick(random), pick(random));
    }

    @Test
    void shouldNeverLeaveSilentExposureUnderRandomFaults() throws Exception {
        final Random random = new Random(SEED);
        final List<Alert> alerts = new CopyOnWriteArrayList<>();
        long entries = 0;
        long exits = 0;
        long oneSided = 0;
        long unwinds = 0;
        long lostAcks = 0;
        long ordersSent = 0;
        long halts = 0;
        long checks = 0;
        BigDecimal maxResidual = BigDecimal.ZERO;
        final long started = System.nanoTime();
        try (SimVenues venues = SimVenues.start(SEED);
            Journal journal = SqliteJournal.open(dir.resolve("journal.db"), Journal.Synchronous.OFF)) {
            venues.vest().delayMs(5);
            venues.paradex().delayMs(5);
            final RiskGuard risk = new RiskGuard(new RiskLimits(null, null, null, null, 0, 8, Duration.ofMillis(50)),
                alerts::add, journal, Clock.systemUTC());
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
            while (i < OPPORTUNITIES) {
                script(random, venues.vest());
                script(random, venues.paradex());
                // one opportunity, and the ticks that keep coming while it is in flight: the executor
                // takes at most one of them and counts the rest as dropped
                final List<CompletableFuture<RoundResult>> burst = new ArrayList<>();
                for (int k = 0; k <= EXTRA_TICKS && i < OPPORTUNITIES; k++, i++) {
                    burst.add(executor.tryEnter(random.nextBoolean() ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A));
                }
                for (CompletableFuture<RoundResult> f : burst) {
                    final RoundResult r = f.get(60, TimeUnit.SECONDS);
                    results.computeIfAbsent(r, x -> new AtomicInteger()).incrementAndGet();
                }
                if (results.getOrDefault(RoundResult.BLOCKED_HALTED, new AtomicInteger()).get() > 0
                    && !executor.isHalted()) {
                    await().atMost(Duration.ofSeconds(5)).until(risk::tradingAllowed);
                }
                if (!executor.isHalted() && "OPEN".equals(executor.stats().state())) {
                    script(random, venues.vest());
                    script(random, venues.paradex());
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
                // 2. net position zero (the simulators' own books of our account)
                final BigDecimal vest = venues.vestPosition();
                final BigDecimal paradex = venues.paradexPosition();
                final BigDecimal net = vest.add(paradex).abs();
                assertThat(net).as("net position after opportunity %d (vest %s, paradex %s)", i, vest, paradex)
                    .isLessThanOrEqualTo(DUST_TOLERANCE);
                maxResidual = maxResidual.max(net);
                // 3. the journal implies the venues' positions
                journal.flush().get(10, TimeUnit.SECONDS);
                replayer.accept(journal.eventsAfter(replayer.lastSeq()));
                final JournalState js = replayer.state();
                assertThat(js.expectedPosition("vest", SimVenues.VEST_MARKET)).as("journal vs Vest after %d", i)
                    .isEqualTo(vest.movePointRight(vestScale).longValueExact());
                assertThat(js.expectedPosition("paradex", SimVenues.PARADEX_MARKET)).as("journal vs Paradex after %d",
                    i).isEqualTo(paradex.movePointRight(paradexScale).longValueExact());
                checks++;
            }
            final ExecutorStats s = add(carried, executor.stats());
            entries = s.entries();
            exits = s.exits();
            oneSided = s.oneSidedFills();
            unwinds = s.unwinds();
            lostAcks = s.lostAcks();
            ordersSent = s.ordersSent();
            assertThat(s.illegalTransitions()).isZero();
            System.out.printf("randomized faults: seed %d, %d opportunities, %d checks, %d entries, %d exits, "
                    + "%d one-sided rounds, %d unwinds, %d lost acks, %d orders sent, %d halts (flattened), "
                    + "breaker trips %d, largest residual %s, opportunity results %s, injected faults %s, %.1f s%n",
                SEED, i, checks, entries, exits, oneSided, unwinds, lostAcks, ordersSent, halts,
                risk.status().trips(), maxResidual.toPlainString(), results, injected, (System.nanoTime() - started) / 1e9);
            assertThat(i).isGreaterThanOrEqualTo(OPPORTUNITIES);
            assertThat(results.get(RoundResult.DROPPED_IN_FLIGHT).get()).as("in-flight dedup").isPositive();
            assertThat(entries).isPositive();
            assertThat(oneSided).isPositive();
            assertThat(lostAcks).isPositive();
        }
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
            a.illegalTransitions() + b.illegalTransitions(), a.alerts() + b.alerts(), b.haltReason());
    }
}
