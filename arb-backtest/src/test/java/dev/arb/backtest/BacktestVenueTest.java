package dev.arb.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.Fill;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.api.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Market: prices 2 decimals (tick 0.01), sizes 4 decimals (step 0.0010), taker fee 5 bps. All
 * expectations are computed by hand in the comments.
 */
class BacktestVenueTest {
    private static final String MKT = "BTC-PERP";
    private static final MarketSpec SPEC = MarketSpec.builder().venue("vest").symbol(MKT).baseAsset("BTC")
        .priceScale(2).sizeScale(4).tickSize(1).stepSize(10).takerFeeRate(new BigDecimal("0.0005")).build();

    private final VirtualTime time = new VirtualTime(1_700_000_000_000L);
    private final BacktestVenue venue = BacktestVenue.builder().venue("vest").time(time).market(SPEC).build();
    private int orderNo;

    /** Writes a snapshot: {price, size} pairs for each side, stamped now, and publishes it. */
    private void book(final BacktestVenue v, final long[][] bids, final long[][] asks) {
        final OrderBook b = v.book(MKT);
        b.clear();
        for (final long[] l : bids) {
            b.updateBid(l[0], l[1]);
        }
        for (final long[] l : asks) {
            b.updateAsk(l[0], l[1]);
        }
        b.stamp(0, 0, time.nanoTime());
        b.markValid();
        v.publish(MKT);
    }

    private void book(final long[][] bids, final long[][] asks) {
        book(venue, bids, asks);
    }

    private OrderRequest order(final Side side, final OrderType type, final long size, final long limit,
        final boolean reduceOnly) {
        return OrderRequest.builder().market(MKT).side(side).type(type).size(size).limitPrice(limit)
            .reduceOnly(reduceOnly).clientOrderId("c" + (++orderNo)).build();
    }

    private OrderUpdate fill(final BacktestVenue v, final OrderRequest r) {
        final CompletableFuture<OrderUpdate> f = v.placeOrder(r);
        time.runUntilIdle();
        return f.join();
    }

    private OrderUpdate fill(final Side side, final long size, final long limit) {
        return fill(venue, order(side, OrderType.LIMIT, size, limit, false));
    }

    private long position() {
        return venue.position(MKT).join().size();
    }

    @Test
    void shouldWalkTwoAskLevelsAndCancelTheRestOfABuyBeyondItsLimit() {
        final List<Object> events = new ArrayList<>();
        venue.addOrderListener(new OrderListener() {
            @Override
            public void onOrderUpdate(final OrderUpdate update) {
                events.add(update.status());
            }

            @Override
            public void onFill(final Fill fill) {
                events.add(fill.price() + "x" + fill.size());
            }
        });
        // asks 100.00 x 0.0100, 100.50 x 0.0200, 101.00 x 1.0000
        book(new long[][] {{9_990, 10_000}}, new long[][] {{10_000, 100}, {10_050, 200}, {10_100, 10_000}});

        // BUY 0.0500 limit 100.50: takes 0.0100 @ 100.00 and 0.0200 @ 100.50, stops at 101.00
        final OrderUpdate u = fill(Side.BUY, 500, 10_050);

        assertThat(u.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.size()).isEqualTo(500);
        assertThat(u.filledSize()).isEqualTo(300);
        // VWAP (10000*100 + 10050*200) / 300 = 3,010,000 / 300 = 10033.33 -> 100.33
        assertThat(u.avgFillPrice()).isEqualTo(10_033);
        // notional 1.00 + 2.01 = 3.01 USD; fee 3.01 * 0.0005 = 0.001505
        assertThat(u.feeUsd()).isEqualByComparingTo("0.001505");
        assertThat(u.venueOrderId()).isEqualTo("vest-1");
        assertThat(events).containsExactly("10000x100", "10050x200", OrderStatus.CANCELED);
        assertThat(venue.recentFills(MKT, 0).join()).extracting(Fill::feeUsd)
            .usingElementComparator(BigDecimal::compareTo)
            .containsExactly(new BigDecimal("0.0005"), new BigDecimal("0.001005"));
        assertThat(venue.feesPaidUsd()).isEqualByComparingTo("0.001505");
        assertThat(position()).isEqualTo(300);
        // the recorded book is replayed as recorded: our fill does not consume it
        assertThat(venue.book(MKT).askSize(0)).isEqualTo(100);
    }

