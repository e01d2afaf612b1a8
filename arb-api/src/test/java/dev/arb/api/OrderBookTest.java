package dev.arb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderBookTest {
    /** The naive book the fast one must agree with. */
    private static final class ReferenceBook {
        final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
        final NavigableMap<Long, Long> asks = new TreeMap<>();

        void update(final NavigableMap<Long, Long> side, final long price, final long size) {
            if (size == 0) {
                side.remove(price);
            } else {
                side.put(price, size);
            }
        }

        void clear() {
            bids.clear();
            asks.clear();
        }

        boolean crossed() {
            return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey();
        }
    }

    private static void assertSameLevels(final OrderBook book, final ReferenceBook ref, final String step) {
        assertThat(book.bidLevels()).as(step).isEqualTo(ref.bids.size());
        assertThat(book.askLevels()).as(step).isEqualTo(ref.asks.size());
        int i = 0;
        for (final Map.Entry<Long, Long> e : ref.bids.entrySet()) {
            assertThat(book.bidPrice(i)).as(step).isEqualTo(e.getKey());
            assertThat(book.bidSize(i)).as(step).isEqualTo(e.getValue());
            i++;
        }
        i = 0;
        for (final Map.Entry<Long, Long> e : ref.asks.entrySet()) {
            assertThat(book.askPrice(i)).as(step).isEqualTo(e.getKey());
            assertThat(book.askSize(i)).as(step).isEqualTo(e.getValue());
            i++;
        }
        assertThat(book.bestBid()).as(step).isEqualTo(ref.bids.isEmpty() ? OrderBook.NO_PRICE : ref.bids.firstKey());
        assertThat(book.bestAsk()).as(step).isEqualTo(ref.asks.isEmpty() ? OrderBook.NO_PRICE : ref.asks.firstKey());
        assertThat(book.isCrossed()).as(step).isEqualTo(ref.crossed());
    }

    @Test
    void shouldAgreeWithANaiveReferenceBookUnderRandomUpdates() {
        for (final long seed : new long[] {1, 2, 3, 42, 20261121}) {
            final Random random = new Random(seed);
            final OrderBook book = new OrderBook("v", "X", 2, 4, 4);
            final ReferenceBook ref = new ReferenceBook();
            for (int step = 0; step < 5_000; step++) {
                final int op = random.nextInt(100);
                final long price = 10_000 + random.nextInt(120); // narrow range: many hits on existing levels
                final long size = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1_000_000);
                final String what;
                if (op < 1) {
                    book.clear();
                    ref.clear();
                    what = "clear";
                } else if (op < 45) {
                    book.updateBid(price, size);
                    ref.update(ref.bids, price, size);
                    what = "bid " + price + "x" + size;
                } else if (op < 90) {
                    book.updateAsk(price, size);
                    ref.update(ref.asks, price, size);
                    what = "ask " + price + "x" + size;
                } else {
                    final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                    book.update(side, price, size);
                    ref.update(side == Side.BUY ? ref.bids : ref.asks, price, size);
                    what = side + " " + price + "x" + size;
                }
                assertSameLevels(book, ref, "seed " + seed + " step " + step + " " + what);
            }
        }
    }

    @Test
    void shouldDeleteEveryLevelUntilEmpty() {
        final OrderBook book = new OrderBook("v", "X", 2, 4, 4);
        final ReferenceBook ref = new ReferenceBook();
        final Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            final long price = 1 + random.nextInt(1_000);
            book.updateAsk(price, 7);
            ref.update(ref.asks, price, 7);
        }
        assertSameLevels(book, ref, "filled");
        final Iterator<Long> prices = new TreeMap<>(ref.asks).descendingKeySet().iterator();
        while (prices.hasNext()) {
            final long price = prices.next();
            book.updateAsk(price, 0);
            ref.update(ref.asks, price, 0);
            assertSameLevels(book, ref, "deleted " + price);
        }
        assertThat(book.askLevels()).isZero();
        assertThat(book.bestAsk()).isEqualTo(OrderBook.NO_PRICE);
    }

    @Test
    void shouldDetectACrossedBook() {
        final OrderBook book = new OrderBook("v", "X", 2, 4, 4);
        book.updateBid(100, 1);
        assertThat(book.isCrossed()).isFalse();
        book.updateAsk(101, 1);
        assertThat(book.isCrossed()).isFalse();
        book.updateBid(101, 1);
        assertThat(book.isCrossed()).as("bid equal to ask").isTrue();
        book.updateBid(101, 0);
        assertThat(book.isCrossed()).isFalse();
        book.updateAsk(99, 1);
        assertThat(book.isCrossed()).as("ask below bid").isTrue();
    }

    @Test
    void shouldTrackValidityAndStamps() {
        final OrderBook book = new OrderBook("v", "X", 2, 4, 4);
        assertThat(book.isValid()).isFalse();
        book.updateBid(100, 1);
        book.stamp(7, 1_700_000_000_000L, 5_000_000_000L);
        book.markValid();
        assertThat(book.isValid()).isTrue();
        assertThat(book.sequence()).isEqualTo(7);
        assertThat(book.venueTimestampMs()).isEqualTo(1_700_000_000_000L);
        assertThat(book.receivedNanos()).isEqualTo(5_000_000_000L);
        assertThat(book.ageMs(5_250_000_000L)).isEqualTo(250);
        book.clear();
        assertThat(book.isValid()).as("clear keeps validity").isTrue();
        assertThat(book.sequence()).isEqualTo(7);
        book.invalidate();
        assertThat(book.isValid()).isFalse();
    }

    @Test
    void shouldRejectLevelsOutOfRange() {
        final OrderBook book = new OrderBook("v", "X", 2, 4, 4);
        book.updateBid(100, 1);
        assertThatThrownBy(() -> book.bidPrice(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> book.askSize(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> book.bidSize(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldCopyEveryLevelAndStampIntoASmallerBook() {
        final OrderBook source = new OrderBook("v", "X", 2, 4, 4);
        final ReferenceBook ref = new ReferenceBook();
        final Random random = new Random(9);
        for (int i = 0; i < 300; i++) {
            final long price = 1 + random.nextInt(500);
            final long size = 1 + random.nextInt(100);
            if (random.nextBoolean()) {
                source.updateBid(price, size);
                ref.update(ref.bids, price, size);
            } else {
                source.updateAsk(price + 1_000, size);
                ref.update(ref.asks, price + 1_000, size);
            }
        }
        source.stamp(99, 123L, 456L);
        source.markValid();
        final OrderBook copy = new OrderBook("v", "X", 2, 4, 4);

        copy.copyFrom(source);

        assertSameLevels(copy, ref, "copy");
        assertThat(copy.sequence()).isEqualTo(99);
        assertThat(copy.venueTimestampMs()).isEqualTo(123L);
        assertThat(copy.receivedNanos()).isEqualTo(456L);
        assertThat(copy.isValid()).isTrue();

        source.updateBid(ref.bids.firstKey(), 0);
        source.invalidate();
        assertThat(copy.bidLevels()).as("copy is independent").isEqualTo(ref.bids.size());
        assertThat(copy.isValid()).isTrue();

        copy.copyFrom(new OrderBook("v", "X", 2, 4, 4));
        assertThat(copy.bidLevels()).isZero();
        assertThat(copy.askLevels()).isZero();
        assertThat(copy.isValid()).isFalse();
    }

    @Test
    void shouldRefuseToCopyAcrossScales() {
        final OrderBook book = new OrderBook("v", "X", 2, 4, 4);
        assertThatThrownBy(() -> book.copyFrom(new OrderBook("v", "X", 8, 4, 4)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.copyFrom(new OrderBook("v", "X", 2, 6, 4)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldBuildFromAMarketSpec() {
        final MarketSpec spec = MarketSpec.builder().venue("v").symbol("BTC-PERP").priceScale(2).sizeScale(4)
            .tickSize(1).stepSize(1).takerFeeRate(new BigDecimal("0.0002")).build();
        final OrderBook book = OrderBook.forMarket(spec, 20);
        assertThat(book.venue()).isEqualTo("v");
        assertThat(book.symbol()).isEqualTo("BTC-PERP");
        assertThat(book.priceScale()).isEqualTo(2);
        assertThat(book.sizeScale()).isEqualTo(4);
        book.updateBid(6_543_210, 15_000);
        book.updateAsk(6_543_220, 5_000);
        assertThat(book.toString()).contains("bid=65432.10x1.5000").contains("ask=65432.20x0.5000");
    }
}
