package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.ExchangeAdapter;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutorStats;
import dev.arb.executor.MarketExposure;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.RoundResult;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.sim.paradex.ParadexSimulator;
import dev.arb.sim.vest.VestSimulator;
import dev.arb.strategy.api.Direction;
import io.netty.channel.nio.NioEventLoopGroup;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several bots in one {@link TradingSession} against both simulators (real wire protocols): two bots on the
 * same BTC markets and one on ETH. The per-market position limit holds across the BTC bots, also while
 * they race with injected rejects and partial fills; the net-delta check and flatten of one bot act on its
 * own share of the shared markets; every venue market is flat at the end.
 */
class MultiBotSessionTest {
    private static final BigDecimal LIMIT = new BigDecimal("0.015");
    private static final String YAML = """
        markets:
          BTC: {vest: BTC-PERP, paradex: BTC-USD-PERP}
          ETH: {vest: ETH-PERP, paradex: ETH-USD-PERP}
        bots:
          # thresholds the simulated spread never reaches: the test drives every round itself
          - {id: btc-one, pair: BTC, dex_a: vest, dex_b: paradex, spread_entry: 5, spread_exit: 4.9, leverage: 5,
             position_size: 0.01}
          - {id: btc-two, pair: BTC, dex_a: paradex, dex_b: vest, spread_entry: 5, spread_exit: 4.9, leverage: 5,
             position_size: 0.01}
          - {id: eth-one, pair: ETH, dex_a: vest, dex_b: paradex, spread_entry: 5, spread_exit: 4.9, leverage: 5,
             position_size: 0.01}
        execution: {delta_check_interval_ms: 2000}
        risk: {max_position_base: 0.015, max_consecutive_errors: 50, cooldown_ms: 500}
        """;

