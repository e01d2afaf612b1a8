package dev.arb.executor;

import dev.arb.api.TimeSource;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import java.util.Objects;

/**
 * What an executor shares with the rest of the run: its name, the journal, the alert sink, the
 * shared {@link RiskGuard}, and the reconciliation policy to apply at start (null = none).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param botId           name in alerts, journal and logs
 * @param journal         durable record of intents, acks and fills
 * @param alerts          where alerts go
 * @param risk            the run's circuit breaker and limits
 * @param reconcilePolicy what start-up reconciliation does on a difference, or null to skip it
 * @param clock           where the engine reads time: {@link TimeSource#SYSTEM} live, a virtual clock in a backtest
 */
public record ExecutorContext(String botId, Journal journal, AlertSink alerts, RiskGuard risk,
    ReconcilePolicy reconcilePolicy, TimeSource clock) {
    /** @throws NullPointerException if botId, journal, alerts, risk or clock is null */
    public ExecutorContext {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * A context on the system clock.
     *
     * @param botId           name in alerts, journal and logs
     * @param journal         durable record of intents, acks and fills
     * @param alerts          where alerts go
     * @param risk            the run's circuit breaker and limits
     * @param reconcilePolicy what start-up reconciliation does on a difference, or null to skip it
     * @throws NullPointerException if botId, journal, alerts or risk is null
     */
    public ExecutorContext(final String botId, final Journal journal, final AlertSink alerts, final RiskGuard risk,
        final ReconcilePolicy reconcilePolicy) {
        this(botId, journal, alerts, risk, reconcilePolicy, TimeSource.SYSTEM);
    }

    /**
     * @param config the executor's configuration (for the error limit)
     * @return an in-memory journal, log alerts, an error-only risk guard, no reconciliation
     */
    public static ExecutorContext defaults(final ExecutorConfig config) {
        return new ExecutorContext("bot", Journal.inMemory(), AlertSink.log(),
            RiskGuard.errorsOnly(config.maxConsecutiveErrors()), null);
    }
}
