package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.OrderStatus;
import org.junit.jupiter.api.Test;

class OrderStateMachineTest {
    @Test
    void shouldAllowTheNormalLifecycle() {
        assertThat(OrderStateMachine.isLegal(OrderStatus.PENDING_NEW, OrderStatus.NEW)).isTrue();
        assertThat(OrderStateMachine.isLegal(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED)).isTrue();
        assertThat(OrderStateMachine.isLegal(OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED)).isTrue();
        assertThat(OrderStateMachine.isLegal(OrderStatus.NEW, OrderStatus.PENDING_CANCEL)).isTrue();
        assertThat(OrderStateMachine.isLegal(OrderStatus.PENDING_CANCEL, OrderStatus.CANCELED)).isTrue();
        assertThat(OrderStateMachine.isLegal(OrderStatus.PENDING_NEW, OrderStatus.CANCELED))
            .as("an IOC answer jumps straight to terminal").isTrue();
    }

    @Test
    void shouldResolveALostAckToWhateverTheVenueReportsOrResendIt() {
        assertThat(OrderStateMachine.isLegal(OrderStatus.PENDING_NEW, OrderStatus.UNKNOWN)).isTrue();
        for (OrderStatus s : OrderStatus.values()) {
            assertThat(OrderStateMachine.isLegal(OrderStatus.UNKNOWN, s)).as("UNKNOWN -> %s", s).isTrue();
        }
    }

    @Test
    void shouldNeverLeaveATerminalState() {
        for (OrderStatus from : OrderStatus.values()) {
            if (!from.isTerminal()) {
                continue;
            }
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(OrderStateMachine.isLegal(from, to)).as("%s -> %s", from, to).isFalse();
            }
        }
        assertThatThrownBy(() -> OrderStateMachine.check("c1", OrderStatus.CANCELED, 5, OrderStatus.FILLED, 10))
            .isInstanceOf(IllegalOrderTransitionException.class)
            .hasMessageContaining("c1").hasMessageContaining("CANCELED -> FILLED");
    }

    @Test
    void shouldRefuseAFilledSizeThatShrinks() {
        assertThatThrownBy(() -> OrderStateMachine.check("c2", OrderStatus.PARTIALLY_FILLED, 10,
            OrderStatus.PARTIALLY_FILLED, 4)).isInstanceOf(IllegalOrderTransitionException.class)
            .hasMessageContaining("shrank");
        assertThatThrownBy(() -> OrderStateMachine.check("c3", OrderStatus.NEW, 0, OrderStatus.PENDING_NEW, 0))
            .isInstanceOf(IllegalOrderTransitionException.class);
    }

    @Test
    void shouldKeepTheStateOfATrackedOrderOnAnIllegalMove() {
        final TrackedOrder o = new TrackedOrder(dev.arb.api.OrderRequest.builder().market("M").side(dev.arb.api.Side.BUY)
            .size(10).limitPrice(100).clientOrderId("c4").build(), null);
        o.transition(OrderStatus.FILLED, 10);
        assertThatThrownBy(() -> o.transition(OrderStatus.NEW, 0)).isInstanceOf(IllegalOrderTransitionException.class);
        assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(o.filled()).isEqualTo(10);
    }
}
