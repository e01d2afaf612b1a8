package dev.arb.executor.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Journal} kept in a list: nothing survives the process.
 *
 * <p><b>Note:</b> thread-safe (synchronized).
 */
final class InMemoryJournal implements Journal {
    private final String runId = "m" + Long.toString(System.currentTimeMillis(), 36);
    private final List<JournalEvent> events = new ArrayList<>();

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public synchronized CompletableFuture<Void> append(final JournalEvent e) {
        events.add(e.withSeq(events.size() + 1L));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> flush() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized List<JournalEvent> events() {
        return new ArrayList<>(events);
    }

    @Override
    public void close() {
    }
}
