package dev.arb.strategy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategySourceWatcherTest {
    private static final Duration SOON = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    /** Records the content seen at each callback. */
    private final Consumer<Path> record = p -> {
        try {
            delivered.add(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    @Test
    void shouldCallBackSoonAfterAWrite() throws IOException {
        final Path file = Files.writeString(dir.resolve("S.java"), "v0");
        try (StrategySourceWatcher w = new StrategySourceWatcher(file, Duration.ZERO, record, errors::add)) {
            final long t0 = System.nanoTime();
            Files.writeString(file, "v1");

            await().atMost(SOON).until(() -> delivered.contains("v1"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(w.file()).isEqualTo(file.toAbsolutePath());
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldCallBackOncePerSaveAndNotForAnIdenticalReSave() throws IOException {
        final Path file = Files.writeString(dir.resolve("S.java"), "v0");
        try (StrategySourceWatcher w = new StrategySourceWatcher(file, Duration.ofMillis(50), record, errors::add)) {
            Files.writeString(file, "v1");
            await().atMost(SOON).until(() -> delivered.size() == 1);
            final long settledAfterFirst = w.settledCount();

            Files.writeString(file, "v1"); // saved again, unchanged
            await().atMost(SOON).until(() -> w.settledCount() > settledAfterFirst);
            assertThat(delivered).containsExactly("v1");

            Files.writeString(file, "v2");
            await().atMost(SOON).until(() -> delivered.size() == 2);
            assertThat(delivered).containsExactly("v1", "v2");
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldSeeASaveByRenameAndIgnoreOtherFiles() throws IOException {
        final Path file = Files.writeString(dir.resolve("S.java"), "v0");
        try (StrategySourceWatcher w = new StrategySourceWatcher(file, Duration.ofMillis(5), record, errors::add)) {
            final Path tmp = Files.writeString(dir.resolve("S.java.swp"), "v1");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            await().atMost(SOON).until(() -> delivered.size() == 1);
            assertThat(delivered).containsExactly("v1");
            assertThat(w.isRunning()).isTrue();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldDeliverAFileCreatedAfterTheWatcherStarted() throws IOException {
        final Path file = dir.resolve("New.java");
        try (StrategySourceWatcher w = new StrategySourceWatcher(file, Duration.ZERO, record, errors::add)) {
            Files.writeString(file, "v1");

            await().atMost(SOON).until(() -> delivered.contains("v1"));
            assertThat(w.isRunning()).isTrue();
        }
    }

    @Test
    void shouldPassCallbackErrorsToTheHandlerAndKeepWatching() throws IOException {
        final Path file = Files.writeString(dir.resolve("S.java"), "v0");
        final Consumer<Path> failFirst = p -> {
            record.accept(p);
            if (delivered.size() == 1) {
                throw new IllegalStateException("first callback fails");
            }
        };
        try (StrategySourceWatcher w = new StrategySourceWatcher(file, Duration.ofMillis(20), failFirst, errors::add)) {
            Files.writeString(file, "v1");
            await().atMost(SOON).until(() -> errors.size() == 1);
            Files.writeString(file, "v2");
            await().atMost(SOON).until(() -> delivered.contains("v2"));

            assertThat(w.isRunning()).isTrue();
        }
        assertThat(errors).singleElement().satisfies(t -> assertThat(t).hasMessage("first callback fails"));
    }

    @Test
    void shouldRunOnANamedDaemonThreadThatStopsOnClose() throws IOException {
        final Path file = Files.writeString(dir.resolve("S.java"), "v0");
        final StrategySourceWatcher w = new StrategySourceWatcher(file, record, errors::add);
        assertThat(w.isRunning()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
            .anySatisfy(t -> {
                assertThat(t.getName()).isEqualTo(StrategySourceWatcher.THREAD_NAME);
                assertThat(t.isDaemon()).isTrue();
            });

        w.close();
        w.close(); // idempotent

        assertThat(w.isRunning()).isFalse();
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldStopWhenClosedFromItsOwnCallback() throws IOException {
        final Path file = Files.writeString(dir.resolve("S.java"), "v0");
        final AtomicReference<StrategySourceWatcher> self = new AtomicReference<>();
        self.set(new StrategySourceWatcher(file, Duration.ZERO, p -> self.get().close(), errors::add));
        Files.writeString(file, "v1");

        await().atMost(SOON).until(() -> !self.get().isRunning());
        assertThat(errors).isEmpty();
    }
}
