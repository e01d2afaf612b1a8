package dev.arb.executor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.MarginState;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.LiquidationGuard;
import dev.arb.executor.LiquidationSettings;
import dev.arb.executor.MarginPoller;
import dev.arb.executor.ReconcilePolicy;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.RoundResult;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.SqliteJournal;
import dev.arb.strategy.api.Direction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against both simulators: a pair long Vest / short Paradex, small accounts, the market pushed up hard
 * (against the Paradex short). The guard must reduce BOTH legs together before the Paradex simulator would
 * liquidate, and neither simulator may liquidate.
 */
class LiquidationGuardSimTest {
    private static final BigDecimal SIZE = new BigDecimal("0.1");

    @TempDir
    Path dir;

    private SimVenues venues;
    private Journal journal;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private DeltaNeutralExecutor executor;
    private MarginPoller poller;

    @BeforeEach
    void setUp() throws Exception {
        venues = SimVenues.start(11);
        journal = SqliteJournal.open(dir.resolve("journal.db"), Journal.Synchronous.NORMAL);
    }

    @AfterEach
    void tearDown() {
        if (poller != null) {
            poller.close();
        }
        scheduler.shutdownNow();
        if (executor != null) {
            executor.stop();
        }
        venues.close();
        journal.close();
    }

    @Test
    void shouldReduceBothLegsBeforeTheSimulatorWouldLiquidate() throws Exception {
        // small accounts: 2100 USD against about 6500 USD of notional per leg (maintenance margin 5 % on both)
        venues.vestSimulator().setBalance(venues.credentials().vestApiKey(), new BigDecimal("2100"));
        venues.paradexSimulator().setCollateral(venues.credentials().account(), new BigDecimal("2100"));
        final ExecutorConfig config = ExecutorConfig.builder().positionSizeBase(SIZE).entryThresholdPct(1_000)
            .exitThresholdPct(999).slippageBps(50).maxBookAgeMs(5_000).maxQuoteAgeMs(5_000).maxSkewMs(5_000)
            .orderTimeoutMs(3_000).unwindMaxAttempts(3).build();
        final RiskGuard risk = new RiskGuard(RiskLimits.errorsOnly(50), alerts::add, journal, Clock.systemUTC());
        executor = new DeltaNeutralExecutor(venues.vest(), SimVenues.VEST_MARKET, venues.paradex(),
            SimVenues.PARADEX_MARKET, config, venues.loop(), new ExecutionListener() { },
            new ExecutorContext("sim", journal, alerts::add, risk, ReconcilePolicy.REFUSE));
        executor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> executor.tryEnter(Direction.BUY_A_SELL_B)
            .get(20, TimeUnit.SECONDS) != RoundResult.BLOCKED_STALE);
        assertThat(venues.vestPosition()).isEqualByComparingTo("0.1");
        assertThat(venues.paradexPosition()).isEqualByComparingTo("-0.1");

        final LiquidationGuard guard = new LiquidationGuard(new LiquidationSettings(20, 10, new BigDecimal("0.5"), 2,
            100), LiquidationGuard.Target.of(executor), alerts::add, "sim");
        poller = new MarginPoller(guard, List.<ExchangeAdapter>of(venues.vest(), venues.paradex()), scheduler);
        await().atMost(Duration.ofSeconds(20)).until(() -> guard.status().distancePctByVenue().size() == 2
            && guard.status().closestVenue() != null);
        final MarginState start = venues.paradex().marginState().get(10, TimeUnit.SECONDS);
        final BigDecimal originalLiquidation = start.positions().get(0).liquidationPriceUsd();
        assertThat(start.distanceToLiquidationPct()).as("room before the push").isBetween(21.0, 30.0);
        assertThat(guard.status().alerted()).isFalse();

        // +40 % over 8 s of 100 ms steps: through the short's original liquidation price (about +26 %)
        final long from = venues.paradexSimulator().currentStep() + 1;
        venues.model().pushPrice(from, 80, 0.40);
        await().atMost(Duration.ofSeconds(60)).until(() -> venues.paradexSimulator().currentStep() > from + 90
            && guard.status().reductions() >= 1 && executor.stats().state().equals("OPEN"));

        final double mid = venues.model().venueMid(1, venues.paradexSimulator().currentStep());
        assertThat(mid).as("the market went past the unreduced short's liquidation price")
            .isGreaterThan(originalLiquidation.doubleValue());
        assertThat(venues.paradexSimulator().liquidations(venues.credentials().account())).isZero();
        assertThat(venues.vestSimulator().liquidations(venues.credentials().vestApiKey())).isZero();
        // both legs reduced together: still hedged, smaller on both venues
        final BigDecimal vest = venues.vestPosition();
        final BigDecimal paradex = venues.paradexPosition();
        assertThat(vest.add(paradex)).isEqualByComparingTo("0");
        assertThat(vest).isPositive().isLessThan(SIZE);
        // the alert came first, then the reduce alert; one alert per crossing and one per recovery (a reduction
        // takes the distance back beyond 20 + 2 %, the rising price brings it down again)
        final List<AlertKind> kinds = alerts.stream().map(Alert::kind)
            .filter(k -> k == AlertKind.LIQUIDATION_RISK || k == AlertKind.LIQUIDATION_REDUCE).toList();
        assertThat(kinds).startsWith(AlertKind.LIQUIDATION_RISK, AlertKind.LIQUIDATION_REDUCE);
        final long crossings = guard.status().alerts();
        assertThat(kinds.stream().filter(k -> k == AlertKind.LIQUIDATION_RISK).count())
            .isEqualTo(2 * crossings - (guard.status().alerted() ? 1 : 0));
        assertThat(kinds.stream().filter(k -> k == AlertKind.LIQUIDATION_REDUCE).count())
            .isBetween(1L, guard.status().reductions());
        assertThat(executor.entriesHeldForMargin()).isEqualTo(guard.status().alerted());
        // the reductions went through the journal as reduce-only orders on both venues
        journal.flush().join();
        final List<JournalEvent> intents = journal.events().stream()
            .filter(e -> e.type() == dev.arb.executor.journal.JournalEventType.INTENT).toList();
        assertThat(intents).filteredOn(e -> "vest".equals(e.venue())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(intents).filteredOn(e -> "paradex".equals(e.venue())).hasSizeGreaterThanOrEqualTo(2);
        final MarginState end = venues.paradex().marginState().get(10, TimeUnit.SECONDS);
        assertThat(end.distanceToLiquidationPct()).as("the reduced short is still clear of liquidation").isPositive();
        org.slf4j.LoggerFactory.getLogger(LiquidationGuardSimTest.class).info("liquidation e2e: unreduced short "
            + "liquidated at {}, market now {}, {} reductions, lowest distance {} %, now {} %, positions vest {} / "
            + "paradex {}, {} alerts", originalLiquidation, Math.round(mid), guard.status().reductions(),
            String.format(java.util.Locale.ROOT, "%.2f", guard.status().lowestSeenPct()),
            String.format(java.util.Locale.ROOT, "%.2f", end.distanceToLiquidationPct()), vest, paradex, kinds);
    }
}
