package dev.arb.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
    private static final long ORIGIN_MS = 1_700_000_000_000L;

    private final VirtualTime time = new VirtualTime(ORIGIN_MS, 1_000L);
    private final List<String> log = new ArrayList<>();

    @Test
    void shouldRunTasksDueAtTheSameTimeInSubmissionOrder() {
        time.schedule(5_000, () -> log.add("a"));
        time.schedule(3_000, () -> log.add("early"));
        time.schedule(5_000, () -> log.add("b"));
        time.schedule(5_000, () -> log.add("c"));

        time.advanceTo(5_000);

        assertThat(log).containsExactly("early", "a", "b", "c");
    }

    @Test
    void shouldRunTasksScheduledByTasksUpToTheTargetAndStampTheClockWithEachTasksTime() {
        time.schedule(10_000, () -> {
            log.add("parent@" + time.nanoTime());
            time.schedule(time.nanoTime(), () -> log.add("sameTime@" + time.nanoTime()));
            time.schedule(15_000, () -> log.add("later@" + time.nanoTime()));
            time.schedule(30_000, () -> log.add("beyond@" + time.nanoTime()));
        });
        time.schedule(10_000, () -> log.add("sibling@" + time.nanoTime()));

        time.advanceTo(20_000);

        assertThat(log).containsExactly("parent@10000", "sibling@10000", "sameTime@10000", "later@15000");
        assertThat(time.nanoTime()).isEqualTo(20_000);
        assertThat(time.pendingTasks()).isEqualTo(1);
        assertThat(time.nextTaskNanos()).isEqualTo(30_000);
    }

    @Test
    void shouldDeferExecutorTasksUntilTheDriverRunsThemInFifoOrder() {
        time.executor().execute(() -> log.add("first"));
        time.executor().execute(() -> {
            log.add("second");
            time.executor().execute(() -> log.add("hop"));
        });
        time.schedule(1_000, () -> log.add("third"));
        assertThat(log).isEmpty();

        time.runUntilIdle();

        assertThat(log).containsExactly("first", "second", "third", "hop");
        assertThat(time.nanoTime()).isEqualTo(1_000);
    }

    @Test
    void shouldRunAsyncFutureStagesOnTheVirtualExecutorOnlyWhenDriven() {
        final CompletableFuture<Integer> f = new CompletableFuture<>();
        final CompletableFuture<Integer> hop = f.thenApplyAsync(x -> x + 1, time.executor());
        f.complete(41);
        assertThat(hop).isNotDone();

        time.runUntilIdle();

        assertThat(hop).isCompletedWithValue(42);
    }

    @Test
    void shouldRunATaskScheduledInThePastAtTheCurrentTime() {
        time.advanceTo(50_000);
        time.schedule(2_000, () -> log.add("late@" + time.nanoTime()));

        time.runUntilIdle();

        assertThat(log).containsExactly("late@50000");
    }

    @Test
    void shouldRefuseToGoBackInTime() {
        time.advanceTo(5_000);

        assertThatThrownBy(() -> time.advanceTo(4_999)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDeriveWallClockTimeFromTheOriginPlusElapsedVirtualTime() {
        time.advanceTo(1_000 + 2_500_000_000L + 999_999);

        assertThat(time.currentTimeMillis()).isEqualTo(ORIGIN_MS + 2_500);
        assertThat(time.millis()).isEqualTo(ORIGIN_MS + 2_500);
        assertThat(time.clock().millis()).isEqualTo(ORIGIN_MS + 2_500);
        assertThat(time.instant().toEpochMilli()).isEqualTo(ORIGIN_MS + 2_500);
        assertThat(time.instant().getNano() % 1_000_000).isEqualTo(999_999);
    }

    @Test
    void shouldAdvanceByADuration() {
        time.advanceBy(4_000);

        assertThat(time.nanoTime()).isEqualTo(5_000);
    }

    @Test
    void shouldAssertItIsConfinedToTheDriverThread() throws Exception {
        time.nanoTime();
        final Throwable[] error = new Throwable[1];
        final Thread other = new Thread(() -> {
            try {
                time.schedule(0, () -> { });
            } catch (Throwable t) {
                error[0] = t;
            }
        });
        other.start();
        other.join();

        assertThat(error[0]).isInstanceOf(AssertionError.class);
        assertThat(time.pendingTasks()).isZero();
    }
}
