package dev.arb.spread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arb.api.OrderBook;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpreadCalculatorTest {
    private static final long NOW = 1_000_000_000_000L;

    /** Venue A: prices 2 decimals, sizes 4 decimals. */
    private static OrderBook bookA() {
        return new OrderBook("a", "BTC-A", 2, 4, 20);
    }

    /** Venue B: prices 8 decimals, sizes 6 decimals. */
    private static OrderBook bookB() {
        return new OrderBook("b", "BTC-B", 8, 6, 20);
    }

    private static void fresh(final OrderBook book) {
        book.stamp(1, 0, NOW - 1_000_000L);
        book.markValid();
    }

    private static SpreadSnapshot compute(final SpreadConfig config, final OrderBook a, final OrderBook b) {
        final SpreadSnapshot out = new SpreadSnapshot();
        new SpreadCalculator(config).compute(a, b, NOW, out);
        return out;
    }

    @Test
    void shouldComputeTopOfBookSpreadsAcrossDifferentScales() {
        final OrderBook a = bookA();
        a.updateAsk(6_500_000, 10_000); // 65000.00 x 1
        a.updateBid(6_499_000, 10_000); // 64990.00
        fresh(a);
        final OrderBook b = bookB();
        b.updateBid(6_510_000_000_000L, 1_000_000); // 65100.00000000
        b.updateAsk(6_511_000_000_000L, 1_000_000); // 65110
        fresh(b);

        final SpreadSnapshot s = compute(SpreadConfig.builder().takerFeeBpsA(2).takerFeeBpsB(3).build(), a, b);

        assertThat(s.usable()).isTrue();
        assertThat(s.unusableReason()).isNull();
        assertThat(s.buyASellBPct()).isCloseTo((65100.0 - 65000.0) / 65000.0 * 100, within(1e-12));
        assertThat(s.buyBSellAPct()).isCloseTo((64990.0 - 65110.0) / 65110.0 * 100, within(1e-12));
        assertThat(s.buyASellBNetPct()).isCloseTo(s.buyASellBPct() - 0.05, within(1e-12));
        assertThat(s.buyBSellANetPct()).isCloseTo(s.buyBSellAPct() - 0.05, within(1e-12));
        assertThat(s.askA()).isEqualTo(6_500_000);
        assertThat(s.bidB()).isEqualTo(6_510_000_000_000L);
        assertThat(s.worstAskA()).isEqualTo(s.askA());
        assertThat(s.bookAgeMsA()).isEqualTo(1);
        assertThat(s.receivedNanosB()).isEqualTo(NOW - 1_000_000L);
    }

    @Test
    void shouldComputeVwapOverTheDepthNeededForTheSize() {
        final OrderBook a = bookA();
        a.updateAsk(10_000, 5_000);  // 100.00 x 0.5
        a.updateAsk(10_100, 5_000);  // 101.00 x 0.5
        a.updateAsk(10_200, 50_000); // 102.00 x 5
        a.updateBid(9_900, 20_000);
        fresh(a);
        final OrderBook b = bookB();
        b.updateBid(10_300_000_000L, 200_000); // 103 x 0.2
        b.updateBid(10_200_000_000L, 800_000); // 102 x 0.8
        b.updateBid(10_100_000_000L, 5_000_000);
        b.updateAsk(10_400_000_000L, 5_000_000);
        fresh(b);

        final SpreadSnapshot s = compute(SpreadConfig.builder().sizeBase(new BigDecimal("1.5")).build(), a, b);

        assertThat(s.usable()).isTrue();
        // ask A for 1.5: 0.5@100 + 0.5@101 + 0.5@102 = 101.00
        assertThat(s.askA()).isEqualTo(10_100);
        assertThat(s.worstAskA()).isEqualTo(10_200);
        // bid B for 1.5: 0.2@103 + 0.8@102 + 0.5@101 = (20.6 + 81.6 + 50.5) / 1.5 = 101.8
        assertThat(s.bidB()).isEqualTo(10_180_000_000L);
        assertThat(s.worstBidB()).isEqualTo(10_100_000_000L);
        assertThat(s.buyASellBPct()).isCloseTo((101.8 - 101.0) / 101.0 * 100, within(1e-12));
    }

    @Test
    void shouldRoundVwapAgainstUs() {
        final OrderBook a = bookA();
        a.updateAsk(10_000, 10_000); // 100.00 x 1
        a.updateAsk(10_001, 20_000); // 100.01 x 2
        a.updateBid(9_999, 10_000);  // 99.99 x 1
        a.updateBid(9_998, 20_000);  // 99.98 x 2
        fresh(a);
        final OrderBook b = bookB();
        b.updateBid(10_000_000_000L, 10_000_000);
        b.updateAsk(10_100_000_000L, 10_000_000);
        fresh(b);

        final SpreadSnapshot s = compute(SpreadConfig.builder().sizeBase(new BigDecimal("2")).build(), a, b);

        // exact ask VWAP 100.005 rounds up to 100.01, bid VWAP 99.985 rounds down to 99.98
        assertThat(s.askA()).isEqualTo(10_001);
        assertThat(s.bidA()).isEqualTo(9_998);
    }

    @Test
    void shouldMatchBigDecimalReferenceVwapOnRandomBooks() {
        final Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            final OrderBook a = bookA();
            final OrderBook b = bookB();
            final long midA = 5_000_000 + random.nextInt(2_000_000);
            for (int i = 0; i < 20; i++) {
                a.updateAsk(midA + 1 + i * (1 + random.nextInt(50)) + i, 1 + random.nextInt(30_000));
                a.updateBid(midA - 1 - i * (1 + random.nextInt(50)) - i, 1 + random.nextInt(30_000));
                final long midB = midA * 1_000_000L;
                b.updateAsk(midB + 1 + random.nextInt(1_000_000_000), 1 + random.nextInt(3_000_000));
                b.updateBid(midB - 1 - random.nextInt(1_000_000_000), 1 + random.nextInt(3_000_000));
            }
            fresh(a);
            fresh(b);
            final BigDecimal size = BigDecimal.valueOf(1 + random.nextInt(40_000), 4);
            final SpreadSnapshot s = compute(SpreadConfig.builder().sizeBase(size).build(), a, b);
            final BigDecimal refAskA = referenceVwap(a, false, size);
            final BigDecimal refBidB = referenceVwap(b, true, size);
            if (refAskA == null) {
                assertThat(s.usable()).isFalse();
                assertThat(s.unusableReason()).isEqualTo(SpreadSnapshot.BOOK_A_THIN);
                continue;
            }
            assertThat(s.askA()).isEqualTo(refAskA.setScale(2, RoundingMode.CEILING).unscaledValue().longValueExact());
            if (refBidB == null || referenceVwap(a, true, size) == null || referenceVwap(b, false, size) == null) {
                assertThat(s.usable()).isFalse();
                continue;
            }
            assertThat(s.usable()).isTrue();
            assertThat(s.bidB()).isEqualTo(refBidB.setScale(8, RoundingMode.FLOOR).unscaledValue().longValueExact());
        }
    }

    /** Naive VWAP with BigDecimal, or null if the side is too thin. */
    private static BigDecimal referenceVwap(final OrderBook book, final boolean bids, final BigDecimal size) {
        BigDecimal remaining = size;
        BigDecimal notional = BigDecimal.ZERO;
        final int levels = bids ? book.bidLevels() : book.askLevels();
        for (int i = 0; i < levels && remaining.signum() > 0; i++) {
            final BigDecimal price = BigDecimal.valueOf(bids ? book.bidPrice(i) : book.askPrice(i), book.priceScale());
            final BigDecimal levelSize = BigDecimal.valueOf(bids ? book.bidSize(i) : book.askSize(i), book.sizeScale());
            final BigDecimal take = levelSize.min(remaining);
            notional = notional.add(price.multiply(take));
            remaining = remaining.subtract(take);
        }
        return remaining.signum() > 0 ? null : notional.divide(size, MathContext.DECIMAL128);
    }

    @Test
    void shouldFallBackToDoubleWhenTheExactSumWouldOverflow() {
        final OrderBook a = new OrderBook("a", "X", 8, 8, 20);
        final OrderBook b = new OrderBook("b", "X", 8, 8, 20);
        // 1,000 base units per level at scale 8 = 1e11; price steps of 1,000 USD = 1e11: products ≈ 1e22
        for (int i = 0; i < 5; i++) {
            a.updateAsk(10_000_000_000_000L + i * 100_000_000_000L, 100_000_000_000L);
            a.updateBid(9_000_000_000_000L - i * 100_000_000_000L, 100_000_000_000L);
            b.updateAsk(10_000_000_000_000L + i * 100_000_000_000L, 100_000_000_000L);
            b.updateBid(9_000_000_000_000L - i * 100_000_000_000L, 100_000_000_000L);
        }
        fresh(a);
        fresh(b);
        final BigDecimal size = new BigDecimal("3500");

        final SpreadSnapshot s = compute(SpreadConfig.builder().sizeBase(size).build(), a, b);

        assertThat(s.usable()).isTrue();
        final long refAsk = referenceVwap(a, false, size).setScale(8, RoundingMode.CEILING).unscaledValue()
            .longValueExact();
        final long refBid = referenceVwap(b, true, size).setScale(8, RoundingMode.FLOOR).unscaledValue()
            .longValueExact();
        assertThat(s.askA()).isBetween(refAsk - 1, refAsk + 1);
        assertThat(s.bidB()).isBetween(refBid - 1, refBid + 1);
        assertThat(s.worstAskA()).isEqualTo(10_300_000_000_000L);
    }

    @Test
    void shouldBeUnusableWhenTooThinForTheSize() {
        final OrderBook a = bookA();
        a.updateAsk(10_000, 5_000);
        a.updateBid(9_900, 50_000);
        fresh(a);
        final OrderBook b = bookB();
        b.updateBid(10_000_000_000L, 5_000_000);
        b.updateAsk(10_100_000_000L, 5_000_000);
        fresh(b);

        final SpreadSnapshot s = compute(SpreadConfig.builder().sizeBase(new BigDecimal("1")).build(), a, b);

        assertThat(s.usable()).isFalse();
        assertThat(s.unusableReason()).isEqualTo(SpreadSnapshot.BOOK_A_THIN);
        assertThat(s.buyASellBPct()).isNaN();
    }

    @Test
    void shouldBeUnusableWhenABookIsInvalidCrossedStaleOrEmpty() {
        final SpreadConfig config = SpreadConfig.builder().maxBookAgeMs(100).build();
        final OrderBook a = bookA();
        final OrderBook b = bookB();
        a.updateAsk(10_000, 5_000);
        a.updateBid(9_900, 5_000);
        b.updateBid(10_000_000_000L, 5_000_000);
        b.updateAsk(10_100_000_000L, 5_000_000);
        a.stamp(1, 0, NOW);
        b.stamp(1, 0, NOW);

        assertThat(compute(config, a, b).unusableReason()).isEqualTo(SpreadSnapshot.BOOK_A_INVALID);
        a.markValid();
        assertThat(compute(config, a, b).unusableReason()).isEqualTo(SpreadSnapshot.BOOK_B_INVALID);
        b.markValid();
        assertThat(compute(config, a, b).usable()).isTrue();

        b.updateBid(10_200_000_000L, 1);
        assertThat(compute(config, a, b).unusableReason()).isEqualTo(SpreadSnapshot.BOOK_B_CROSSED);
        b.updateBid(10_200_000_000L, 0);

        a.stamp(2, 0, NOW - 101_000_000L);
        assertThat(compute(config, a, b).unusableReason()).isEqualTo(SpreadSnapshot.BOOK_A_STALE);
        a.stamp(2, 0, NOW - 100_000_000L);
        assertThat(compute(config, a, b).usable()).isTrue();

        b.updateAsk(10_100_000_000L, 0);
        final SpreadSnapshot s = compute(config, a, b);
        assertThat(s.unusableReason()).isEqualTo(SpreadSnapshot.BOOK_B_THIN);
        assertThat(s.askB()).isEqualTo(OrderBook.NO_PRICE);
    }

    @Test
    void shouldStartUnusable() {
        assertThat(new SpreadSnapshot().usable()).isFalse();
        assertThat(new SpreadSnapshot().unusableReason()).isEqualTo(SpreadSnapshot.NOT_COMPUTED);
    }

    @Test
    void shouldNotAllocateInSteadyState() {
        final OrderBook a = bookA();
        final OrderBook b = bookB();
        for (int i = 0; i < 20; i++) {
            a.updateAsk(6_500_000 + i, 1_000);
            a.updateBid(6_499_000 - i, 1_000);
            b.updateAsk(6_510_000_000_000L + i * 1_000_000L, 100_000);
            b.updateBid(6_509_000_000_000L - i * 1_000_000L, 100_000);
        }
        fresh(a);
        fresh(b);
        final SpreadCalculator vwap = new SpreadCalculator(SpreadConfig.builder().sizeBase(new BigDecimal("0.5")).build());
        final SpreadCalculator top = new SpreadCalculator(SpreadConfig.builder().build());
        final SpreadSnapshot out = new SpreadSnapshot();
        double sink = 0;
        for (int i = 0; i < 20_000; i++) {
            vwap.compute(a, b, NOW, out);
            top.compute(a, b, NOW, out);
            sink += out.buyASellBPct();
        }
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long tid = Thread.currentThread().getId();
        final long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            vwap.compute(a, b, NOW, out);
            top.compute(a, b, NOW, out);
            sink += out.buyASellBPct();
        }
        final long allocated = mx.getThreadAllocatedBytes(tid) - before;

        assertThat(vwap.config().sizeBase()).isEqualByComparingTo("0.5");
        assertThat(sink).isFinite();
        assertThat(allocated).as("bytes allocated by 200,000 computes").isLessThan(1_024);
    }
}
