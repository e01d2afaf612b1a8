package dev.arb.precompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrecomputedPoolTest {
    /** Fills each entry with the next serial number; wiping zeroes it. */
    private static final class SerialPool extends PrecomputedPool<long[]> {
        private final AtomicLong next = new AtomicLong();

        SerialPool(final int capacity) {
            super(capacity, () -> new long[1]);
        }

        @Override
        protected void fill(final long[] entry) {
            entry[0] = next.incrementAndGet();
        }

        @Override
        protected void wipe(final long[] entry) {
            entry[0] = 0;
        }

        @Override
        public String roleName() {
            return "serial-pool";
        }
    }

    @Test
    void shouldHandEachFilledValueOutOnceAndWipeItOnRelease() {
        final SerialPool pool = new SerialPool(4);
        assertThat(pool.take()).as("nothing filled yet").isNull();
        assertThat(pool.doWork()).isEqualTo(4);
        assertThat(pool.doWork()).as("every entry is ready").isZero();
        final Set<Long> seen = new HashSet<>();
        for (int round = 0; round < 10; round++) {
            long[] e;
            while ((e = pool.take()) != null) {
                assertThat(seen.add(e[0])).as("value %d handed out twice", e[0]).isTrue();
                pool.release(e);
                assertThat(e[0]).as("wiped on release").isZero();
            }
            assertThat(pool.doWork()).isEqualTo(4);
        }
        assertThat(seen).hasSize(40);
        assertThat(pool.filledCount()).isEqualTo(44);
    }

    @Test
    void shouldRefillInTheBackgroundAndWipeWhatIsReadyOnClose() {
        final SerialPool pool = new SerialPool(16);
        pool.start("test-refill");
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 16);
        final long[] taken = pool.take();
        assertThat(taken[0]).isPositive();
        pool.release(taken);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.available() == 16);
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("test-refill"));

        pool.close();
        assertThat(pool.available()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-refill"));
        pool.close();
    }

    @Test
    void shouldRejectACapacityBelowTwo() {
        assertThatThrownBy(() -> new SerialPool(1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("capacity must be >= 2");
    }
}
