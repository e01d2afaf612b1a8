package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LegOutcomeTest {
    private static final OrderRequest REQUEST = OrderRequest.builder().market("BTC-PERP").side(Side.SELL)
        .type(OrderType.MARKET).size(100).reduceOnly(true).clientOrderId("c-1").build();

    private static LegOutcome answered(final OrderStatus status, final long filled) {
        return LegOutcome.of(REQUEST, new OrderUpdate("vest", "BTC-PERP", "c-1", "0x1", Side.SELL, status, 100, filled,
            filled > 0 ? 6_500_000 : 0, BigDecimal.ZERO, null, null, 0), null, 0);
    }

    @Test
    void shouldNeverDescribeAFailedOutcomeAsOk() {
        final LegOutcome unknown = answered(OrderStatus.UNKNOWN, 100);
        assertThat(unknown.failed()).isTrue();
        assertThat(unknown.describeFailure()).isNotEqualTo("ok").contains("outcome unknown");
        assertThat(answered(OrderStatus.FILLED, 100).describeFailure()).doesNotContain("ok").contains("FILLED");
    }
}
