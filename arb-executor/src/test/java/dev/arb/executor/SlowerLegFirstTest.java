package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Of a round's two orders, the one whose venue has answered more slowly leaves first
 * ({@link ExecutorConfig#slowerLegFirst()}), so the later answer starts sooner; with the switch off, leg A always
 * leaves first.
 */
class SlowerLegFirstTest extends ExecutorTestBase {
    @Test
    void shouldSendTheSlowerVenuesOrderFirstOnceItHasAnsweredMoreSlowly() {
        entryWithVenueBAnsweringLast(true);
        converged(); // the exit: venue B has answered more slowly, so its order leaves first
        awaitState("FLAT");
        assertThat(events.sent).containsExactly("venue-a", "venue-b", "venue-b", "venue-a");
    }

    @Test
    void shouldKeepLegAFirstWithTheSwitchOff() {
        entryWithVenueBAnsweringLast(false);
        converged();
        awaitState("FLAT");
        assertThat(events.sent).containsExactly("venue-a", "venue-b", "venue-a", "venue-b");
    }

    /** An entry in which venue B answers only after venue A's answer reached the engine. */
    private void entryWithVenueBAnsweringLast(final boolean slowerFirst) {
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        venueB.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.FILL_ALL));
        start(b -> b.slowerLegFirst(slowerFirst));
        wideSpread();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.acks.size() == 1);
        assertThat(events.acks.get(0).venue()).isEqualTo("venue-a");
        gate.complete(null);
        awaitState("OPEN");
        assertThat(events.sent).containsExactly("venue-a", "venue-b"); // no answer yet: leg A first
    }
}
