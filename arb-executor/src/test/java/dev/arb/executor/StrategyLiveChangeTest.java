package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.Side;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.InvalidParameterException;
import dev.arb.strategy.api.ParamSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Strategies swapped and parameters changed while the engine runs: validated, applied between events, refused with nothing changed. */
class StrategyLiveChangeTest extends StrategyEngineFixture {
    @Test
    void shouldSwapToANewStrategyBetweenEventsWithThePositionUntouched() throws Exception {
        final ScriptedStrategy first = new ScriptedStrategy("first");
        first.enter(Direction.BUY_A_SELL_B);
        start(first);
        wideSpread();
        awaitState("OPEN");
        final ExecutorStats before = executor.stats();

        final ScriptedStrategy second = new ScriptedStrategy("second");
        executor.swapStrategy(second, "sha-2").get(10, TimeUnit.SECONDS);

        final StrategyStatus status = executor.strategyStatus();
        assertThat(status.name()).isEqualTo("second");
        assertThat(status.sourceSha256()).isEqualTo("sha-2");
        assertThat(status.swaps()).isEqualTo(1);
        assertThat(status.swapFailures()).isZero();
        assertThat(second.configures.get()).isEqualTo(1);
        assertThat(second.calls.get()).as("the dry run on the current books").isEqualTo(1);
        assertThat(ordersSent()).as("the dry run's answer is not acted on").isEqualTo(2);
        final ExecutorStats after = executor.stats();
        assertThat(after.state()).isEqualTo("OPEN");
        assertThat(after.positionA()).isEqualByComparingTo(before.positionA());
        assertThat(after.positionB()).isEqualByComparingTo(before.positionB());
        final int firstCalls = first.calls.get();

        second.exitWhenOpen = true; // the new strategy's next decision is the one used
        converged();
        awaitState("FLAT");
        assertThat(first.calls.get()).isEqualTo(firstCalls);
        assertThat(executor.stats().exits()).isEqualTo(1);
        assertThat(ordersSent()).isEqualTo(4);
    }

