package dev.arb.executor.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An append-only, durable record of every order intent, acknowledgement, update, fill, unwind step,
 * breaker event and reconciliation outcome, read back at restart to rebuild the expected state
 * ({@link JournalState}).
 *
 * <p><b>Note:</b> thread-safe. {@link #append} never blocks the caller: records are written by the
 * journal's own writer thread; the returned future completes once the record is committed with the
 * configured {@link Synchronous} policy.
 */
public interface Journal extends AutoCloseable {
    /**
     * @return this run's id (unique per journal file and across restarts: a run counter plus the start
     *     time), used in client order ids
     */
    String runId();

    /**
     * Queues a record for the writer thread.
     *
     * @param event the record ({@code seq} is ignored)
     * @return completes when committed; fails with {@link JournalException} if the store failed
     */
    CompletableFuture<Void> append(JournalEvent event);

    /**
     * @return completes once every record appended before this call is committed
     */
    CompletableFuture<Void> flush();

    /**
     * @return every committed record in order (records still queued are not included)
     * @throws JournalException if the store cannot be read
     */
    List<JournalEvent> events();

    /**
     * @param seq a record's {@code seq}
     * @return committed records after it, in order
     * @throws JournalException if the store cannot be read
     */
    default List<JournalEvent> eventsAfter(final long seq) {
        return events().stream().filter(e -> e.seq() > seq).toList();
    }

    /**
     * @return the expected state rebuilt from every committed record of every run
     * @throws JournalException if the store cannot be read
     */
    default JournalState replay() {
        return JournalState.replay(events());
    }

    /** Writes what is queued, then releases the store. Idempotent. */
    @Override
    void close();

    /**
     * @return a journal kept in memory only (for tests and for a bot run without a journal file)
     */
    static Journal inMemory() {
        return new InMemoryJournal();
    }

    /**
     * SQLite {@code PRAGMA synchronous}: how hard a commit waits for the disk
     * (https://www.sqlite.org/pragma.html#pragma_synchronous). With WAL, {@code NORMAL} may lose the
     * last commits on power loss but not on a process crash; {@code FULL} loses nothing; {@code OFF}
     * leaves it to the OS.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     */
    enum Synchronous {
        /** fsync on every commit. */
        FULL,
        /** fsync at WAL checkpoints: durable across a process crash, not across power loss. */
        NORMAL,
        /** no fsync. */
        OFF
    }
}