    @Test
    void shouldFillASellDownTheBidsAtItsExactVwap() {
        // bids 99.90 x 0.0300, 99.80 x 0.0500
        book(new long[][] {{9_990, 300}, {9_980, 500}}, new long[][] {{10_000, 10_000}});

        // SELL 0.0500 limit 99.80: 0.0300 @ 99.90 + 0.0200 @ 99.80
        final OrderUpdate u = fill(Side.SELL, 500, 9_980);

        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.filledSize()).isEqualTo(500);
        // (9990*300 + 9980*200) / 500 = 4,993,000 / 500 = 99.86 exactly
        assertThat(u.avgFillPrice()).isEqualTo(9_986);
        // notional 2.997 + 1.996 = 4.993; fee 0.0024965
        assertThat(u.feeUsd()).isEqualByComparingTo("0.0024965");
        final Position p = venue.position(MKT).join();
        assertThat(p.size()).isEqualTo(-500);
        assertThat(p.entryPrice()).isEqualTo(9_986);
    }

    @Test
    void shouldRoundTheVwapHalfUpAtThePriceScale() {
        book(new long[][] {}, new long[][] {{10_000, 100}, {10_001, 100}});

        // (10000*100 + 10001*100) / 200 = 10000.5 -> 10001
        assertThat(fill(Side.BUY, 200, 10_001).avgFillPrice()).isEqualTo(10_001);
    }

    @Test
    void shouldCancelWithNothingFilledWhenTheLimitCrossesNothing() {
        book(new long[][] {{9_990, 1_000}}, new long[][] {{10_000, 1_000}});

        final OrderUpdate u = fill(Side.BUY, 100, 9_999);

        assertThat(u.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(u.filledSize()).isZero();
        assertThat(u.avgFillPrice()).isZero();
        assertThat(u.feeUsd()).isEqualByComparingTo("0");
        assertThat(venue.recentFills(null, 0).join()).isEmpty();
        assertThat(position()).isZero();
    }

    @Test
    void shouldMatchAgainstTheBookAsItStandsAfterTheLatency() {
        final BacktestVenue slow = BacktestVenue.builder().venue("vest").time(time).market(SPEC)
            .latencyNanos(1_000_000).build();
        book(slow, new long[][] {}, new long[][] {{10_000, 1_000}});
        final OrderRequest r = order(Side.BUY, OrderType.LIMIT, 100, 10_100, false);

        final CompletableFuture<OrderUpdate> f = slow.placeOrder(r);
        time.advanceTo(500_000);
        book(slow, new long[][] {}, new long[][] {{10_070, 1_000}});
        time.advanceTo(999_999);
        assertThat(f).isNotDone();
        assertThatThrownBy(() -> slow.orderStatus(MKT, r.clientOrderId()).join())
            .hasCauseInstanceOf(OrderRejectedException.class);

        time.advanceTo(1_000_000);

        assertThat(f).isDone();
        assertThat(f.join().avgFillPrice()).isEqualTo(10_070);
        assertThat(f.join().timestampMs()).isEqualTo(1_700_000_000_001L);
        assertThat(slow.orderStatus(MKT, r.clientOrderId()).join().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldCapAReduceOnlyOrderAtThePositionAndRefuseOneThatWouldGrowIt() {
        book(new long[][] {{9_990, 10_000}}, new long[][] {{10_000, 10_000}});
        fill(Side.BUY, 300, 10_000);

        // reduce-only SELL 0.0500 against a long of 0.0300: capped at 0.0300, the rest cancelled
        final OrderUpdate capped = fill(venue, order(Side.SELL, OrderType.LIMIT, 500, 9_990, true));
        assertThat(capped.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(capped.filledSize()).isEqualTo(300);
        assertThat(position()).isZero();

        // flat: refused
        final OrderRequest whileFlat = order(Side.SELL, OrderType.LIMIT, 100, 9_990, true);
        final CompletableFuture<OrderUpdate> refused = venue.placeOrder(whileFlat);
        time.runUntilIdle();
        assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
            .cause().isInstanceOfSatisfying(OrderRejectedException.class,
                e -> assertThat(e.venueCode()).isEqualTo(BacktestVenue.REDUCE_ONLY));
        final OrderUpdate status = venue.orderStatus(MKT, whileFlat.clientOrderId()).join();
        assertThat(status.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(status.rejectCode()).isEqualTo(BacktestVenue.REDUCE_ONLY);

        // long: a reduce-only BUY would grow it
        fill(Side.BUY, 100, 10_000);
        final CompletableFuture<OrderUpdate> grows = venue.placeOrder(order(Side.BUY, OrderType.LIMIT, 100, 10_000, true));
        time.runUntilIdle();
        assertThat(grows).isCompletedExceptionally();
        assertThat(position()).isEqualTo(100);
    }

    @Test
    void shouldRespectTheLimitPriceOfAVestStyleMarketOrderAndWalkUnboundedWithoutOne() {
        // asks 100.00 x 0.0100, 100.50 x 0.0200, 101.00 x 1.0000
        book(new long[][] {}, new long[][] {{10_000, 100}, {10_050, 200}, {10_100, 10_000}});

        final OrderUpdate guarded = fill(venue, order(Side.BUY, OrderType.MARKET, 500, 10_050, false));
        assertThat(guarded.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(guarded.filledSize()).isEqualTo(300);

        // unbounded: 100 @ 100.00 + 200 @ 100.50 + 200 @ 101.00 = 5,030,000 / 500 = 100.60
        final OrderUpdate unbounded = fill(venue, order(Side.BUY, OrderType.MARKET, 500, 0, false));
        assertThat(unbounded.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(unbounded.avgFillPrice()).isEqualTo(10_060);
        // notional 1.00 + 2.01 + 2.02 = 5.03; fee 0.002515
        assertThat(unbounded.feeUsd()).isEqualByComparingTo("0.002515");
    }

    @Test
    void shouldTrackSizeAverageEntryAndRealizedPnlThroughOpenAddCloseAndFlip() {
        book(new long[][] {}, new long[][] {{10_000, 10_000}});
        fill(Side.BUY, 200, 10_000); // long 0.0200 @ 100.00
        book(new long[][] {}, new long[][] {{10_200, 10_000}});
        fill(Side.BUY, 200, 10_200); // add 0.0200 @ 102.00 -> 0.0400 @ 101.00
        assertThat(venue.position(MKT).join()).extracting(Position::size, Position::entryPrice)
            .containsExactly(400L, 10_100L);

        book(new long[][] {{10_300, 10_000}}, new long[][] {});
        fill(Side.SELL, 100, 10_300); // close 0.0100 @ 103.00: entry stays, realized (103 - 101) * 0.01 = 0.02
        assertThat(venue.position(MKT).join()).extracting(Position::size, Position::entryPrice)
            .containsExactly(300L, 10_100L);
        assertThat(venue.realizedPnlUsd(MKT)).isEqualByComparingTo("0.02");

        fill(Side.SELL, 500, 10_300); // flip: close 0.0300 (+0.06), open short 0.0200 @ 103.00
        assertThat(venue.position(MKT).join()).extracting(Position::size, Position::entryPrice)
            .containsExactly(-200L, 10_300L);
        assertThat(venue.realizedPnlUsd(MKT)).isEqualByComparingTo("0.08");
        assertThat(venue.positions().join()).hasSize(1);

        book(new long[][] {}, new long[][] {{9_900, 10_000}});
        fill(Side.BUY, 200, 9_900); // close the short @ 99.00: (99 - 103) * 0.02 * -1 = +0.08
        assertThat(venue.position(MKT).join()).extracting(Position::size, Position::entryPrice)
            .containsExactly(0L, 0L);
        assertThat(venue.realizedPnlUsd(MKT)).isEqualByComparingTo("0.16");
        assertThat(venue.positions().join()).isEmpty();
    }

    @Test
    void shouldReproduceInjectedRejectsAndPartialFillsForTheSameSeed() {
        final List<String> first = injectedOutcomes(42);
        final List<String> again = injectedOutcomes(42);
        final List<String> other = injectedOutcomes(43);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).anyMatch(s -> s.startsWith("REJECTED"));
        assertThat(first).anyMatch(s -> s.startsWith("CANCELED"));
        assertThat(first).anyMatch(s -> s.startsWith("FILLED"));
    }

    private List<String> injectedOutcomes(final long seed) {
        final BacktestVenue faulty = BacktestVenue.builder().venue("vest").time(time).market(SPEC)
            .rejectRate(0.2).partialFillRate(0.3).seed(seed).build();
        book(faulty, new long[][] {{9_990, 100_000}}, new long[][] {{10_000, 100_000}});
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            final CompletableFuture<OrderUpdate> f = faulty.placeOrder(
                order(i % 2 == 0 ? Side.BUY : Side.SELL, OrderType.LIMIT, 1_000, i % 2 == 0 ? 10_000 : 9_990, false));
            time.runUntilIdle();
            final OrderUpdate u = f.isCompletedExceptionally() ? null : f.join();
            if (u == null) {
                out.add("REJECTED");
            } else {
                assertThat(u.filledSize() % SPEC.stepSize()).isZero();
                assertThat(u.filledSize()).isBetween(0L, 1_000L);
                out.add(u.status() + ":" + u.filledSize());
            }
        }
        return out;
    }

    @Test
    void shouldAnswerTheOrderLookupsTheEngineMakes() {
        assertThatThrownBy(() -> venue.orderStatus(MKT, "never").join()).cause()
            .isInstanceOfSatisfying(OrderRejectedException.class,
                e -> assertThat(e.venueCode()).isEqualTo(BacktestVenue.NOT_FOUND));
        assertThat(venue.openOrders(MKT).join()).isEmpty();
        assertThat(venue.cancelOrderByClientId(MKT, "x")).isCompleted();
        assertThat(venue.position(MKT).join().isFlat()).isTrue();
    }

    @Test
    void shouldAnswerFundingFromTheLastRateSetElseTheDefault() {
        final BacktestVenue withDefault = BacktestVenue.builder().venue("vest").time(time).market(SPEC)
            .defaultFundingRatePerHour(0.0001).build();
        assertThat(venue.fundingRatePerHour(MKT)).isNaN();
        assertThat(withDefault.fundingRatePerHour(MKT)).isEqualTo(0.0001);

        withDefault.setFundingRatePerHour(MKT, -0.00005);

        assertThat(withDefault.fundingRatePerHour(MKT)).isEqualTo(-0.00005);
    }

    @Test
    void shouldAgeTheBookOnTheVirtualClockAndPublishToSubscribers() {
        final List<OrderBook> seen = new ArrayList<>();
        venue.subscribeOrderBook(MKT, seen::add);
        assertThat(venue.isStale(MKT)).isTrue();
        assertThat(venue.bookAgeMs(MKT)).isEqualTo(Long.MAX_VALUE);

        book(new long[][] {{9_990, 100}}, new long[][] {{10_000, 100}});
        time.advanceTo(5_000_000_000L);
        assertThat(seen).containsExactly(venue.orderBook(MKT));
        assertThat(venue.bookAgeMs(MKT)).isEqualTo(5_000);
        assertThat(venue.isStale(MKT)).isFalse();

        time.advanceTo(5_001_000_000L);
        assertThat(venue.isStale(MKT)).isTrue();
    }
}
