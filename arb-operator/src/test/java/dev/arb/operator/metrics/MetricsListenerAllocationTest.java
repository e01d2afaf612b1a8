package dev.arb.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bounds the bytes the metrics listener allocates per call, measured with
 * {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} after a warm-up that lets the JIT compile
 * the path: {@code onDecision} runs on every book change, so 100 000 calls must allocate less than 1 kB.
 */
class MetricsListenerAllocationTest {
    private static final int WARMUP = 200_000;
    private static final int MEASURED = 100_000;
    private static final long MAX_BYTES = 1024;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsListener listener = new MetricsListener(registry, "bot-1");

    @AfterEach
    void tearDown() {
        registry.close();
    }

    /** @return bytes allocated by {@link #MEASURED} calls after {@link #WARMUP} ones, values from 1 µs to ~1 s */
    private long bytesFor(final LongConsumer call) {
        for (int i = 0; i < WARMUP; i++) {
            call.accept(nanos(i));
        }
        final long tid = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < MEASURED; i++) {
            call.accept(nanos(i));
        }
        return threads.getThreadAllocatedBytes(tid) - before;
    }

    private static long nanos(final int i) {
        return 1_000L << (i % 20); // 1 µs .. 0.5 s: every bucket range
    }

    @Test
    void shouldRecordTickToDecisionWithoutAllocating() {
        final long bytes = bytesFor(listener::onDecision);

        final Timer timer = registry.get("arb.tick.to.decision").tag("bot", "bot-1").timer();
        assertThat(timer.count()).isEqualTo(WARMUP + MEASURED);
        assertThat(bytes).as("bytes allocated by %d onDecision calls", MEASURED).isLessThan(MAX_BYTES);
    }

    @Test
    void shouldRecordDecisionToAckWithoutAllocatingOnceTheVenuesTimerExists() {
        final OrderUpdate vest = update("vest");
        final OrderUpdate paradex = update("paradex");

        final long bytes = bytesFor(n -> listener.onOrderAck((n & 1_024) == 0 ? vest : paradex, n));

        final double count = registry.get("arb.decision.to.ack").timers().stream().mapToDouble(Timer::count).sum();
        assertThat(count).isEqualTo(WARMUP + MEASURED);
        assertThat(bytes).as("bytes allocated by %d onOrderAck calls", MEASURED).isLessThan(MAX_BYTES);
    }

    private static OrderUpdate update(final String venue) {
        return new OrderUpdate(venue, "X-PERP", "arb-1-1-1a", "v1", Side.BUY, OrderStatus.FILLED, 10, 10, 100,
            BigDecimal.ZERO, null, null, System.currentTimeMillis());
    }

    @Test
    void shouldCountEveryRecordingInTheBuckets() {
        listener.onDecision(TimeUnit.MICROSECONDS.toNanos(3));
        listener.onDecision(TimeUnit.MILLISECONDS.toNanos(30));

        final String text = registry.scrape();

        assertThat(text).contains("arb_tick_to_decision_seconds_bucket{bot=\"bot-1\",le=\"5.0E-6\"} 1")
            .contains("arb_tick_to_decision_seconds_bucket{bot=\"bot-1\",le=\"0.05\"} 2")
            .contains("arb_tick_to_decision_seconds_count{bot=\"bot-1\"} 2");
        PrometheusText.parse(text);
    }
}
