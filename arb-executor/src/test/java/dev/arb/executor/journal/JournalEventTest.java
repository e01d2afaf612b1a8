package dev.arb.executor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.Fill;
import dev.arb.api.Liquidity;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The named factories fill the same fields the positional constructor took at each call site. */
class JournalEventTest {
    private static final OrderRequest BUY = OrderRequest.builder().market("BTC-PERP").side(Side.BUY)
        .type(OrderType.LIMIT).size(100).limitPrice(6_500_000).reduceOnly(true).clientOrderId("c1").build();

    @Test
    void intentIsPendingNewAtTheLimitWithTheOrderTypeAsDetail() {
        assertThat(JournalEvent.intent(5, "run", "vest", "BTC-PERP", BUY)).isEqualTo(new JournalEvent(0, 5, "run",
            JournalEventType.INTENT, "vest", "BTC-PERP", "c1", "BUY", "PENDING_NEW", 100, 0, 6_500_000,
            "LIMIT reduce-only"));
    }

    @Test
    void orderUpdateFillAndPositionCarryTheirSourcesFields() {
        final OrderUpdate u = new OrderUpdate("paradex", "BTC-USD-PERP", "c2", "v9", Side.SELL, OrderStatus.FILLED, 100,
            100, 6_499_000, BigDecimal.ZERO, null, null, 1);
        assertThat(JournalEvent.update(6, "run", u, "private stream")).isEqualTo(new JournalEvent(0, 6, "run",
            JournalEventType.UPDATE, "paradex", "BTC-USD-PERP", "c2", "SELL", "FILLED", 100, 100, 6_499_000,
            "private stream"));
        final Fill f = new Fill("vest", "BTC-PERP", "v1", "c1", Side.BUY, 6_500_100, 40, BigDecimal.ONE,
            Liquidity.TAKER, 2);
        assertThat(JournalEvent.fill(7, "run", f)).isEqualTo(new JournalEvent(0, 7, "run", JournalEventType.FILL,
            "vest", "BTC-PERP", "c1", "BUY", null, 40, 40, 6_500_100, "TAKER"));
        assertThat(JournalEvent.order(8, "run", JournalEventType.ERROR, "vest", "BTC-PERP", BUY, OrderStatus.REJECTED,
            0, 0, "refused")).isEqualTo(new JournalEvent(0, 8, "run", JournalEventType.ERROR, "vest", "BTC-PERP", "c1",
            "BUY", "REJECTED", 100, 0, 0, "refused"));
        assertThat(JournalEvent.position(9, "run", JournalEventType.BASELINE, "vest", "BTC-PERP", -30, "adopted"))
            .isEqualTo(new JournalEvent(0, 9, "run", JournalEventType.BASELINE, "vest", "BTC-PERP", null, null, null,
                -30, 0, 0, "adopted"));
    }

    @Test
    void followUpKeepsTheOrderButTakesTheNewRunAndWithSeqOnlyTheSequence() {
        final JournalEvent intent = JournalEvent.intent(5, "old-run", "vest", "BTC-PERP", BUY).withSeq(12);
        assertThat(intent.seq()).isEqualTo(12);
        assertThat(intent.withSeq(0)).isEqualTo(JournalEvent.intent(5, "old-run", "vest", "BTC-PERP", BUY));
        assertThat(intent.followUp(20, "new-run", OrderStatus.REJECTED, 100, 0, 0, "never reached the venue"))
            .isEqualTo(new JournalEvent(0, 20, "new-run", JournalEventType.UPDATE, "vest", "BTC-PERP", "c1", "BUY",
                "REJECTED", 100, 0, 0, "never reached the venue"));
    }
}
