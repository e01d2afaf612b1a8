package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEventType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The per-venue-market exposure ledger shared by the bots of one process. */
class MarketExposureTest {
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private static BigDecimal d(final String v) {
        return new BigDecimal(v);
    }

    @Test
    void shouldSumTheBotsOfOneMarketAndKeepOtherMarketsApart() {
        final MarketExposure ledger = new MarketExposure();
        final MarketExposure.Share one = ledger.register("vest", "BTC-PERP", "one");
        final MarketExposure.Share two = ledger.register("vest", "BTC-PERP", "two");
        final MarketExposure.Share eth = ledger.register("vest", "ETH-PERP", "three");

        assertThat(one.tryReserve(d("0.02"), d("0.03"), ZERO, d("100000"))).isNull();
        assertThat(two.tryReserve(d("0.02"), d("0.03"), ZERO, d("100000")))
            .startsWith(RiskGuard.MARKET_LIMIT_PREFIX).contains("vest:BTC-PERP").contains("0.04")
            .contains("max_position_base 0.03");
        assertThat(eth.tryReserve(d("0.02"), d("0.03"), ZERO, d("3000"))).as("another market").isNull();
        assertThat(ledger.gross("vest", "BTC-PERP")).isEqualByComparingTo("0.02");

        one.settle(d("-0.015"));   // a partial fill of the reserved 0.02, sold
        assertThat(ledger.gross("vest", "BTC-PERP")).isEqualByComparingTo("0.015");
        assertThat(two.tryReserve(d("0.015"), d("0.03"), ZERO, d("100000"))).isNull();
        assertThat(two.tryReserve(d("0.02"), d("0.03"), ZERO, d("100000")))
            .as("a new reservation replaces the open one: 0.015 + 0.02 > 0.03").isNotNull();
        two.settle(d("0.015"));
        assertThat(two.othersPosition()).isEqualByComparingTo("-0.015");
        assertThat(one.othersPosition()).isEqualByComparingTo("0.015");
        assertThat(eth.othersPosition()).isEqualByComparingTo("0");
        assertThat(ledger.gross("vest", "BTC-PERP")).as("gross counts both sides").isEqualByComparingTo("0.03");
        assertThat(ledger.bots("vest", "BTC-PERP")).isEqualTo(2);
    }

