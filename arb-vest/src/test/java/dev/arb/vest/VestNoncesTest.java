package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@link VestNonces}: strictly increasing, unique across threads. */
class VestNoncesTest {
    private static final long T0 = 1_764_000_000_000L;

    @Test
    void shouldIncreaseStrictlyEvenWhenTheClockStandsStillOrGoesBack() {
        final VestNonces nonces = new VestNonces();
        assertThat(nonces.next(T0)).isEqualTo(T0);
        assertThat(nonces.next(T0)).isEqualTo(T0 + 1);
        assertThat(nonces.next(T0 - 50)).isEqualTo(T0 + 2);
        assertThat(nonces.next(T0 + 10)).isEqualTo(T0 + 10);
        assertThat(nonces.last()).isEqualTo(T0 + 10);
    }

    @Test
    void shouldNeverHandOutOneNonceTwiceAcrossThreads() throws InterruptedException {
        final VestNonces nonces = new VestNonces();
        final Set<Long> seen = ConcurrentHashMap.newKeySet();
        final CountDownLatch start = new CountDownLatch(1);
        final Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int n = 0; n < 10_000; n++) {
                    seen.add(nonces.next(T0));
                }
            });
            threads[i].start();
        }
        start.countDown();
        for (final Thread t : threads) {
            t.join();
        }
        assertThat(seen).hasSize(40_000);
        assertThat(nonces.last()).isEqualTo(T0 + 39_999);
    }
}
