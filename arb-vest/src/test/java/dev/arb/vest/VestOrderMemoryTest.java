package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.vest.VestSentOrders.PreparedOrder;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The adapter's memory of sent orders ({@link VestSentOrders}) and tracked orders
 * ({@link VestOrderTracker}): idempotent within the retention, forgotten after it, bounded in count.
 */
class VestOrderMemoryTest {
    private static final long T0 = 1_764_000_000_000L;

    private static final MarketSpec SPEC = MarketSpec.builder().venue("vest").symbol("BTC-PERP").baseAsset("BTC")
        .priceScale(2).sizeScale(4).tickSize(1).stepSize(1).minSize(1).build();

    private static PreparedOrder prepared(final OrderRequest r, final String body, final long t) {
        return new PreparedOrder(r, body, t, t, "0x00", SPEC, 5000, "IOC");
    }

    private static OrderRequest order(final String cid, final long price) {
        return OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.LIMIT).size(1000)
            .limitPrice(price).clientOrderId(cid).build();
    }

    @Test
    void shouldResendTheSameSignedOrderWithinTheRetentionAndSignAnewAfterIt() {
        final VestSentOrders sent = new VestSentOrders();
        final AtomicInteger signatures = new AtomicInteger();
        final OrderRequest r = order("c-1", 650_000);
        final PreparedOrder first = sent.getOrSign(r, T0, t -> prepared(r, "body" + signatures.incrementAndGet(), t));
        final PreparedOrder retry = sent.getOrSign(r, T0 + VestSentOrders.RETENTION_MS - 1, t -> {
            throw new AssertionError("a retry within the retention must not sign again");
        });
        assertThat(retry).isSameAs(first);
        assertThatThrownBy(() -> sent.getOrSign(order("c-1", 650_100), T0 + 5, t -> null))
            .isInstanceOf(InvalidOrderException.class).hasMessageContaining("already used for a different order");

        // another order, placed after the retention, makes the adapter forget c-1
        final OrderRequest later = order("c-2", 650_000);
        sent.getOrSign(later, T0 + VestSentOrders.RETENTION_MS + 1, t -> prepared(later, "b", t));
        assertThat(sent.get("c-1")).isNull();
        assertThat(sent.get("c-2")).isNotNull();
        assertThat(sent.size()).isEqualTo(1);
        assertThat(signatures.get()).isEqualTo(1);
    }

    @Test
    void shouldKeepAtMostCapacityOrdersAndDropTheOldest() {
        final VestSentOrders sent = new VestSentOrders();
        for (int i = 0; i <= VestSentOrders.CAPACITY; i++) {
            final OrderRequest r = order("c-" + i, 650_000);
            sent.getOrSign(r, T0 + i, t -> prepared(r, "b", t));
        }
        assertThat(sent.size()).isEqualTo(VestSentOrders.CAPACITY);
        assertThat(sent.get("c-0")).isNull();
        assertThat(sent.get("c-1")).isNotNull();
    }

    @Test
    void shouldForgetTrackedOrdersByNonceAndVenueIdAfterTheRetention() throws Exception {
        final VestOrderTracker tracker = new VestOrderTracker();
        final VestOrderTracker.Tracked old = tracker.track(order("c-1", 650_000), null, 7, T0);
        tracker.attachId(old, "venue-7");
        tracker.track(order("c-2", 650_000), null, 8, T0 + 1_000);
        assertThat(tracker.byId("venue-7")).isSameAs(old);

        tracker.track(order("c-3", 650_000), null, 9, T0 + VestSentOrders.RETENTION_MS + 500);
        assertThat(tracker.byNonce(7)).isNull();
        assertThat(tracker.byId("venue-7")).isNull();
        assertThat(tracker.byNonce(8)).isNotNull();
        assertThat(tracker.size()).isEqualTo(2);
        // an ORDER event for the forgotten order matches nothing instead of completing a stranger
        assertThat(tracker.match(new ObjectMapper().readTree("{\"id\":\"venue-7\",\"nonce\":7}"))).isNull();
    }
}
