package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link VestCounters}: every event counted, only the first of a logged-once kind reported for logging. */
class VestCountersTest {
    @Test
    void shouldCountEveryEventButReportOnlyTheFirstForLogging() {
        final VestCounters counters = new VestCounters();
        assertThat(counters.countMalformed()).isTrue();
        assertThat(counters.countMalformed()).isFalse();
        assertThat(counters.countCrossed()).isTrue();
        assertThat(counters.countUnsorted()).isTrue();
        assertThat(counters.countListenerError()).isTrue();
        assertThat(counters.countOrderListenerError()).isTrue();
        assertThat(counters.countOrderListenerError()).isFalse();
        counters.countReconnect();
        counters.countRateLimitRetry();
        counters.countRateLimitRetry();
        assertThat(counters.malformed()).isEqualTo(2);
        assertThat(counters.crossed()).isEqualTo(1);
        assertThat(counters.unsorted()).isEqualTo(1);
        assertThat(counters.health().reconnects()).isEqualTo(1);
        assertThat(counters.health().rateLimited()).isEqualTo(2);
        assertThat(counters.health().sequenceGaps()).isZero();
    }
}
