package dev.arb.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The model's funding rates: a pure function of (seed, venue, step), around each venue's base rate. */
class MarketModelTest {
    private static final long HOUR_STEPS = 36_000; // 100 ms steps

    @Test
    void shouldGiveTheSameFundingRatesForTheSameSeedWhateverTheCallOrder() {
        final MarketModel a = new MarketModel(MarketModel.Config.defaults(42));
        final MarketModel b = new MarketModel(MarketModel.Config.defaults(42));
        final double late = b.fundingRatePerHour(MarketModel.VENUE_B, 50 * HOUR_STEPS);
        for (long step = 0; step <= 48 * HOUR_STEPS; step += HOUR_STEPS / 4) {
            for (int venue = 0; venue < 2; venue++) {
                assertThat(a.fundingRatePerHour(venue, step)).isEqualTo(b.fundingRatePerHour(venue, step));
            }
        }
        assertThat(a.fundingRatePerHour(MarketModel.VENUE_B, 50 * HOUR_STEPS)).isEqualTo(late);
    }

    @Test
    void shouldKeepEachVenueNearItsOwnBaseRateSoThatTheDifferentialIsVisible() {
        final MarketModel m = new MarketModel(MarketModel.Config.defaults(7));
        for (long step = 0; step <= 48 * HOUR_STEPS; step += HOUR_STEPS / 2) {
            final double vest = m.fundingRatePerHour(MarketModel.VENUE_A, step);
            final double paradex = m.fundingRatePerHour(MarketModel.VENUE_B, step);
            assertThat(vest).isCloseTo(0.000010, Offset.offset(0.000002 + 1e-15));
            assertThat(paradex).isCloseTo(-0.000005, Offset.offset(0.000002 + 1e-15));
            assertThat(vest - paradex).isGreaterThan(0.000010);
        }
    }

    @Test
    void shouldVarySlowlyAndDifferentlyWithTheSeed() {
        final MarketModel m = new MarketModel(MarketModel.Config.defaults(7));
        final double now = m.fundingRatePerHour(MarketModel.VENUE_A, 0);
        // one 100 ms step moves it by at most swing × 2π / 24 h × 0.1 s ≈ 1.5e-11
        assertThat(Math.abs(m.fundingRatePerHour(MarketModel.VENUE_A, 1) - now)).isLessThan(2e-11);
        assertThat(m.fundingRatePerHour(MarketModel.VENUE_A, 6 * HOUR_STEPS)).isNotEqualTo(now);
        final MarketModel other = new MarketModel(MarketModel.Config.defaults(8));
        assertThat(other.fundingRatePerHour(MarketModel.VENUE_A, 0)).isNotEqualTo(now);
    }

    @Test
    void shouldKeepTheConfiguredRatesWhenTheSwingIsZeroAndLeaveThePricePathUnchanged() {
        final MarketModel.Config config = MarketModel.Config.defaults(3).withFunding(0.00002, -0.00001, 0);
        final MarketModel constant = new MarketModel(config);
        final MarketModel defaults = new MarketModel(MarketModel.Config.defaults(3));
        for (long step = 0; step < 5_000; step += 97) {
            assertThat(constant.fundingRatePerHour(MarketModel.VENUE_A, step)).isEqualTo(0.00002);
            assertThat(constant.fundingRatePerHour(MarketModel.VENUE_B, step)).isEqualTo(-0.00001);
            assertThat(constant.venueMid(MarketModel.VENUE_A, step)).isEqualTo(defaults.venueMid(MarketModel.VENUE_A, step));
        }
        assertThatThrownBy(() -> config.withFunding(Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withFunding(0, 0, -1e-6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveTheSamePathWhateverTheCallOrderAndKeepOnlyAWindowOfIt() {
        final MarketModel forward = new MarketModel(MarketModel.Config.defaults(5));
        final MarketModel jumping = new MarketModel(MarketModel.Config.defaults(5));
        final long far = 3 * MarketModel.RETAINED_STEPS + 1_234;
        final double farA = jumping.venueMid(MarketModel.VENUE_A, far);
        final double farB = jumping.venueMid(MarketModel.VENUE_B, far);
        double moved = 0;
        for (long step = 0; step <= far; step++) {
            final double a = forward.venueMid(MarketModel.VENUE_A, step);
            moved = Math.max(moved, Math.abs(a / forward.venueMid(MarketModel.VENUE_B, step) - 1));
        }
        assertThat(forward.venueMid(MarketModel.VENUE_A, far)).isEqualTo(farA);
        assertThat(forward.venueMid(MarketModel.VENUE_B, far)).isEqualTo(farB);
        assertThat(moved).as("dislocations still open spreads").isGreaterThan(0.002);
        for (long step = far - MarketModel.RETAINED_STEPS + MarketModel.CHUNK_STEPS + 10; step <= far; step += 501) {
            assertThat(jumping.venueMid(MarketModel.VENUE_B, step)).isEqualTo(forward.venueMid(MarketModel.VENUE_B, step));
        }
        assertThatThrownBy(() -> jumping.venueMid(MarketModel.VENUE_A, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older than the model keeps");
        assertThatThrownBy(() -> jumping.fairPrice(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
