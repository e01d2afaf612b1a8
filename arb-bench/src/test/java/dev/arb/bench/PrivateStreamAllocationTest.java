package dev.arb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bounds the bytes allocated per private-stream message on the streaming paths of issue 14 §3 (frame bytes →
 * {@code OrderUpdate} / {@code Fill}, {@link OrderEventBenchmark}), measured like {@link MarketDataAllocationTest} with
 * {@code ThreadMXBean.getThreadAllocatedBytes} after a warm-up. The tree path allocated 2.9–3.9 KB per Vest message; a
 * regression back towards a tree fails here. What remains is listed in BENCHMARKS.md (the order id, the
 * {@code OrderUpdate}, the fee, and for a fill the terminal node and the {@code Fill}).
 */
class PrivateStreamAllocationTest {
    private static final int WARMUP = 40_000;
    private static final int MEASURED = 20_000;
    /** Vest ORDER NEW → {@code OrderUpdate}: measured 194 B (2026-12-06); the tree path took 2,872 B. */
    private static final double MAX_VEST_UPDATE_BYTES = 300;
    /** Vest ORDER FILLED → update, terminal node, {@code Fill}: measured 1,170 B; the tree path took 3,896 B. */
    private static final double MAX_VEST_FILL_BYTES = 1_400;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final OrderEventBenchmark bench = new OrderEventBenchmark();

    @BeforeEach
    void setUp() {
        bench.setUp();
    }

    private double bytesPerMessage(final Supplier<Object> message) {
        for (int i = 0; i < WARMUP; i++) {
            if (message.get() == null) {
                throw new AssertionError("not decoded");
            }
        }
        final long tid = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < MEASURED; i++) {
            message.get();
        }
        return (threads.getThreadAllocatedBytes(tid) - before) / (double) MEASURED;
    }

    @Test
    void shouldStreamAVestOrderUpdateInAFractionOfTheTreesBytes() {
        assertStreamingBelow("Vest ORDER NEW", bench::vestOrderUpdateStreaming, bench::vestOrderUpdate,
            MAX_VEST_UPDATE_BYTES);
    }

    @Test
    void shouldStreamAVestFillInAFractionOfTheTreesBytes() {
        assertStreamingBelow("Vest ORDER FILLED", bench::vestFillStreaming, bench::vestFill, MAX_VEST_FILL_BYTES);
    }

    private void assertStreamingBelow(final String what, final Supplier<Object> streaming, final Supplier<Object> tree,
        final double maxBytes) {
        final double streamed = bytesPerMessage(streaming);
        final double old = bytesPerMessage(tree);
        System.out.printf("%s: streaming %.0f B, tree %.0f B%n", what, streamed, old);
        assertThat(streamed).as("bytes per %s, streaming", what).isLessThanOrEqualTo(maxBytes);
        assertThat(streamed).as("streaming against the tree").isLessThan(old / 2);
    }
}
