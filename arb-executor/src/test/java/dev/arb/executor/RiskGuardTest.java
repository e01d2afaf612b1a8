package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEventType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RiskGuardTest {
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final Journal journal = Journal.inMemory();

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        volatile Instant now;

        TestClock(final Instant start) {
            now = start;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private RiskGuard guard(final RiskLimits limits, final Clock clock) {
        return new RiskGuard(limits, alerts::add, journal, clock);
    }

    private static RiskLimits limits(final String base, final String usd, final String total, final String loss,
        final int resetHour, final int errors, final long cooldownMs) {
        return new RiskLimits(new BigDecimal(base), new BigDecimal(usd), new BigDecimal(total), new BigDecimal(loss),
            resetHour, errors, Duration.ofMillis(cooldownMs));
    }

    @Test
    void shouldRefuseAnEntryBeyondThePositionLimitInBaseUnits() {
        final RiskGuard g = guard(limits("0.02", "0", "0", "0", 0, 5, 1000), Clock.systemUTC());
        assertThat(g.admitEntry("b", new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("60000"))).isNull();
        g.recordSuccess();
        assertThat(g.admitEntry("b", new BigDecimal("0.02"), new BigDecimal("0.01"), new BigDecimal("60000")))
            .contains("max_position_base");
    }

    @Test
    void shouldRefuseAnEntryBeyondTheNotionalLimits() {
        final RiskGuard g = guard(limits("0", "1000", "1500", "0", 0, 5, 1000), Clock.systemUTC());
        assertThat(g.admitEntry("b", BigDecimal.ZERO, new BigDecimal("0.02"), new BigDecimal("60000")))
            .contains("max_position_usd");
        assertThat(g.admitEntry("b", BigDecimal.ZERO, new BigDecimal("0.01"), new BigDecimal("60000")))
            .as("0.01 × 60,000 × 2 legs = 1,200 USD").isNull();
        g.recordSuccess();
        g.updateExposure("other", new BigDecimal("600"), BigDecimal.ZERO);
        assertThat(g.admitEntry("b", BigDecimal.ZERO, new BigDecimal("0.01"), new BigDecimal("60000")))
            .contains("max_total_notional_usd");
    }

    @Test
    void shouldHaltOnTheDailyLossAndResetAtTheConfiguredHour() {
        final TestClock clock = new TestClock(Instant.parse("2026-11-21T21:00:00Z"));
        final RiskGuard g = guard(limits("0", "0", "0", "100", 22, 5, 1000), clock);
        g.recordRealized(new BigDecimal("-60"));
        assertThat(g.status().state()).isEqualTo("CLOSED");
        g.updateExposure("b", BigDecimal.ZERO, new BigDecimal("-45"));
        assertThat(g.status().state()).as("realized + unrealized").isEqualTo("HALTED");
        assertThat(g.admitEntry("b", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)).contains("daily loss");
        assertThat(alerts).anySatisfy(a -> assertThat(a.kind()).isEqualTo(AlertKind.BREAKER_TRIP));
        assertThat(alerts).noneSatisfy(a -> assertThat(a.kind()).isEqualTo(AlertKind.OPERATOR_HALT));
        assertThat(g.status().haltedBy()).isEqualTo("risk");

        clock.now = Instant.parse("2026-11-21T21:59:59Z");
        assertThat(g.status().state()).isEqualTo("HALTED");
        clock.now = Instant.parse("2026-11-21T22:00:00Z");
        g.updateExposure("b", BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(g.status().state()).as("a new trading day at 22:00 UTC").isEqualTo("CLOSED");
        assertThat(g.admitEntry("b", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)).isNull();
    }

    @Test
    void shouldOpenAfterConsecutiveErrorsAndRetryHalfOpenAfterTheCooldown() {
        final RiskGuard g = guard(limits("0", "0", "0", "0", 0, 3, 200), Clock.systemUTC());
        g.recordError(new IllegalStateException("e1"));
        g.recordSuccess();
        g.recordError(new IllegalStateException("e2"));
        g.recordError(new IllegalStateException("e3"));
        assertThat(g.status().state()).as("a success in between resets the count").isEqualTo("CLOSED");
        g.recordError(new IllegalStateException("e4"));
        assertThat(g.status().state()).isEqualTo("OPEN");
        assertThat(g.coolingDown()).isTrue();
        assertThat(g.admitEntry("b", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)).startsWith("breaker");

        await().atMost(Duration.ofSeconds(5)).until(() -> "HALF_OPEN".equals(g.status().state()));
        assertThat(g.admitEntry("b", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)).as("one trial").isNull();
        assertThat(g.admitEntry("b", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)).as("only one").isNotNull();
        g.recordSuccess();
        assertThat(g.status().state()).isEqualTo("CLOSED");
        assertThat(g.status().trips()).isEqualTo(1);
        assertThat(alerts).extracting(Alert::kind).contains(AlertKind.BREAKER_TRIP, AlertKind.BREAKER_RESET);
        assertThat(journal.events()).anySatisfy(e -> assertThat(e.type()).isEqualTo(JournalEventType.BREAKER));
    }

    @Test
    void shouldReportAnOperatorHaltAsSuchNotAsABreakerTrip() {
        final RiskGuard g = guard(limits("0", "0", "0", "0", 0, 3, 200), Clock.systemUTC());
        g.halt("operator halt");
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.OPERATOR_HALT);
            assertThat(a.critical()).isFalse();
            assertThat(a.source()).isEqualTo("operator");
            assertThat(a.message()).startsWith("operator halt");
        });
        assertThat(g.status().haltedBy()).isEqualTo("operator");
        assertThat(g.status().lastReason()).isEqualTo("operator halt");
        g.resume();
        assertThat(g.status().haltedBy()).isNull();
    }

    @Test
    void shouldHaltByHandUntilResumed() {
        final RiskGuard g = guard(limits("0", "0", "0", "0", 0, 3, 200), Clock.systemUTC());
        g.halt("operator");
        assertThat(g.status().state()).isEqualTo("HALTED");
        assertThat(g.tradingAllowed()).isFalse();
        assertThat(g.coolingDown()).as("a halt does not stop exits").isFalse();
        assertThat(g.admitEntry("b", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)).contains("operator");
        g.resume();
        assertThat(g.status().state()).isEqualTo("CLOSED");
        assertThat(g.admitEntry("b", BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)).isNull();
    }

    @Test
    void shouldLetOneRoundUseAMarketAtATime() {
        final RiskGuard g = guard(limits("0", "0", "0", "0", 0, 3, 200), Clock.systemUTC());
        assertThat(g.claim("vest:BTC-PERP")).isTrue();
        assertThat(g.claim("vest:BTC-PERP")).isFalse();
        g.release("vest:BTC-PERP");
        assertThat(g.claim("vest:BTC-PERP")).isTrue();
    }
}
