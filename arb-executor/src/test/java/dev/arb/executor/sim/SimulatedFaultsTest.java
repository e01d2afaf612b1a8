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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor against both simulators through the real adapters, one injected fault per test. Each
 * ends with zero net position on the venues (as the simulators themselves report) or a halted
 * executor with a critical alert.
 */
class SimulatedFaultsTest {
    private static final BigDecimal SIZE = new BigDecimal("0.01");

    @TempDir
    Path dir;

    private SimVenues venues;
    private Journal journal;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private DeltaNeutralExecutor executor;

    @BeforeEach
    void setUp() throws Exception {
        venues = SimVenues.start(11);
        journal = SqliteJournal.open(dir.resolve("journal.db"), Journal.Synchronous.NORMAL);
    }

    @AfterEach
    void tearDown() {
        if (executor != null) {
            executor.stop();
        }
        venues.close();
        journal.close();
    }

    private DeltaNeutralExecutor start(final UnaryOperator<ExecutorConfig.Builder> tweak) {
        final ExecutorConfig config = tweak.apply(ExecutorConfig.builder()
            .positionSizeBase(SIZE)
            .entryThresholdPct(1_000)
            .exitThresholdPct(999)
            .slippageBps(20)
            .maxBookAgeMs(5_000)
            .maxQuoteAgeMs(5_000)
            .maxSkewMs(5_000)
            .orderTimeoutMs(3_000)
            .unwindMaxAttempts(3)).build();
        final RiskGuard risk = new RiskGuard(RiskLimits.errorsOnly(50), alerts::add, journal, Clock.systemUTC());
        executor = new DeltaNeutralExecutor(venues.vest(), SimVenues.VEST_MARKET, venues.paradex(),
            SimVenues.PARADEX_MARKET, config, venues.loop(), new ExecutionListener() { },
            new ExecutorContext("sim", journal, alerts::add, risk, ReconcilePolicy.REFUSE));
        executor.start();
        return executor;
    }

