package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.executor.journal.JournalException;
import dev.arb.executor.sim.InterceptingJournal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The intent's journal commit is not between the decision and the send: by default the order leaves while
 * the commit is pending; with {@link ExecutorConfig#journalBeforeSend()} it waits for the commit; a failed
 * commit of an order already sent halts.
 */
class WriteAheadJournalTest extends ExecutorTestBase {
    private final HeldJournal held = new HeldJournal();

    @Test
    void shouldSendBothLegsWhileTheirIntentsAreStillCommitting() {
        journal = held.journal;
        start(b -> b);
        wideSpread();

        await().atMost(Duration.ofSeconds(10)).until(() -> venueA.requests.size() == 1 && venueB.requests.size() == 1);
        assertThat(held.pendingIntents).as("both intents queued, neither committed").hasSize(2)
            .allSatisfy(f -> assertThat(f).isNotDone());
        assertThat(held.intents).extracting(JournalEvent::clientOrderId)
            .containsExactly(venueA.requests.get(0).clientOrderId(), venueB.requests.get(0).clientOrderId());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.sent.size() == 2);
        assertThat(events.sent).as("reported at the hand-over").containsExactly("venue-a", "venue-b");
        assertThat(events.committed).as("reported once the commit is seen").isEmpty();

        held.pendingIntents.forEach(f -> f.complete(null));
        awaitState("OPEN");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.committed.size() == 2);
        assertThat(events.committed).containsExactlyInAnyOrder("venue-a", "venue-b");
        assertThat(executor.isHalted()).isFalse();
    }

    @Test
    void shouldWaitForTheCommitOnTheOldPath() {
        journal = held.journal;
        start(b -> b.journalBeforeSend(true));
        wideSpread();

        await().atMost(Duration.ofSeconds(10)).until(() -> held.pendingIntents.size() == 2);
        assertThat(allRequests()).as("nothing leaves before its intent is committed").isEmpty();

        held.pendingIntents.forEach(f -> f.complete(null));
        awaitState("OPEN");
        assertThat(venueA.requests).hasSize(1);
        assertThat(venueB.requests).hasSize(1);
        assertThat(events.sent).containsExactlyInAnyOrder("venue-a", "venue-b");
        assertThat(events.committed).as("committed before the hand-over").containsExactlyInAnyOrder("venue-a",
            "venue-b");
    }

    @Test
    void shouldHaltWhenTheIntentOfASentOrderFailsToCommit() {
        journal = held.journal;
        start(b -> b);
        wideSpread();

        await().atMost(Duration.ofSeconds(10)).until(() -> held.pendingIntents.size() == 2);
        held.pendingIntents.get(0).completeExceptionally(new JournalException("disk full", null));
        held.pendingIntents.get(1).complete(null);

        await().atMost(Duration.ofSeconds(10)).until(executor::isHalted);
        assertThat(events.halts).singleElement().asString()
            .contains("journal failed to commit the intent of " + venueA.requests.get(0).clientOrderId())
            .contains("the order was sent");
        awaitState("OPEN");
        assertThat(venueA.positionSize()).as("the sent order's fill is still accounted").isEqualTo(SIZE_A);
    }

    /** An in-memory journal whose intents are stored at once but commit only when the test says so. */
    private static final class HeldJournal {
        final Journal store = Journal.inMemory();
        final List<JournalEvent> intents = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> pendingIntents = new CopyOnWriteArrayList<>();
        final Journal journal = new InterceptingJournal(store, e -> {
            if (e.type() != JournalEventType.INTENT) {
                return null;
            }
            store.append(e);
            final CompletableFuture<Void> commit = new CompletableFuture<>();
            intents.add(e);
            pendingIntents.add(commit);
            return commit;
        });
    }
}
