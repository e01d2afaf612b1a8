package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.MarginState;
import dev.arb.api.PositionMargin;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LiquidationGuardTest {
    /** Records what the guard asked; reductions complete when the test says. */
    private static final class RecordingTarget implements LiquidationGuard.Target {
        final List<BigDecimal> reductions = new ArrayList<>();
        final List<CompletableFuture<RoundResult>> pending = new ArrayList<>();
        final List<Boolean> holds = new ArrayList<>();

        @Override
        public CompletableFuture<RoundResult> reduce(final BigDecimal fraction) {
            reductions.add(fraction);
            final CompletableFuture<RoundResult> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public void holdEntries(final boolean hold) {
            holds.add(hold);
        }
    }

    private final List<Alert> alerts = new ArrayList<>();
    private final RecordingTarget target = new RecordingTarget();
    private final LiquidationGuard guard = new LiquidationGuard(LiquidationSettings.DEFAULTS, target, alerts::add,
        "bot-1");

    /** A venue with one short of 1 BTC at mark 100 whose liquidation is {@code distancePct} above the mark. */
    private static MarginState shortAt(final String venue, final double distancePct) {
        final BigDecimal liq = BigDecimal.valueOf(100 + distancePct);
        return new MarginState(venue, new BigDecimal("50"), new BigDecimal("5"),
            List.of(new PositionMargin("BTC", new BigDecimal("-1"), new BigDecimal("100"), liq)), 1);
    }

    private static MarginState longAt(final String venue, final double distancePct) {
        final BigDecimal liq = BigDecimal.valueOf(100 - distancePct);
        return new MarginState(venue, new BigDecimal("50"), new BigDecimal("5"),
            List.of(new PositionMargin("BTC", BigDecimal.ONE, new BigDecimal("100"), liq)), 1);
    }

    private long count(final AlertKind kind) {
        return alerts.stream().filter(a -> a.kind() == kind).count();
    }

    @Test
    void shouldDoNothingFarFromLiquidation() {
        guard.onMargin(longAt("vest", 40));
        guard.onMargin(shortAt("paradex", 35));
        assertThat(alerts).isEmpty();
        assertThat(target.holds).isEmpty();
        assertThat(target.reductions).isEmpty();
        assertThat(guard.status().closestVenue()).isEqualTo("paradex");
        assertThat(guard.status().minDistancePct()).isEqualTo(35.0);
    }

    @Test
    void shouldAlertOncePerCrossingWithHysteresisAndHoldEntries() {
        guard.onMargin(longAt("vest", 40));
        guard.onMargin(shortAt("paradex", 19.5));
        guard.onMargin(shortAt("paradex", 18));
        guard.onMargin(shortAt("paradex", 20.5)); // above 20 but within the 2-point hysteresis: still alerted
        guard.onMargin(shortAt("paradex", 19));
        assertThat(count(AlertKind.LIQUIDATION_RISK)).isEqualTo(1);
        assertThat(alerts.get(0).message()).contains("paradex").contains("19.5 %").contains("entries held");
        assertThat(alerts.get(0).source()).isEqualTo("bot-1");
        assertThat(target.holds).containsExactly(true);
        assertThat(guard.status().alerted()).isTrue();

        guard.onMargin(shortAt("paradex", 22.5)); // beyond threshold + hysteresis: cleared, entries resume
        assertThat(target.holds).containsExactly(true, false);
        assertThat(count(AlertKind.LIQUIDATION_RISK)).isEqualTo(2);
        assertThat(alerts.get(1).message()).contains("entries resume");

        guard.onMargin(shortAt("paradex", 15)); // a new crossing: a new alert
        assertThat(count(AlertKind.LIQUIDATION_RISK)).isEqualTo(3);
        assertThat(guard.status().alerts()).isEqualTo(2);
        assertThat(target.reductions).isEmpty();
    }

    @Test
    void shouldReduceBothLegsTogetherOnceAndAgainOnlyAfterFreshReadsFromEveryVenue() {
        guard.onMargin(longAt("vest", 60));
        guard.onMargin(shortAt("paradex", 9));
        assertThat(target.reductions).containsExactly(new BigDecimal("0.5"));
        assertThat(count(AlertKind.LIQUIDATION_REDUCE)).isEqualTo(1);
        assertThat(alerts).filteredOn(a -> a.kind() == AlertKind.LIQUIDATION_REDUCE).allMatch(Alert::critical);
        assertThat(target.holds).containsExactly(true);

        // while the reduction is in flight, no second one
        guard.onMargin(shortAt("paradex", 8));
        guard.onMargin(longAt("vest", 60));
        assertThat(target.reductions).hasSize(1);

        target.pending.get(0).complete(RoundResult.DONE);
        // a read of only one venue after the reduction is not enough
        guard.onMargin(shortAt("paradex", 8.5));
        assertThat(target.reductions).hasSize(1);
        guard.onMargin(longAt("vest", 61));
        assertThat(target.reductions).hasSize(2);
        // still one reduce alert for the whole crossing
        assertThat(count(AlertKind.LIQUIDATION_REDUCE)).isEqualTo(1);
        assertThat(guard.status().reductions()).isEqualTo(2);
    }

    @Test
    void shouldStopReducingOnceTheDistanceRecovers() {
        guard.onMargin(longAt("vest", 60));
        guard.onMargin(shortAt("paradex", 9));
        target.pending.get(0).complete(RoundResult.DONE);
        guard.onMargin(shortAt("paradex", 16));
        guard.onMargin(longAt("vest", 60));
        assertThat(target.reductions).hasSize(1);
        assertThat(guard.status().alerted()).isTrue(); // 16 < 20: entries still held
        assertThat(guard.status().lowestSeenPct()).isEqualTo(9.0);
        guard.onMargin(shortAt("paradex", 9.5)); // a new reduce crossing after recovering past 10 + 2
        assertThat(count(AlertKind.LIQUIDATION_REDUCE)).isEqualTo(2);
    }

    @Test
    void shouldIgnoreUnknownMarginAndRetryAFailedReduction() {
        guard.onMargin(MarginState.unknown("vest"));
        assertThat(alerts).isEmpty();
        assertThat(guard.status().describe()).isEqualTo("margin unknown");
        guard.onMargin(shortAt("paradex", 5));
        assertThat(target.reductions).hasSize(1);
        target.pending.get(0).complete(RoundResult.BLOCKED_STALE);
        guard.onMargin(shortAt("paradex", 5));
        assertThat(target.reductions).hasSize(2);
    }

    @Test
    void shouldRejectInconsistentSettingsWithTheirNames() {
        assertThatThrownBy(() -> new LiquidationSettings(10, 20, BigDecimal.ONE, 2, 1000))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("liquidation.reduce_distance_pct");
        assertThatThrownBy(() -> new LiquidationSettings(20, 10, new BigDecimal("1.5"), 2, 1000))
            .hasMessageContaining("liquidation.reduce_fraction");
        assertThatThrownBy(() -> new LiquidationSettings(0, 0, BigDecimal.ONE, 2, 1000))
            .hasMessageContaining("liquidation.alert_distance_pct");
        assertThatThrownBy(() -> new LiquidationSettings(20, 10, BigDecimal.ONE, 2, 0))
            .hasMessageContaining("liquidation.poll_interval_ms");
    }
}
