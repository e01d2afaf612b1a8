package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control file: every line written is executed once, none is lost to the emptying of the file. */
class ControlChannelTest {
    @Test
    void shouldKeepALineAppendedAfterTheFileWasTaken(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("control");
        final Path taken = dir.resolve("control.taken");
        Files.writeString(file, "status\nhalt\n");
        assertThat(ControlChannel.take(file, taken)).containsExactly("status", "halt");
        // `echo flatten >> control` right after: with read-then-truncate in place it could be erased
        Files.writeString(file, "flatten\n", StandardOpenOption.APPEND);
        assertThat(ControlChannel.take(file, taken)).as("a line appended after the take is kept")
            .containsExactly("flatten");
        assertThat(ControlChannel.take(file, taken)).isEmpty();
        assertThat(Files.exists(taken)).isFalse();
    }

    @Test
    void shouldRecreateARemovedFileAndKeepPolling(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("control");
        final List<String> got = new CopyOnWriteArrayList<>();
        try (ControlChannel c = ControlChannel.start(null, file, got::add)) {
            assertThat(Files.exists(file)).isTrue();
            Files.delete(file);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
            Files.writeString(file, "status\n", StandardOpenOption.APPEND);
            Files.writeString(file, "FLATTEN\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 2);
            assertThat(got).containsExactly("status", "flatten");
        }
    }
}
