package dev.arb.examples;

import dev.arb.api.UntrustedText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator commands to a running bot, one per line, from stdin and/or a control file:
 * {@code halt} (no new entries, resumable), {@code resume}, {@code flatten} (stop, close both legs
 * with reduce-only orders, verify flat, print the summary, exit), {@code status}, {@code params}
 * (every bot's parameters) and {@code set <bot|*|risk> <param> <value>} (change a parameter live).
 *
 * <p>The control file is polled every 500 ms; each line written to it is executed once: the file is
 * taken atomically (renamed aside, read, deleted, recreated empty), so a line appended while the bot reads
 * is executed on the next poll, never lost.
 *
 * <p><b>Note:</b> thread-safe; commands are handed to {@code handler} on the channel's daemon threads.
 */
final class ControlChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);
    private static final long POLL_MS = 500;

    private final Consumer<String> handler;
    private volatile boolean closed;

    ControlChannel(final Consumer<String> handler) {
        this.handler = handler;
    }

    /**
     * @param stdin    commands from this stream (null = none)
     * @param file     commands from this file (null = none); created empty if missing
     * @param handler  receives each command, trimmed, its verb in lower case, words separated by one space
     * @return the running channel
     * @throws IOException if the control file cannot be created
     */
    static ControlChannel start(final InputStream stdin, final Path file, final Consumer<String> handler)
        throws IOException {
        final ControlChannel c = new ControlChannel(handler);
        if (stdin != null) {
            final Thread t = new Thread(() -> c.readStream(stdin), "arb-control-stdin");
            t.setDaemon(true);
            t.start();
        }
        if (file != null) {
            createIfMissing(file);
            final Thread t = new Thread(() -> c.pollFile(file), "arb-control-file");
            t.setDaemon(true);
            t.start();
        }
        return c;
    }

    private void readStream(final InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (!closed && (line = r.readLine()) != null) {
                dispatch(line);
            }
        } catch (IOException e) {
            LOG.warn("control stdin closed: {}", e.toString());
        }
    }

    private void pollFile(final Path file) {
        final Path taken = file.resolveSibling(file.getFileName() + ".taken");
        while (!closed) {
            try {
                take(file, taken).forEach(this::dispatch);
            } catch (IOException e) {
                // a file replaced or removed by hand, a full disk: say so and keep polling
                LOG.warn("control file {} unreadable ({}); polling goes on", file, e.toString());
                LOG.debug("control file unreadable", e);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Takes the lines written to the control file so far, atomically: renames the file aside and reads
     * the renamed one, so a line appended meanwhile lands in a new control file (the writer's append
     * creates it) instead of being erased. Reading and then emptying the file in place lost a line
     * appended between the read and the truncation.
     *
     * @param file  the control file (recreated empty when missing)
     * @param taken where its content is moved to be read (deleted after)
     * @return the lines taken, possibly none
     * @throws IOException if the file cannot be read, moved or recreated
     */
    static List<String> take(final Path file, final Path taken) throws IOException {
        if (!Files.exists(file)) {
            createIfMissing(file);
            return List.of();
        }
        if (Files.size(file) == 0) {
            return List.of();
        }
        Files.move(file, taken, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        createIfMissing(file);
        final String text = Files.readString(taken);
        Files.deleteIfExists(taken);
        return text.lines().toList();
    }

    private static void createIfMissing(final Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // a writer's append created it first: its lines are taken next time
        }
    }

    // package-private: fuzzed by ExamplesFuzzTest
    void dispatch(final String line) {
        final String trimmed = line.trim();
        if (trimmed.isEmpty()) {
            return;
        }
        // the verb is case-insensitive; arguments (bot ids, values) are kept as written
        final int space = trimmed.indexOf(' ');
        final String command = space < 0 ? trimmed.toLowerCase(Locale.ROOT)
            : trimmed.substring(0, space).toLowerCase(Locale.ROOT) + trimmed.substring(space).replaceAll("\\s+", " ");
        LOG.info("control command: {}", UntrustedText.forLog(command));
        try {
            handler.accept(command);
        } catch (RuntimeException e) {
            LOG.warn("control command {} failed: {}", UntrustedText.forLog(command), UntrustedText.forLog(e.toString()));
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