    @Test
    void shouldCheckTheNotionalLimitAndDropARefusedOrCancelledReservation() {
        final MarketExposure ledger = new MarketExposure();
        final MarketExposure.Share s = ledger.register("paradex", "BTC-USD-PERP", "one");
        assertThat(s.tryReserve(d("0.01"), ZERO, d("900"), d("100000")))
            .contains("1000").contains("max_position_usd 900");
        assertThat(ledger.gross("paradex", "BTC-USD-PERP")).isEqualByComparingTo("0");
        assertThat(s.tryReserve(d("0.01"), ZERO, d("1000"), d("100000"))).isNull();
        assertThat(s.reserved()).isTrue();
        s.cancelReservation();
        assertThat(s.reserved()).isFalse();
        assertThat(ledger.gross("paradex", "BTC-USD-PERP")).isEqualByComparingTo("0");
        assertThatThrownBy(() -> s.tryReserve(ZERO, ZERO, ZERO, ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAnEntryOppositeToWhatTheOtherBotsHold() {
        final MarketExposure ledger = new MarketExposure();
        final MarketExposure.Share one = ledger.register("vest", "BTC-PERP", "one");
        final MarketExposure.Share two = ledger.register("vest", "BTC-PERP", "two");
        assertThat(one.tryReserve(d("0.01"), 1, ZERO, ZERO, ZERO)).isNull();
        one.settle(d("0.01"));
        assertThat(two.tryReserve(d("0.01"), -1, ZERO, ZERO, ZERO)).startsWith(RiskGuard.MARKET_LIMIT_PREFIX)
            .contains("held long 0.01").contains("reduce-only");
        assertThat(two.tryReserve(d("0.01"), 1, ZERO, ZERO, ZERO)).isNull();
        two.settle(d("0.01"));
        one.settle(ZERO);
        assertThat(one.tryReserve(d("0.01"), -1, ZERO, ZERO, ZERO)).as("two is long now").isNotNull();
        assertThat(one.tryReserve(d("0.01"), 0, ZERO, ZERO, ZERO)).as("side unknown: no side check").isNull();
    }

    @Test
    void shouldCountAtLeastTheReservationWhileARoundIsInFlight() {
        final MarketExposure ledger = new MarketExposure();
        final MarketExposure.Share s = ledger.register("vest", "BTC-PERP", "one");
        assertThat(s.tryReserve(d("0.02"), ZERO, ZERO, ZERO)).isNull();
        s.track(d("0.005"));       // a first partial fill arrives
        assertThat(ledger.gross("vest", "BTC-PERP")).isEqualByComparingTo("0.02");
        s.track(d("0.03"));        // more filled than reserved (the venue's doing): counted as it is
        assertThat(ledger.gross("vest", "BTC-PERP")).isEqualByComparingTo("0.03");
        s.settle(d("0.01"));
        assertThat(ledger.gross("vest", "BTC-PERP")).isEqualByComparingTo("0.01");
    }

    @Test
    void shouldNeverLetConcurrentReservationsExceedTheLimit() throws Exception {
        final MarketExposure ledger = new MarketExposure();
        final BigDecimal limit = d("0.10");
        final int bots = 8;
        final int rounds = 20_000;
        final ExecutorService pool = Executors.newFixedThreadPool(bots);
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicReference<BigDecimal> worst = new AtomicReference<>(ZERO);
        final AtomicInteger admitted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final List<MarketExposure.Share> shares = new ArrayList<>();
        final List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < bots; i++) {
            final MarketExposure.Share share = ledger.register("vest", "BTC-PERP", "bot" + i);
            shares.add(share);
            done.add(pool.submit(() -> {
                go.await();
                final ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int n = 0; n < rounds; n++) {
                    final BigDecimal size = BigDecimal.valueOf(1 + r.nextInt(3), 2);   // 0.01 .. 0.03
                    if (share.tryReserve(size, limit, ZERO, ZERO) == null) {
                        admitted.incrementAndGet();
                        final BigDecimal seen = ledger.gross("vest", "BTC-PERP");
                        worst.accumulateAndGet(seen, BigDecimal::max);
                        // the round fills all, part or nothing of the reservation, or closes the position
                        final BigDecimal held = share.position().abs();
                        final int outcome = r.nextInt(4);
                        final BigDecimal next = outcome == 0 ? held.add(size) : outcome == 1
                            ? held.add(size.divide(BigDecimal.valueOf(2))) : outcome == 2 ? held : ZERO;
                        share.settle(r.nextBoolean() ? next : next.negate());
                    } else {
                        refused.incrementAndGet();
                        if (r.nextInt(3) == 0) {
                            share.settle(ZERO);   // an exit frees room
                        }
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(admitted.get()).as("some admitted").isPositive();
        assertThat(refused.get()).as("the limit bit").isPositive();
        assertThat(worst.get()).as("gross never above the limit").isLessThanOrEqualTo(limit);
        BigDecimal sum = ZERO;
        for (MarketExposure.Share s : shares) {
            sum = sum.add(s.position().abs());
        }
        assertThat(ledger.gross("vest", "BTC-PERP")).as("gross = sum of |positions| once settled")
            .isEqualByComparingTo(sum);
    }

    @Test
    void shouldCountRefusalsAndAlertAndJournalOncePerRunOfThem() {
        final List<Alert> alerts = new ArrayList<>();
        final Journal journal = Journal.inMemory();
        final RiskLimits limits = new RiskLimits(d("0.02"), null, null, null, 0, 5, Duration.ofSeconds(60));
        final RiskGuard guard = new RiskGuard(limits, alerts::add, journal, Clock.systemUTC());
        final MarketExposure ledger = guard.exposure();
        final MarketExposure.Share a1 = ledger.register("vest", "BTC-PERP", "one");
        final MarketExposure.Share b1 = ledger.register("paradex", "BTC-USD-PERP", "one");
        final MarketExposure.Share a2 = ledger.register("vest", "BTC-PERP", "two");
        final MarketExposure.Share b2 = ledger.register("paradex", "BTC-USD-PERP", "two");

        assertThat(guard.admitEntry("one", ZERO, d("0.015"), d("100000"), a1, b1)).isNull();
        assertThat(guard.admitEntry("two", ZERO, d("0.015"), d("100000"), a2, b2))
            .startsWith(RiskGuard.MARKET_LIMIT_PREFIX);
        assertThat(guard.admitEntry("two", ZERO, d("0.015"), d("100000"), a2, b2)).isNotNull();
        assertThat(guard.marketLimitBlocked()).isEqualTo(2);
        assertThat(ledger.gross("paradex", "BTC-USD-PERP")).as("the refused bot holds nothing").isEqualByComparingTo("0.015");
        assertThat(alerts).filteredOn(a -> a.kind() == AlertKind.MARKET_LIMIT).hasSize(1);
        assertThat(journal.events()).filteredOn(e -> e.type() == JournalEventType.BREAKER
            && e.detail().startsWith("MARKET_LIMIT two")).hasSize(1);

        a1.settle(ZERO);
        b1.settle(ZERO);
        assertThat(guard.admitEntry("two", ZERO, d("0.015"), d("100000"), a2, b2)).as("room again").isNull();
    }
}