    private NioEventLoopGroup loop;
    private SimulatedVenues sim;
    private TradingSession session;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final Map<String, ExchangeAdapter> adapters = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        loop = new NioEventLoopGroup(1);
        sim = SimulatedVenues.start(11, loop, 2000,
            VestSimulator.Options.builder().symbols(List.of(VestSimulator.SimSymbol.btcPerp(),
                new VestSimulator.SimSymbol("ETH-PERP", 4, 2, new BigDecimal("0.0001"), 1.0))).build(),
            ParadexSimulator.Options.builder().market(ParadexSimulator.Market.btcUsdPerp())
                .market(new ParadexSimulator.Market("ETH-USD-PERP", new BigDecimal("0.1"), new BigDecimal("0.00001"),
                    new BigDecimal("10"), new BigDecimal("0.0003"), new BigDecimal("0.00003"))).build());
        adapters.put("vest", sim.vest());
        adapters.put("paradex", sim.paradex());
        final SafetyConfig.Loaded loaded = SafetyConfig.parse(YAML, "multi-bot test");
        session = new TradingSession(loop.next(), adapters, loaded.bots(), loaded.safety(), Journal.inMemory(),
            AlertSink.fanOut(AlertSink.log(), alerts::add), StrategyFactory.of(loaded.bots().strategy(), null));
        session.start(Duration.ofSeconds(30), Map.of());
    }

    @AfterEach
    void stop() {
        session.executors().values().forEach(DeltaNeutralExecutor::stop);
        adapters.values().forEach(ExchangeAdapter::close);
        if (sim != null) {
            sim.close();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private DeltaNeutralExecutor bot(final String id) {
        return session.executors().get(id);
    }

    /**
     * Forces an entry through every gate, waiting out a stale book at start and another bot's net-delta check
     * holding the shared markets for a moment.
     */
    private RoundResult enter(final String id, final Direction d) {
        final AtomicReference<RoundResult> r = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            r.set(bot(id).tryEnter(d).get(20, TimeUnit.SECONDS));
            return r.get() != RoundResult.BLOCKED_STALE && r.get() != RoundResult.DROPPED_IN_FLIGHT;
        });
        return r.get();
    }

    /** Forces an exit, waiting out a stale book or another bot's round on the shared markets. */
    private RoundResult exit(final String id) {
        final AtomicReference<RoundResult> r = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            r.set(bot(id).tryExit().get(20, TimeUnit.SECONDS));
            return r.get() != RoundResult.BLOCKED_STALE && r.get() != RoundResult.DROPPED_IN_FLIGHT;
        });
        return r.get();
    }

    private BigDecimal venue(final String venue, final String market) throws Exception {
        return adapters.get(venue).position(market).get(10, TimeUnit.SECONDS).sizeDecimal();
    }

    @Test
    void shouldHoldTheMarketLimitAcrossBotsAndFlattenEachBotsOwnShare() throws Exception {
        final MarketExposure exposure = session.risk().exposure();
        assertThat(exposure.bots("vest", "BTC-PERP")).isEqualTo(2);

        // shared BTC markets: the second bot's entry would take vest:BTC-PERP to 0.02 > 0.015
        assertThat(enter("btc-one", Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        assertThat(enter("btc-two", Direction.BUY_B_SELL_A)).isEqualTo(RoundResult.BLOCKED_MARKET_LIMIT);
        assertThat(bot("btc-two").stats().marketLimitBlocked()).isEqualTo(1);
        assertThat(alerts).filteredOn(a -> a.kind() == AlertKind.MARKET_LIMIT).hasSize(1);
        assertThat(venue("vest", "BTC-PERP")).isEqualByComparingTo("0.01");
        // a distinct pair has its own markets
        assertThat(enter("eth-one", Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        assertThat(bot("eth-one").stats().marketLimitBlocked()).isZero();

        // with room for both, both hold 0.01 on the same venue markets
        final RiskLimits l = session.risk().limits();
        session.risk().setLimits(new RiskLimits(new BigDecimal("0.02"), l.maxPositionUsd(), l.maxTotalNotionalUsd(),
            l.maxDailyLossUsd(), l.dailyResetHourUtc(), l.maxConsecutiveErrors(), l.cooldown()));
        // the venue nets one position per market: short vest under btc-one's long could not close reduce-only
        assertThat(enter("btc-two", Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.BLOCKED_MARKET_LIMIT);
        assertThat(enter("btc-two", Direction.BUY_B_SELL_A)).isEqualTo(RoundResult.DONE);
        assertThat(venue("vest", "BTC-PERP")).isEqualByComparingTo("0.02");
        assertThat(venue("paradex", "BTC-USD-PERP")).isEqualByComparingTo("-0.02");
        // each bot's net-delta check sees its own share (0.01), not the venue's 0.02: no drift, no halt
        assertThat(bot("btc-one").checkNetDelta().get(10, TimeUnit.SECONDS)).isEqualByComparingTo("0");
        assertThat(bot("btc-two").checkNetDelta().get(10, TimeUnit.SECONDS)).isEqualByComparingTo("0");
        assertThat(alerts).noneMatch(a -> a.kind() == AlertKind.DELTA_DRIFT);

        // flatten of one bot closes its own share only
        bot("btc-one").flatten().get(30, TimeUnit.SECONDS);
        assertThat(venue("vest", "BTC-PERP")).isEqualByComparingTo("0.01");
        assertThat(venue("paradex", "BTC-USD-PERP")).isEqualByComparingTo("-0.01");
        assertThat(bot("btc-one").stats().positionA()).isEqualByComparingTo("0");
        final ExecutorStats two = bot("btc-two").stats();
        assertThat(two.state()).isEqualTo("OPEN");
        assertThat(two.positionB()).isEqualByComparingTo("0.01");
        assertThat(exposure.gross("vest", "BTC-PERP")).isEqualByComparingTo("0.01");

        final RunSummary summary = session.runFor(Duration.ofMillis(1), new CountDownLatch(0), "sim");
        assertFlat(summary);
        assertThat(summary.halted()).isFalse();
    }

    @Test
    void shouldNeverExceedTheLimitWhileTwoBotsRaceUnderRejectsAndPartialFills() throws Exception {
        final MarketExposure exposure = session.risk().exposure();
        assertThat(enter("eth-one", Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.DONE);
        // faults on both venues while the BTC bots race for the same markets
        sim.vestSim().limitNextFills(4, new BigDecimal("0.004"));
        sim.paradexSim().limitNextFills(3, new BigDecimal("0.006"));
        sim.paradexSim().rejectNextOrders(2, "NOT_ENOUGH_MARGIN");
        sim.vestSim().rejectNextOrders(2, 1001);

        final AtomicReference<BigDecimal> worstGross = new AtomicReference<>(BigDecimal.ZERO);
        final AtomicReference<BigDecimal> worstVenue = new AtomicReference<>(BigDecimal.ZERO);
        final AtomicInteger blocked = new AtomicInteger();
        final Map<String, Integer> results = new java.util.concurrent.ConcurrentSkipListMap<>();
        final AtomicInteger done = new AtomicInteger();
        final CountDownLatch racing = new CountDownLatch(2);
        final ExecutorService pool = Executors.newFixedThreadPool(3);
        final Future<?> sampler = pool.submit(() -> {
            for (long n = 0; racing.getCount() > 0; n++) {
                worstGross.accumulateAndGet(exposure.gross("vest", "BTC-PERP").max(exposure.gross("paradex",
                    "BTC-USD-PERP")), BigDecimal::max);
                if (n % 40 == 0) {
                    worstVenue.accumulateAndGet(venue("vest", "BTC-PERP").abs().max(venue("paradex", "BTC-USD-PERP")
                        .abs()), BigDecimal::max);
                }
                Thread.sleep(5); // sampling pace (keeps the venues' rate limits for the bots), not synchronisation
            }
            return null;
        });
        final List<Future<?>> racers = new ArrayList<>();
        for (String id : List.of("btc-one", "btc-two")) {
            racers.add(pool.submit(() -> {
                try {
                    for (int i = 0; i < 25; i++) {
                        // both bots trade on one event loop: an attempt during the other's round is dropped,
                        // so each attempt waits until it is decided (admitted, refused or nothing to do)
                        // both long vest, short paradex (btc-two's leg A is paradex)
                        final RoundResult r = enter(id, "btc-one".equals(id) ? Direction.BUY_A_SELL_B
                            : Direction.BUY_B_SELL_A);
                        results.merge(id + " " + r + " " + bot(id).stats().state(), 1, Integer::sum);
                        if (r == RoundResult.BLOCKED_MARKET_LIMIT) {
                            blocked.incrementAndGet();
                        } else if (r == RoundResult.DONE) {
                            done.incrementAndGet();
                        }
                        if (i % 3 == 2) {
                            results.merge(id + " exit " + exit(id), 1, Integer::sum);   // else holds it a while
                        }
                    }
                } finally {
                    racing.countDown();
                }
                return null;
            }));
        }
        for (Future<?> f : racers) {
            f.get(120, TimeUnit.SECONDS);
        }
        sampler.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        System.out.println("multi-bot race: " + results + ", worst gross " + worstGross.get() + ", worst venue |position| "
            + worstVenue.get() + " (limit " + LIMIT + ")");
        assertThat(done.get()).as("entries went through").isPositive();
        assertThat(blocked.get()).as("the shared limit refused some: %s", results).isPositive();
        assertThat(worstGross.get()).as("ledger gross per shared market").isLessThanOrEqualTo(LIMIT);
        assertThat(worstVenue.get()).as("venue position per shared market").isLessThanOrEqualTo(LIMIT);
        assertThat(bot("btc-one").stats().marketLimitBlocked() + bot("btc-two").stats().marketLimitBlocked())
            .isEqualTo(blocked.get());
        assertThat(session.risk().marketLimitBlocked()).isEqualTo(blocked.get());

        final RunSummary summary = session.runFor(Duration.ofMillis(1), new CountDownLatch(0), "sim");
        assertFlat(summary);
        assertThat(exposure.gross("vest", "BTC-PERP")).isEqualByComparingTo("0");
        assertThat(exposure.gross("vest", "ETH-PERP")).isEqualByComparingTo("0");
    }

    private void assertFlat(final RunSummary summary) throws Exception {
        assertThat(summary.netPositionBase().get("vest")).isEqualByComparingTo("0");
        assertThat(summary.netPositionBase().get("paradex")).isEqualByComparingTo("0");
        for (String[] m : List.of(new String[] {"vest", "BTC-PERP"}, new String[] {"paradex", "BTC-USD-PERP"},
            new String[] {"vest", "ETH-PERP"}, new String[] {"paradex", "ETH-USD-PERP"})) {
            assertThat(venue(m[0], m[1])).as(m[0] + " " + m[1]).isEqualByComparingTo("0");
        }
        for (DeltaNeutralExecutor e : session.executors().values()) {
            assertThat(e.stats().positionA()).isEqualByComparingTo("0");
            assertThat(e.stats().positionB()).isEqualByComparingTo("0");
        }
    }
}
