package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.fuzz.FuzzSeeds;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Bounds the bytes allocated per private {@code orders} / {@code fills} push on the streaming path (issue 14 §3), from
 * the frame's bytes through the SBE-mode JSON dispatch ({@link ParadexControlFrames#onText}) to the listener, against
 * the tree path on the same frames, measured with {@code ThreadMXBean.getThreadAllocatedBytes} after a warm-up. The
 * frames are the real-format pushes of one BTC order (every {@code OrderResp} field, ~900 B; every fill field, ~750 B).
 * What remains on the streaming path: the order id and client id strings, the fee estimate's {@code BigDecimal}s and
 * the {@code OrderUpdate}; for a fill the id strings, the fee {@code BigDecimal} and the {@code Fill}.
 */
class PrivatePushAllocationTest {
    private static final int WARMUP = 30_000;
    private static final int MEASURED = 20_000;
    /** {@code orders.ALL} CLOSED, filled → {@code OrderUpdate}. */
    private static final double MAX_ORDER_BYTES = 900;
    /** {@code fills.ALL} → {@code Fill}. */
    private static final double MAX_FILL_BYTES = 400;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldStreamAnOrderUpdateInAFractionOfTheTreesBytes() {
        assertStreamingBelow("orders.ALL CLOSED filled", "/paradex/private/ws-orders-closed-filled.json",
            MAX_ORDER_BYTES);
    }

    @Test
    void shouldStreamAFillInAFractionOfTheTreesBytes() {
        assertStreamingBelow("fills.ALL", "/paradex/private/ws-fills-taker.json", MAX_FILL_BYTES);
    }

    private double bytesPerMessage(final boolean streaming, final byte[] frame) {
        final PrivatePushPipeline pipeline = new PrivatePushPipeline(streaming);
        final ParadexControlFrames control = pipeline.control;
        pipeline.record = false;
        pipeline.account.addOrderListener(new dev.arb.api.OrderListener() { }); // a second listener, as the engine's
        for (int i = 0; i < WARMUP; i++) {
            pipeline.last = null;
            control.onText(frame, 0, frame.length);
            if (pipeline.last == null) {
                throw new AssertionError("not delivered");
            }
        }
        final long streamedBefore = pipeline.account.streamedPushes();
        final long tid = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < MEASURED; i++) {
            control.onText(frame, 0, frame.length);
        }
        final double perMessage = (threads.getThreadAllocatedBytes(tid) - before) / (double) MEASURED;
        assertThat(pipeline.account.streamedPushes() - streamedBefore).isEqualTo(streaming ? MEASURED : 0);
        assertThat(pipeline.counters.privateMessageErrors()).isZero();
        return perMessage;
    }

    private void assertStreamingBelow(final String what, final String resource, final double maxBytes) {
        final byte[] frame = FuzzSeeds.bytes(getClass(), resource);
        final double streamed = bytesPerMessage(true, frame);
        final double tree = bytesPerMessage(false, frame);
        System.out.printf("%s: streaming %.0f B, tree %.0f B per message%n", what, streamed, tree);
        assertThat(streamed).as("bytes per %s, streaming", what).isLessThanOrEqualTo(maxBytes);
        assertThat(streamed).as("streaming against the tree").isLessThan(tree / 4);
    }
}
