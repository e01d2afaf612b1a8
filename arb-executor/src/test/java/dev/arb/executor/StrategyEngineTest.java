package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.Side;
import dev.arb.executor.alert.AlertKind;
import dev.arb.strategy.api.Direction;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A strategy's intents through the engine: acted on, never past the gates; a strategy that keeps throwing is replaced. */
class StrategyEngineTest extends StrategyEngineFixture {
    @Test
    void shouldActOnACustomStrategysEnterAndExitIntents() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_B_SELL_A);
        start(s);

        converged(); // no spread at all: the strategy decides, not the built-in's threshold
        awaitState("OPEN");
        assertThat(venueA.requests).singleElement().satisfies(r -> {
            assertThat(r.side()).isEqualTo(Side.SELL);
            assertThat(r.reduceOnly()).isFalse();
        });
        assertThat(venueB.requests).singleElement().satisfies(r -> assertThat(r.side()).isEqualTo(Side.BUY));
        assertThat(executor.stats().entries()).isEqualTo(1);
        assertThat(executor.strategyStatus().name()).isEqualTo("scripted");

        s.hold();
        s.exitWhenOpen = true;
        converged();
        awaitState("FLAT");
        assertThat(venueA.requests).hasSize(2);
        assertThat(venueA.requests.get(1).reduceOnly()).isTrue();
        assertThat(venueA.requests.get(1).side()).isEqualTo(Side.BUY);
        assertThat(venueB.requests.get(1).side()).isEqualTo(Side.SELL);
        assertThat(executor.stats().exits()).isEqualTo(1);
        assertThat(s.sawOpen).as("the strategy saw the position it opened").isTrue();
    }

    @Test
    void shouldNotLetAnEntryPassTheKillSwitch() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        start(s);
        executor.halt("operator");

        booksAndWait(this::wideSpread);
        booksAndWait(this::wideSpread);

        assertThat(ordersSent()).isZero();
        final ExecutorStats stats = executor.stats();
        assertThat(stats.opportunities() + stats.opportunitiesRefused()).as("every entry intent is counted")
            .isEqualTo(s.entersAnswered.get());
        assertThat(stats.opportunitiesRefused()).as("while halted: refused, apart").isGreaterThanOrEqualTo(3);
        assertThat(stats.opportunities()).isZero();
        assertThat(stats.state()).isEqualTo("FLAT");
    }

    @Test
    void shouldNotLetAnEntryPassTheQuoteAgeGate() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        venueA.receivedAgoMs = 3_000;
        start(b -> b.maxQuoteAgeMs(1_000), s, Map.of());

        booksAndWait(this::wideSpread);

        assertThat(ordersSent()).isZero();
        final ExecutorStats stats = executor.stats();
        assertThat(stats.staleQuoteSkips()).isEqualTo(s.entersAnswered.get()).isGreaterThanOrEqualTo(1);
        assertThat(stats.opportunities()).isEqualTo(stats.staleQuoteSkips());

        venueA.receivedAgoMs = 0; // the same intent on fresh books goes through
        wideSpread();
        awaitState("OPEN");
        assertThat(venueA.requests).hasSize(1);
        assertThat(venueB.requests).hasSize(1);
    }

    @Test
    void shouldNotLetAnEntryPassWhileAVenueCallsItsBookStale() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        venueB.stale = true; // e.g. its stream is reconnecting while the last book is still young
        start(b -> b.maxQuoteAgeMs(60_000), s, Map.of());

        booksAndWait(this::wideSpread);

        assertThat(ordersSent()).isZero();
        assertThat(executor.stats().staleQuoteSkips()).isGreaterThanOrEqualTo(1);

        venueB.stale = false;
        wideSpread();
        awaitState("OPEN");
        assertThat(venueA.requests).hasSize(1);
        assertThat(venueB.requests).hasSize(1);
    }

    @Test
    void shouldNotLetAnEntryPassWhileARoundIsInFlightNorScaleIn() {
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        venueA.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.FILL_ALL));
        venueB.script.add(FakeExchangeAdapter.hold(gate, FakeExchangeAdapter.FILL_ALL));
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        start(s);

        wideSpread();
        awaitState("ENTERING");
        final long oppsAtEntry = executor.stats().opportunities();
        booksAndWait(this::wideSpread);
        booksAndWait(this::wideSpread);

        assertThat(executor.stats().opportunities()).as("counted at once").isEqualTo(oppsAtEntry + 4);
        assertThat(venueA.requests).hasSize(1);
        assertThat(venueB.requests).hasSize(1);

        gate.complete(null);
        awaitState("OPEN");
        // droppedInFlight is published with the other counters when the round ends
        assertThat(executor.stats().droppedInFlight()).isEqualTo(4);
        booksAndWait(this::wideSpread); // still ENTER: ignored while a position is open
        assertThat(ordersSent()).isEqualTo(2);
        assertThat(executor.stats().entries()).isEqualTo(1);
        assertThat(executor.stats().droppedInFlight()).isEqualTo(4);
    }

    // ------------------------------------------------------------------ a strategy that throws

    @Test
    void shouldReplaceAStrategyThatKeepsThrowingByTheExitOnlyBuiltInWhichStillExits() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.enter(Direction.BUY_A_SELL_B);
        start(b -> b, s, Map.of("strategy_max_errors", "3"));
        wideSpread();
        awaitState("OPEN");

        s.throwOnBook = true;
        for (int throwsSoFar = 1; throwsSoFar <= 2; throwsSoFar++) {
            final int expected = throwsSoFar;
            venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000 + throwsSoFar);
            await().atMost(WAIT).until(() -> executor.strategyStatus().errors() == expected);
            assertThat(executor.strategyStatus().name()).as("after %s throws", expected).isEqualTo("scripted");
        }
        assertThat(alerts).filteredOn(a -> a.kind() == AlertKind.STRATEGY).hasSize(1); // the first throw of a run
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        await().atMost(WAIT).until(() -> executor.strategyStatus().name().equals(EXIT_ONLY));
        assertThat(executor.strategyStatus().errors()).isEqualTo(3);
        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.STRATEGY);
            assertThat(a.critical()).isTrue();
            assertThat(a.message()).contains("replaced");
        });
        final int callsWhenReplaced = s.calls.get();
        assertThat(executor.stats().state()).as("the position is untouched").isEqualTo("OPEN");
        assertThat(ordersSent()).isEqualTo(2);

        converged(); // the fallback closes the open position at the built-in exit threshold
        awaitState("FLAT");
        assertThat(executor.stats().exits()).isEqualTo(1);
        assertThat(venueA.positionSize()).isZero();
        assertThat(venueB.positionSize()).isZero();

        booksAndWait(this::wideSpread); // 0.5 % would be entered by the built-in with entries
        booksAndWait(this::wideSpread);
        assertThat(ordersSent()).as("no entry after the replacement").isEqualTo(4);
        assertThat(executor.stats().entries()).isEqualTo(1);
        assertThat(s.calls.get()).as("the replaced strategy is never called again").isEqualTo(callsWhenReplaced);
        assertThat(executor.strategyStatus().errors()).isEqualTo(3);
    }

    @Test
    void shouldResetTheErrorRunWhenTheStrategyAnswersAgain() {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        start(b -> b, s, Map.of("strategy_max_errors", "2"));
        s.throwOnBook = true;
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_000);
        venueB.setTop(10_050_000_000L, 100_000_000, 10_060_000_000L, 100_000_000);
        await().atMost(WAIT).until(() -> executor.strategyStatus().errors() == 1);
        s.throwOnBook = false;
        booksAndWait(this::wideSpread);
        s.throwOnBook = true;
        venueA.setTop(9_990, 1_000_000, 10_000, 1_000_001);
        await().atMost(WAIT).until(() -> executor.strategyStatus().errors() == 2);
        assertThat(executor.strategyStatus().name()).as("two throws, but not in a row").isEqualTo("scripted");
    }

    // ------------------------------------------------------------------ swaps
}
