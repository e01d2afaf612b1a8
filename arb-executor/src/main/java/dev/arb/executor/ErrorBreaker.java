package dev.arb.executor;

import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.alert.AlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link RiskGuard}'s consecutive-error breaker: a Resilience4j {@link CircuitBreaker}
 * (https://resilience4j.readme.io/docs/circuitbreaker) with a count-based window of
 * {@code maxConsecutiveErrors} calls and a 100 % failure threshold, so exactly that many failed orders
 * in a row open it; after {@code cooldown} it turns half-open by itself and admits one trial entry.
 * Every state transition is journaled; an opening is alerted as a {@link AlertKind#BREAKER_TRIP} (as an
 * {@link AlertKind#OPERATOR_HALT} when the operator forced it), a close as a
 * {@link AlertKind#BREAKER_RESET}; trips are counted and the last one's reason kept.
 *
 * <p><b>Note:</b> thread-safe: the breaker is; the trip count is atomic, the last reason and the
 * operator's flag volatile. The transition listener runs on the thread causing the transition and reads
 * the halt reason through the supplier the guard gives (under the guard's lock).
 */
final class ErrorBreaker {
    private final CircuitBreaker breaker;
    private final AtomicLong trips = new AtomicLong();
    private volatile String lastReason;
    /** Set while the operator's halt forces the breaker open, so the transition is reported as the operator's. */
    private volatile boolean operatorHalting;

    /**
     * @param limits     the error count and cooldown (fixed from now on)
     * @param alerts     where trips and resets are reported
     * @param journal    where transitions are recorded
     * @param haltReason the guard's halt reason, or null when not halted
     */
    ErrorBreaker(final RiskLimits limits, final AlertSink alerts, final Journal journal,
        final Supplier<String> haltReason) {
        final int n = limits.maxConsecutiveErrors();
        breaker = CircuitBreaker.of("arb-trading", CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(n)
            .minimumNumberOfCalls(n)
            .failureRateThreshold(100f)
            .waitDurationInOpenState(limits.cooldown())
            .automaticTransitionFromOpenToHalfOpenEnabled(true)
            .permittedNumberOfCallsInHalfOpenState(1)
            .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            final CircuitBreaker.State to = e.getStateTransition().getToState();
            final String reason = to == CircuitBreaker.State.OPEN ? n + " consecutive order errors, cooling down "
                + limits.cooldown().toMillis() + " ms" : "breaker " + e.getStateTransition();
            journal.append(JournalEvent.note(journal.runId(), JournalEventType.BREAKER, to + ": " + reason));
            if (to == CircuitBreaker.State.FORCED_OPEN && operatorHalting) {
                // asked for: no exposure left by it, nothing went wrong; not a breaker trip
                trips.incrementAndGet();
                lastReason = haltReason.get();
                alerts.alert(Alert.of(AlertKind.OPERATOR_HALT, false, "operator", lastReason
                    + ": no new entries until resume; exits, unwinds and flattens go on"));
            } else if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                trips.incrementAndGet();
                lastReason = to == CircuitBreaker.State.OPEN ? reason : haltReason.get();
                alerts.alert(Alert.of(AlertKind.BREAKER_TRIP, true, "risk", lastReason == null ? reason : lastReason));
            } else if (to == CircuitBreaker.State.CLOSED) {
                alerts.alert(Alert.of(AlertKind.BREAKER_RESET, false, "risk", reason));
            }
        });
    }

    /** @return the breaker's state */
    CircuitBreaker.State state() {
        return breaker.getState();
    }

    /**
     * Takes a permit (in the half-open state, the one trial); the order outcomes release it.
     *
     * @return null if permitted, else why not
     */
    String acquire() {
        if (!breaker.tryAcquirePermission()) {
            return "breaker " + breaker.getState() + (lastReason != null ? " (" + lastReason + ")" : "");
        }
        return null;
    }

    /** An order the venue accepted. */
    void onSuccess() {
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }

    /** @param why an order's failure */
    void onError(final Throwable why) {
        breaker.onError(0, TimeUnit.NANOSECONDS, why);
    }

    /** Marks the next forced opening as the operator's; call it before {@link #forceOpenForOperator()}. */
    void beginOperatorHalt() {
        operatorHalting = true;
    }

    /** Forces the breaker open for the operator's halt, reported as such ({@link #beginOperatorHalt()} first). */
    void forceOpenForOperator() {
        try {
            breaker.transitionToForcedOpenState();
        } finally {
            operatorHalting = false;
        }
    }

    /** Forces the breaker open (a risk halt). */
    void forceOpen() {
        breaker.transitionToForcedOpenState();
    }

    /** Closes the breaker. */
    void close() {
        breaker.transitionToClosedState();
    }

    /** @return openings so far, the operator's included */
    long trips() {
        return trips.get();
    }

    /** @return the last opening's reason, or null */
    String lastReason() {
        return lastReason;
    }
}
