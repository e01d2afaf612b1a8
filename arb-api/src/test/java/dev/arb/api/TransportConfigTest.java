package dev.arb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TransportConfigTest {
    /** A loop type the executor below is not, as a venue's Netty group type would be. */
    private interface OtherLoop extends ScheduledExecutorService {
    }

    @Test
    void shouldStartFromTheDocumentedVenueNeutralDefaults() {
        final TransportConfig t = TransportConfig.builder().build();
        assertThat(t.requestTimeoutMs()).isEqualTo(5000);
        assertThat(t.idleTimeoutMs()).isEqualTo(60_000);
        assertThat(t.maxBookAgeMs()).isEqualTo(5000);
        assertThat(t.reconnectInitialDelayMs()).isEqualTo(1000);
        assertThat(t.reconnectMaxDelayMs()).isEqualTo(30_000);
        assertThat(t.reconnectMultiplier()).isEqualTo(2.0);
        assertThat(t.reconnectJitter()).isEqualTo(0.2);
        assertThat(t.orderPollAttempts()).isEqualTo(5);
        assertThat(t.orderPollIntervalMs()).isEqualTo(200);
        assertThat(t.orderRequestsPerSecond()).isEqualTo(10);
        assertThat(t.otherRequestsPerSecond()).isEqualTo(5);
        assertThat(t.eventLoopGroup()).isNull();
    }

    @Test
    void shouldRoundTripEveryKnobThroughTheBuilder() {
        final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            final TransportConfig t = TransportConfig.builder().requestTimeoutMs(1).idleTimeoutMs(2).maxBookAgeMs(3)
                .reconnectInitialDelayMs(4).reconnectMaxDelayMs(5).reconnectMultiplier(1.5).reconnectJitter(0.5)
                .orderPollAttempts(6).orderPollIntervalMs(7).orderRequestsPerSecond(8).otherRequestsPerSecond(9)
                .eventLoopGroup(loop).build();
            assertThat(t).isEqualTo(new TransportConfig(1, 2, 3, 4, 5, 1.5, 0.5, 6, 7, 8, 9, loop));
            assertThat(t.toBuilder().build()).isEqualTo(t);
            assertThat(TransportConfig.builder().transport(t).build()).isEqualTo(t);
            final TransportConfig changed = t.toBuilder().reconnectMaxDelayMs(50).build();
            assertThat(changed.reconnectMaxDelayMs()).isEqualTo(50);
            assertThat(changed.toBuilder().reconnectMaxDelayMs(5).build()).isEqualTo(t);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void shouldNameTheKnobItsUnitAndTheValueWhenOutOfRange() {
        refused(b -> b.requestTimeoutMs(0), "requestTimeoutMs must be >= 1 ms, was 0 ms");
        refused(b -> b.idleTimeoutMs(-5), "idleTimeoutMs must be >= 1 ms, was -5 ms");
        refused(b -> b.maxBookAgeMs(0), "maxBookAgeMs must be >= 1 ms, was 0 ms");
        refused(b -> b.reconnectInitialDelayMs(0), "reconnectInitialDelayMs must be >= 1 ms, was 0 ms");
        refused(b -> b.reconnectInitialDelayMs(500).reconnectMaxDelayMs(100),
            "reconnectMaxDelayMs must be >= reconnectInitialDelayMs (500 ms), was 100 ms");
        refused(b -> b.reconnectMultiplier(0.5), "reconnectMultiplier must be a finite factor >= 1 per failed attempt, "
            + "was 0.5");
        refused(b -> b.reconnectMultiplier(Double.NaN), "reconnectMultiplier must be a finite factor >= 1");
        refused(b -> b.reconnectJitter(1.0), "reconnectJitter must be a fraction of the delay in [0, 1), was 1.0");
        refused(b -> b.reconnectJitter(-0.1), "reconnectJitter must be a fraction of the delay in [0, 1), was -0.1");
        refused(b -> b.orderPollAttempts(-1), "orderPollAttempts must be >= 0 polls, was -1 polls");
        refused(b -> b.orderPollIntervalMs(-1), "orderPollIntervalMs must be >= 0 ms, was -1 ms");
        refused(b -> b.orderRequestsPerSecond(0), "orderRequestsPerSecond must be >= 1 per second, was 0 per second");
        refused(b -> b.otherRequestsPerSecond(0), "otherRequestsPerSecond must be >= 1 per second, was 0 per second");
    }

    @Test
    void shouldAcceptTheEdgesOfEachRange() {
        final TransportConfig t = TransportConfig.builder().reconnectInitialDelayMs(1).reconnectMaxDelayMs(1)
            .reconnectMultiplier(1).reconnectJitter(0).orderPollAttempts(0).orderPollIntervalMs(0).build();
        assertThat(t.reconnectMaxDelayMs()).as("a fixed delay: max = initial, no growth, no jitter").isEqualTo(1);
        assertThat(t.orderPollAttempts()).isZero();
    }

    @Test
    void shouldHandTheEventLoopGroupOutOnlyAsTheTypeItIs() {
        assertThat(TransportConfig.builder().build().eventLoopGroup(OtherLoop.class)).isNull();
        final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            final TransportConfig t = TransportConfig.builder().eventLoopGroup(loop).build();
            assertThat(t.eventLoopGroup(ScheduledExecutorService.class)).isSameAs(loop);
            assertThatThrownBy(() -> t.eventLoopGroup(OtherLoop.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("eventLoopGroup must be a " + OtherLoop.class.getName() + ", was ");
        } finally {
            loop.shutdownNow();
        }
    }

    private static void refused(final UnaryOperator<TransportConfig.Builder> knob, final String message) {
        assertThatThrownBy(() -> knob.apply(TransportConfig.builder()).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
