package dev.arb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.Fill;
import dev.arb.api.Liquidity;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BBO, order-update and fill benchmarks measure real decoding: each benchmark method, called once outside
 * JMH, turns its frame into the values the frame carries (a frame the parsers rejected would be measured as a
 * cheap early return).
 */
class PrivateStreamBenchmarkFramesTest {
    private final BboBenchmark bbo = new BboBenchmark();
    private final OrderEventBenchmark orders = new OrderEventBenchmark();

    @BeforeEach
    void setUp() {
        bbo.setUp();
        orders.setUp();
    }

    @Test
    void shouldDecodeTheSbeBboFixtureDirectlyAndThroughTheAdapterFeed() {
        assertThat(bbo.paradexSbeBbo()).isEqualTo(6_200_050_000_000L);
        assertThat(bbo.paradexSbeBboThroughAdapterFeed()).isEqualTo(6_200_100_000_000L);
        assertThat(PrivateStreamFrames.paradexSbeBbo()).hasSize(8 + 48 + 1 + 12);
    }

    @Test
    void shouldDecodeTheVestNewOrderEventAsANewUnfilledOrder() {
        final OrderUpdate u = orders.vestOrderUpdate();
        assertThat(u.status()).isEqualTo(OrderStatus.NEW);
        assertThat(u.venueOrderId()).isEqualTo(PrivateStreamFrames.VEST_ORDER_ID);
        assertThat(u.clientOrderId()).isEqualTo(PrivateStreamFrames.CLIENT_ORDER_ID);
        assertThat(u.size()).isEqualTo(125);
        assertThat(u.filledSize()).isZero();
        assertThat(u.timestampMs()).isEqualTo(1_759_500_000_101L);
    }

    @Test
    void shouldDecodeTheVestOrderEventsAlikeOnTheTreeAndStreamingPaths() {
        final OrderUpdate tree = orders.vestOrderUpdate();
        final OrderUpdate streamed = orders.vestOrderUpdateStreaming();
        assertThat(streamed).usingRecursiveComparison().isEqualTo(tree);
        assertThat(orders.vestFillStreaming()).usingRecursiveComparison().isEqualTo(orders.vestFill());
        assertThat(orders.terminalNode.path("lastFilledSize").asText()).isEqualTo("0.0125");
    }

    @Test
    void shouldDecodeTheVestFilledOrderEventAsOneTakerFill() {
        final Fill f = orders.vestFill();
        assertThat(f.market()).isEqualTo(PrivateStreamFrames.VEST_MARKET);
        assertThat(f.side()).isEqualTo(Side.BUY);
        assertThat(f.price()).isEqualTo(6_200_350L);
        assertThat(f.size()).isEqualTo(125);
        assertThat(f.feeUsd()).isEqualByComparingTo(new BigDecimal("0.077504"));
        assertThat(f.timestampMs()).isEqualTo(1_759_500_000_131L);
    }

    @Test
    void shouldDecodeTheParadexOrdersPushAsAFilledOrder() {
        final OrderUpdate u = orders.paradexOrderUpdate();
        assertThat(u.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(u.market()).isEqualTo(PrivateStreamFrames.PARADEX_MARKET);
        assertThat(u.venueOrderId()).isEqualTo(PrivateStreamFrames.PARADEX_ORDER_ID);
        assertThat(u.clientOrderId()).isEqualTo(PrivateStreamFrames.CLIENT_ORDER_ID);
        assertThat(u.size()).isEqualTo(1_250_000L);
        assertThat(u.filledSize()).isEqualTo(1_250_000L);
        assertThat(u.avgFillPrice()).isEqualTo(6_200_070_000_000L);
        assertThat(u.timestampMs()).isEqualTo(1_759_500_000_131L);
    }

    @Test
    void shouldDecodeTheParadexFillFromJsonAndSbeAlike() {
        final Fill json = orders.paradexFillJson();
        final Fill sbe = orders.paradexFillSbe();
        for (final Fill f : new Fill[] {json, sbe}) {
            assertThat(f.market()).isEqualTo(PrivateStreamFrames.PARADEX_MARKET);
            assertThat(f.venueOrderId()).isEqualTo(PrivateStreamFrames.PARADEX_ORDER_ID);
            assertThat(f.clientOrderId()).isEqualTo(PrivateStreamFrames.CLIENT_ORDER_ID);
            assertThat(f.side()).isEqualTo(Side.BUY);
            assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(f.price()).isEqualTo(6_200_070_000_000L);
            assertThat(f.size()).isEqualTo(1_250_000L);
            assertThat(f.timestampMs()).isEqualTo(1_759_500_000_131L);
            assertThat(f.feeUsd()).isEqualByComparingTo(new BigDecimal("0.387504"));
        }
    }
}