    private RoundResult enter(final Direction d) {
        final RoundResult[] result = new RoundResult[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            result[0] = executor.tryEnter(d).get(20, TimeUnit.SECONDS);
            return result[0] != RoundResult.BLOCKED_STALE;
        });
        return result[0];
    }

    private RoundResult exit() throws Exception {
        return executor.tryExit().get(20, TimeUnit.SECONDS);
    }

    private void assertVenuesNet(final String vest, final String paradex) {
        journal.flush().join();
        assertThat(venues.vestPosition()).isEqualByComparingTo(vest);
        assertThat(venues.paradexPosition()).isEqualByComparingTo(paradex);
        final JournalState js = journal.replay();
        assertThat(js.expectedPosition("vest", SimVenues.VEST_MARKET))
            .as("journal agrees with Vest").isEqualTo(venues.vestPosition().movePointRight(
                executor == null ? 0 : venues.vest().marketSpec(SimVenues.VEST_MARKET).sizeScale()).longValueExact());
        assertThat(js.expectedPosition("paradex", SimVenues.PARADEX_MARKET))
            .as("journal agrees with Paradex").isEqualTo(venues.paradexPosition().movePointRight(
                venues.paradex().marketSpec(SimVenues.PARADEX_MARKET).sizeScale()).longValueExact());
    }

    /** Someone trades the account by hand: a MARKET buy with a far slippage guard. */
    private static void manualBuy(final FaultInjectingAdapter venue, final String size, final String clientOrderId)
        throws Exception {
        final String market = venue.venue().equals("vest") ? SimVenues.VEST_MARKET : SimVenues.PARADEX_MARKET;
        final dev.arb.api.MarketSpec spec = venue.marketSpec(market);
        venue.placeOrder(dev.arb.api.OrderRequest.builder().market(market).side(dev.arb.api.Side.BUY)
            .type(dev.arb.api.OrderType.MARKET).size(spec.parseSize(size))
            .limitPrice(spec.parsePrice("100000")).clientOrderId(clientOrderId).build()).get(10, TimeUnit.SECONDS);
    }

    private boolean alerted(final AlertKind kind) {
        return alerts.stream().anyMatch(a -> a.kind() == kind);
    }

    @Test
    void shouldEnterAndExitCleanly() throws Exception {
        start(b -> b);
        assertThat(executor.reconciliation().outcome()).isEqualTo("CLEAN");
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        assertThat(executor.stats().state()).isEqualTo("OPEN");
        assertVenuesNet("0.01", "-0.01");
        assertThat(exit()).isEqualTo(RoundResult.DONE);
        assertThat(executor.stats().state()).isEqualTo("FLAT");
        assertVenuesNet("0", "0");
    }

    @Test
    void shouldUnwindWhenOneLegIsRejected() {
        start(b -> b);
        venues.paradex().next(Fault.REJECT);
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        final ExecutorStats s = executor.stats();
        assertThat(s.oneSidedFills()).isEqualTo(1);
        assertThat(s.state()).isEqualTo("FLAT");
        assertThat(s.halted()).isFalse();
        assertThat(alerted(AlertKind.ONE_SIDED_FILL)).isTrue();
        assertThat(alerted(AlertKind.UNWIND_DONE)).isTrue();
        assertVenuesNet("0", "0");
    }

    @Test
    void shouldHedgeTheMatchedPartOfAPartialFill() throws Exception {
        start(b -> b);
        venues.vest().partialFraction(0.5);
        venues.vest().next(Fault.PARTIAL);
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        assertThat(executor.stats().state()).isEqualTo("OPEN");
        assertThat(executor.stats().oneSidedFills()).isEqualTo(1);
        assertVenuesNet("0.005", "-0.005");
        assertThat(exit()).isEqualTo(RoundResult.DONE);
        assertVenuesNet("0", "0");
    }

    @Test
    void shouldUnwindTheExcessOfUnequalPartialFillsOnBothLegs() throws Exception {
        start(b -> b);
        venues.vest().partialFraction(0.6);
        venues.paradex().partialFraction(0.3);
        venues.vest().next(Fault.PARTIAL);
        venues.paradex().next(Fault.PARTIAL);
        assertThat(enter(Direction.BUY_B_SELL_A)).isEqualTo(RoundResult.DONE);
        assertThat(executor.stats().state()).isEqualTo("OPEN");
        assertVenuesNet("-0.003", "0.003");
        assertThat(exit()).isEqualTo(RoundResult.DONE);
        assertVenuesNet("0", "0");
    }

    @Test
    void shouldFindAnOrderWhoseAckWasLost() throws Exception {
        start(b -> b);
        venues.vest().next(Fault.LOSE_ACK);
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        final ExecutorStats s = executor.stats();
        assertThat(s.lostAcks()).isEqualTo(1);
        assertThat(s.oneSidedFills()).as("the lookup found the fill: no unwind").isZero();
        assertThat(s.state()).isEqualTo("OPEN");
        assertVenuesNet("0.01", "-0.01");
        assertThat(exit()).isEqualTo(RoundResult.DONE);
        assertVenuesNet("0", "0");
    }

    @Test
    void shouldResendALostRequestWithTheSameClientOrderId() {
        start(b -> b);
        venues.paradex().next(Fault.LOSE_REQUEST);
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        assertThat(executor.stats().state()).isEqualTo("OPEN");
        assertThat(venues.paradex().requests()).hasSize(2);
        assertThat(venues.paradex().requests().get(1).clientOrderId())
            .isEqualTo(venues.paradex().requests().get(0).clientOrderId());
        assertThat(venues.paradex().acceptedByVenue().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertVenuesNet("0.01", "-0.01");
    }

    @Test
    void shouldRetryA429OnTheSecondLegWithTheSameClientOrderId() {
        start(b -> b.orderRetries(2));
        venues.paradex().next(Fault.RATE_LIMIT);
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        assertThat(executor.stats().state()).isEqualTo("OPEN");
        assertThat(executor.stats().oneSidedFills()).isZero();
        assertThat(venues.paradex().requests()).extracting(r -> r.clientOrderId()).hasSize(2).containsOnly(
            venues.paradex().requests().get(0).clientOrderId());
        assertVenuesNet("0.01", "-0.01");
    }

    @Test
    void shouldUnwindWhenThe429OutlastsTheRetries() {
        start(b -> b.orderRetries(1));
        venues.paradex().next(Fault.RATE_LIMIT, Fault.RATE_LIMIT);
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        assertThat(executor.stats().state()).isEqualTo("FLAT");
        assertThat(executor.stats().oneSidedFills()).isEqualTo(1);
        assertThat(alerted(AlertKind.UNWIND_DONE)).isTrue();
        assertVenuesNet("0", "0");
    }

    @Test
    void shouldHaltWithACriticalAlertWhenTheUnwindFails() throws Exception {
        start(b -> b);
        venues.paradex().next(Fault.REJECT);
        venues.vest().rejectWhen(r -> r.reduceOnly());
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        await().atMost(Duration.ofSeconds(10)).until(executor::isHalted);
        assertThat(executor.stats().state()).isEqualTo("IMBALANCED");
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.UNWIND_FAILED);
            assertThat(a.critical()).isTrue();
            assertThat(a.message()).contains("vest");
        });
        assertThat(alerted(AlertKind.HALT)).isTrue();
        assertThat(executor.tryEnter(Direction.BUY_A_SELL_B).get(5, TimeUnit.SECONDS))
            .isIn(RoundResult.BLOCKED_HALTED, RoundResult.NOTHING_TO_DO);
        assertVenuesNet("0.01", "0");

        // the operator's kill switch closes it once the venue takes orders again
        venues.vest().clearFaults();
        executor.flatten().get(30, TimeUnit.SECONDS);
        assertVenuesNet("0", "0");
    }

    @Test
    void shouldRefuseToUnwindBeyondTheLossBound() {
        start(b -> b.unwindLossBoundUsd(new BigDecimal("0.0001")).slippageBps(50));
        venues.paradex().next(Fault.REJECT);
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        // selling back 0.01 BTC bought at the ask below the bid-ask spread cannot stay within 0.0001 USD
        await().atMost(Duration.ofSeconds(10)).until(executor::isHalted);
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.UNWIND_FAILED);
            assertThat(a.message()).contains("loss bound");
        });
        assertVenuesNet("0.01", "0");
    }

    @Test
    void shouldRefuseToStartWhenTheVenuesDifferFromTheJournal() throws Exception {
        // a position the journal knows nothing about
        manualBuy(venues.vest(), "0.01", "manual-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> venues.vestPosition().signum() != 0);
        try {
            start(b -> b);
            org.junit.jupiter.api.Assertions.fail("start must refuse");
        } catch (dev.arb.executor.ReconciliationException e) {
            assertThat(e.report().outcome()).isEqualTo("REFUSED");
            assertThat(e.report().differences()).anySatisfy(d -> assertThat(d).contains("journal expects"));
            // sizes at the markets' step, alike on both venues: never 0E-8, never Paradex's raw 8 decimals
            assertThat(e.report().differences()).allSatisfy(d -> assertThat(d).doesNotContain("E-", "0.00000000"));
            assertThat(e.getMessage()).doesNotContain("E-", "0.00000000");
            assertThat(e.report().differences()).anySatisfy(d -> assertThat(d).matches(
                "not hedged: vest 0\\.01000 \\+ paradex 0\\.00000 = 0\\.01000"));
            assertThat(e.report().differences()).anySatisfy(d -> assertThat(d).startsWith(
                "fill on vest unknown to the journal: BUY 0.01000 at 65"));
        }
        assertThat(executor.isHalted()).isTrue();
        assertThat(alerted(AlertKind.RECONCILIATION_DIFFERENCE)).isTrue();
    }

    @Test
    void shouldAdoptAndRehedgeAnUnknownPositionAtStart() throws Exception {
        manualBuy(venues.vest(), "0.01", "manual-2");
        final ExecutorConfig config = ExecutorConfig.builder().positionSizeBase(SIZE).slippageBps(20)
            .entryThresholdPct(1_000).exitThresholdPct(999)
            .maxBookAgeMs(5_000).maxQuoteAgeMs(5_000).maxSkewMs(5_000).build();
        final RiskGuard risk = new RiskGuard(RiskLimits.errorsOnly(50), alerts::add, journal, Clock.systemUTC());
        executor = new DeltaNeutralExecutor(venues.vest(), SimVenues.VEST_MARKET, venues.paradex(),
            SimVenues.PARADEX_MARKET, config, venues.loop(), new ExecutionListener() { },
            new ExecutorContext("sim", journal, alerts::add, risk, ReconcilePolicy.ADOPT));
        executor.start();
        assertThat(executor.reconciliation().outcome()).isEqualTo("ADOPTED");
        assertThat(alerted(AlertKind.RECONCILIATION_DIFFERENCE)).isTrue();
        assertVenuesNet("0", "0");
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        assertVenuesNet("0.01", "-0.01");
    }

    @Test
    void shouldHaltOnADriftWhenConfiguredTo() throws Exception {
        start(b -> b.driftAction(dev.arb.executor.DriftAction.HALT));
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        manualBuy(venues.paradex(), "0.004", "manual-4");
        assertThat(executor.checkNetDelta().get(10, TimeUnit.SECONDS)).isEqualByComparingTo("0.004");
        await().atMost(Duration.ofSeconds(10)).until(executor::isHalted);
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.DELTA_DRIFT);
            assertThat(a.critical()).isTrue();
        });
        assertThat(executor.stats().haltReason()).contains("net-delta drift");
    }

    @Test
    void shouldRehedgeADriftFoundByTheNetDeltaCheck() throws Exception {
        start(b -> b.driftAction(dev.arb.executor.DriftAction.REHEDGE));
        assertThat(enter(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        // someone trades the account by hand
        manualBuy(venues.paradex(), "0.004", "manual-3");
        final BigDecimal net = executor.checkNetDelta().get(10, TimeUnit.SECONDS);
        assertThat(net).isEqualByComparingTo("0.004");
        assertThat(alerted(AlertKind.DELTA_DRIFT)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> "OPEN".equals(executor.stats().state()));
        assertThat(venues.vestPosition().add(venues.paradexPosition())).isEqualByComparingTo("0");
        assertThat(venues.vestPosition()).isEqualByComparingTo("0.006");
        assertThat(executor.isHalted()).isFalse();
    }
}
