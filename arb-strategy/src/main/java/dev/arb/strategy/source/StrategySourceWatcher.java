package dev.arb.strategy.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches one file and calls back once per settled save whose content changed: the bot recompiles a
 * strategy source when the trader saves it.
 *
 * <p>A {@link WatchService} watches the file's directory (inotify on Linux: a save is seen within
 * milliseconds) on a daemon thread named {@value #THREAD_NAME}. Creations and modifications of that
 * file name count (editors often save by writing a temporary file and renaming it over the original);
 * other names in the directory are ignored. A burst of events is debounced: the callback runs once
 * the file has been quiet for the debounce period (100 ms by default), reading the file's bytes, and
 * is skipped when their SHA-256 equals that of the content last delivered (a touch, or a save without
 * change). The content present when the watcher starts counts as delivered: the caller has loaded it.
 * A save that leaves no file (a rename in progress) is skipped; the rename's creation follows.
 *
 * <p>The callback and the error handler run on the watcher's thread, one call at a time. Anything the
 * callback throws, and any error reading the file, goes to the error handler; the watcher goes on. If
 * the directory stops being watchable (deleted), the error handler gets an {@link IOException} and
 * the watcher stops.
 *
 * <p><b>Note:</b> thread-safe; {@link #close()} may be called from any thread, including the callback.
 */
public final class StrategySourceWatcher implements AutoCloseable {
    /** Name of the watcher's thread. */
    public static final String THREAD_NAME = "arb-strategy-watch";
    /** Debounce period when none is given: 100 ms. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(100);

    private final Path file;
    private final Path fileName;
    private final long debounceNanos;
    private final Consumer<Path> onChange;
    private final Consumer<Throwable> onError;
    private final WatchService watchService;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long settled;
    private String lastSha;

    /**
     * Starts watching with the default debounce ({@link #DEFAULT_DEBOUNCE}).
     *
     * @param file     the file to watch (its directory must exist; the file need not)
     * @param onChange called with {@code file} once per settled save that changed its content
     * @param onError  given whatever {@code onChange} throws and every error reading or watching
     * @throws IOException if the directory cannot be watched
     * @throws NullPointerException if an argument is null
     */
    public StrategySourceWatcher(final Path file, final Consumer<Path> onChange, final Consumer<Throwable> onError)
        throws IOException {
        this(file, DEFAULT_DEBOUNCE, onChange, onError);
    }

    /**
     * Starts watching.
     *
     * @param file     the file to watch (its directory must exist; the file need not)
     * @param debounce quiet period after the last event before the file is read; zero calls back on
     *                 the first event of a burst
     * @param onChange called with {@code file} once per settled save that changed its content
     * @param onError  given whatever {@code onChange} throws and every error reading or watching
     * @throws IOException if the directory cannot be watched
     * @throws IllegalArgumentException if {@code debounce} is negative or {@code file} has no name
     * @throws NullPointerException if an argument is null
     */
    public StrategySourceWatcher(final Path file, final Duration debounce, final Consumer<Path> onChange,
        final Consumer<Throwable> onError) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.fileName = this.file.getFileName();
        if (fileName == null || this.file.getParent() == null) {
            throw new IllegalArgumentException("not a file: " + file);
        }
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative: " + debounce);
        }
        this.debounceNanos = debounce.toNanos();
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.onError = Objects.requireNonNull(onError, "onError");
        this.watchService = this.file.getFileSystem().newWatchService();
        try {
            this.file.getParent().register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
        this.lastSha = initialSha();
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the watched file, absolute */
    public Path file() {
        return file;
    }

    /** @return {@code true} until the watcher's thread has stopped ({@link #close()}, or the directory went away) */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** @return settled saves seen so far, delivered or skipped as unchanged (for tests and diagnostics) */
    long settledCount() {
        return settled;
    }

    /**
     * Stops watching: no callback starts after this returns (unless called from the callback itself),
     * and the thread ends. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        try {
            watchService.close();
        } catch (IOException e) {
            // closing releases the inotify descriptor; nothing else to do
        }
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean pending = false;
        long deadline = 0;
        try {
            while (!closed) {
                final WatchKey key;
                if (pending) {
                    final long wait = deadline - System.nanoTime();
                    key = wait > 0 ? watchService.poll(wait, TimeUnit.NANOSECONDS) : watchService.poll();
                } else {
                    key = watchService.take();
                }
                if (key != null) {
                    if (ours(key)) {
                        pending = true;
                        deadline = System.nanoTime() + debounceNanos;
                    }
                    if (!key.reset()) {
                        report(new IOException("stopped watching " + file + ": its directory is no longer accessible"));
                        return;
                    }
                }
                if (pending && !closed && System.nanoTime() - deadline >= 0) {
                    pending = false;
                    settle();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: stop
        }
    }

    /** @return true if the key's events include the watched name (or an overflow, which may hide it) */
    private boolean ours(final WatchKey key) {
        boolean hit = false;
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW || fileName.equals(ev.context())) {
                hit = true;
            }
        }
        return hit;
    }

    private void settle() {
        final String sha;
        try {
            sha = currentSha();
        } catch (RuntimeException e) {
            report(e);
            return;
        }
        settled++;
        if (sha == null || sha.equals(lastSha)) {
            return;
        }
        lastSha = sha;
        try {
            onChange.accept(file);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            report(t);
        }
    }

    private String initialSha() {
        try {
            return currentSha();
        } catch (UncheckedIOException e) {
            return null; // unreadable now: the first readable save is delivered
        }
    }

    /** @return the file's SHA-256, or null if it does not exist */
    private String currentSha() {
        try {
            return Sha256.hex(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void report(final Throwable t) {
        try {
            onError.accept(t);
        } catch (RuntimeException | LinkageError e) {
            // the error handler failed too: nothing left to tell
        }
    }
}