    @Test
    void shouldRefuseASwapWhoseConfigureOrDryRunThrowsAndKeepTheOldStrategy() throws Exception {
        final ScriptedStrategy old = new ScriptedStrategy("old");
        start(old);
        booksAndWait(this::wideSpread);

        final ScriptedStrategy badConfigure = new ScriptedStrategy("bad-configure");
        badConfigure.throwOnConfigure = true;
        assertThatThrownBy(() -> executor.swapStrategy(badConfigure, "sha-bad").get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).hasRootCauseMessage("configure refused");
        assertThat(executor.strategyStatus().swapFailures()).isEqualTo(1);

        final ScriptedStrategy badDryRun = new ScriptedStrategy("bad-dry-run");
        badDryRun.throwOnBook = true;
        assertThatThrownBy(() -> executor.swapStrategy(badDryRun, "sha-bad-2").get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).hasRootCauseMessage("onBook refused");
        assertThat(badDryRun.calls.get()).as("refused on its dry run").isEqualTo(1);

        final StrategyStatus status = executor.strategyStatus();
        assertThat(status.name()).isEqualTo("old");
        assertThat(status.sourceSha256()).isEqualTo("test");
        assertThat(status.swaps()).isZero();
        assertThat(status.swapFailures()).isEqualTo(2);
        assertThat(status.errors()).as("a refused swap is not a decision error").isZero();

        old.enter(Direction.BUY_A_SELL_B); // the old strategy keeps deciding
        wideSpread();
        awaitState("OPEN");
        assertThat(badConfigure.calls.get()).isZero();
        assertThat(badDryRun.calls.get()).isEqualTo(1);
        assertThat(executor.stats().entries()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ live parameters

    @Test
    void shouldTakeTheDeprecatedMaxBookAgeMsAsTheOneQuoteAgeGate() throws Exception {
        start(b -> b, new ThresholdSpreadStrategy(), Map.of("max_book_age_ms", "1500"));
        assertThat(executor.parameters().asLong("max_quote_age_ms")).isEqualTo(1500);
        assertThat(executor.parameters().has("max_book_age_ms")).isFalse();
        booksAndWait(this::converged);

        final ParamChange change = executor.setParameter("max_book_age_ms", "900").get(10, TimeUnit.SECONDS);
        assertThat(change.param()).isEqualTo("max_quote_age_ms");
        assertThat(change.oldValue()).isEqualTo("1500");
        assertThat(executor.parameters().asLong("max_quote_age_ms")).isEqualTo(900);

        executor.stop();
        start(b -> b, new ThresholdSpreadStrategy(), Map.of("max_book_age_ms", "1500", "max_quote_age_ms", "700"));
        assertThat(executor.parameters().asLong("max_quote_age_ms")).as("the explicit name wins").isEqualTo(700);
    }

    @Test
    void shouldApplyAValidSpreadEntryToTheNextDecisionAndRefuseInvalidValuesWithNothingChanged() throws Exception {
        start(b -> b.entryThresholdPct(0.6), null, null); // the built-in, 0.6 % > the 0.5 % on offer
        booksAndWait(this::wideSpread);
        assertThat(ordersSent()).isZero();
        assertThat(executor.stats().opportunities()).isZero();

        for (String[] bad : new String[][] {
            {"spread_entry", "abc"}, {"spread_entry", "1000.01"}, {"spread_entry", "-100.5"}, {"spread_entri", "0.4"},
            {"position_size", "0"}, {"max_quote_age_ms", "1.5"}, {"use_vwap", "maybe"}}) {
            assertThatThrownBy(() -> executor.setParameter(bad[0], bad[1]).get(10, TimeUnit.SECONDS))
                .as("%s = %s", bad[0], bad[1])
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InvalidParameterException.class);
        }
        assertThat(executor.parameters().text("spread_entry")).isEqualTo("0.6");
        assertThat(executor.parameters().text("position_size")).isEqualTo("0.0123");
        assertThat(executor.strategyStatus().paramChanges()).isEmpty();
        booksAndWait(this::wideSpread);
        assertThat(ordersSent()).as("still at the old threshold").isZero();

        final ParamChange change = executor.setParameter("spread_entry", "0.4").get(10, TimeUnit.SECONDS);
        assertThat(change.oldValue()).isEqualTo("0.6");
        assertThat(change.newValue()).isEqualTo("0.4");
        wideSpread();
        awaitState("OPEN");
        assertThat(venueA.requests).singleElement().satisfies(r -> assertThat(r.side()).isEqualTo(Side.BUY));
        final StrategyStatus status = executor.strategyStatus();
        assertThat(status.paramChanges()).singleElement().satisfies(c -> {
            assertThat(c.param()).isEqualTo("spread_entry");
            assertThat(c.oldValue()).isEqualTo("0.6");
            assertThat(c.newValue()).isEqualTo("0.4");
            assertThat(c.bot()).isEqualTo("test");
        });
        assertThat(status.parameters()).containsEntry("spread_entry", "0.4");
        assertThat(events.strategyEvents).contains("spread_entry: 0.6 -> 0.4");
    }

    @Test
    void shouldRefuseToChangeAParameterFixedAtStartOrOneTheStrategyRejects() throws Exception {
        final ScriptedStrategy s = new ScriptedStrategy("scripted");
        s.params = List.of(ParamSpec.integer("lookback", "count", 1, 100, 10, "fixed at start").fixed(),
            ParamSpec.decimal("edge", "percent", "0", "10", "1", "live"));
        start(b -> b, s, Map.of("lookback", "20"));
        booksAndWait(this::wideSpread);
        assertThat(s.lastLookback).isEqualTo(20);

        assertThatThrownBy(() -> executor.setParameter("lookback", "30").get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(InvalidParameterException.class).hasMessageContaining("cannot change");
        s.refuseEdgeAbove = 5;
        assertThatThrownBy(() -> executor.setParameter("edge", "7").get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(InvalidParameterException.class).hasMessageContaining("refused");
        assertThat(executor.parameters().text("lookback")).isEqualTo("20");
        assertThat(executor.parameters().text("edge")).isEqualTo("1");
        assertThat(s.lastEdge).as("re-configured with the old values").isEqualTo(1.0);
        assertThat(executor.strategyStatus().paramChanges()).isEmpty();

        assertThat(executor.setParameter("edge", "4").get(10, TimeUnit.SECONDS).newValue()).isEqualTo("4");
        assertThat(s.lastEdge).isEqualTo(4.0);
    }

    // ------------------------------------------------------------------ PnL attribution
}
