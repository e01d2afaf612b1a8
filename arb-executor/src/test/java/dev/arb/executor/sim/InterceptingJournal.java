package dev.arb.executor.sim;

import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A journal for tests that decides per record what its commit future is: the interceptor returns a future
 * to hand back instead (the record then does not reach the real journal), or null to append it to the real
 * journal. Stands in for a crash while an intent was still queued, or for a commit the test releases.
 *
 * <p><b>Note:</b> thread-safe if the interceptor is.
 */
public final class InterceptingJournal implements Journal {
    private final Journal delegate;
    private final Function<JournalEvent, CompletableFuture<Void>> interceptor;

    /**
     * @param delegate    the real journal
     * @param interceptor per record: the future to return instead of appending, or null to append
     */
    public InterceptingJournal(final Journal delegate,
        final Function<JournalEvent, CompletableFuture<Void>> interceptor) {
        this.delegate = delegate;
        this.interceptor = interceptor;
    }

    @Override
    public String runId() {
        return delegate.runId();
    }

    @Override
    public CompletableFuture<Void> append(final JournalEvent event) {
        final CompletableFuture<Void> instead = interceptor.apply(event);
        return instead != null ? instead : delegate.append(event);
    }

    @Override
    public CompletableFuture<Void> flush() {
        return delegate.flush();
    }

    @Override
    public List<JournalEvent> events() {
        return delegate.events();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
