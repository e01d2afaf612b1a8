package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.Secret;
import dev.arb.api.TransportConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

class VestConfigTest {
    private static final String KEY = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";

    @Test
    void shouldPresetProductionAndTestnetEndpoints() {
        final VestConfig prod = VestConfig.production().build();
        assertThat(prod.restBaseUrl()).isEqualTo("https://server-prod.hz.vestmarkets.com/v2");
        assertThat(prod.wsUrl()).isEqualTo("wss://ws-prod.hz.vestmarkets.com/ws-api?version=1.0");
        assertThat(prod.verifyingContract()).isEqualTo("0x919386306C47b2Fe1036e3B4F7C40D22D2461a23");
        final VestConfig dev = VestConfig.testnet().build();
        assertThat(dev.restBaseUrl()).isEqualTo("https://server-dev.hz.vestmarkets.com/v2");
        assertThat(dev.wsUrl()).isEqualTo("wss://ws-dev.hz.vestmarkets.com/ws-api?version=1.0");
        assertThat(dev.verifyingContract()).isEqualTo("0x8E4D87AEf4AC4D5415C35A12319013e34223825B");
        assertThat(prod.transport().maxBookAgeMs()).isEqualTo(5000);
        assertThat(prod.recvWindowMs()).isEqualTo(5000);
        assertThat(prod.transport().requestTimeoutMs()).isEqualTo(5000);
    }

    @Test
    void shouldKeepVestTransportDefaultsAndTheOldSetterNames() {
        final TransportConfig t = VestConfig.production().build().transport();
        // the neutral defaults but for a 35 s idle timeout and a 250 ms first reconnect delay
        assertThat(t).isEqualTo(TransportConfig.builder().idleTimeoutMs(35_000).reconnectInitialDelayMs(250).build());
        final TransportConfig set = VestConfig.production().ordersPerSecond(1).restCallsPerSecond(2).idleTimeoutMs(3)
            .reconnectInitialDelayMs(4).reconnectMaxDelayMs(5).build().transport();
        assertThat(set).isEqualTo(t.toBuilder().orderRequestsPerSecond(1).otherRequestsPerSecond(2).idleTimeoutMs(3)
            .reconnectInitialDelayMs(4).reconnectMaxDelayMs(5).build());
    }

    @Test
    void shouldReconnectWithTheTransportsGrowingJitteredBackoff() {
        final TransportConfig shared = TransportConfig.builder().reconnectInitialDelayMs(100).reconnectMaxDelayMs(1_600)
            .build();
        final VestConfig c = VestConfig.production().transport(shared).build();
        assertThat(c.transport()).isEqualTo(shared);
        for (int i = 0; i < 50; i++) {
            assertThat(c.reconnectBackoff().apply(1)).isBetween(80L, 120L);
            assertThat(c.reconnectBackoff().apply(3)).isBetween(320L, 480L);
            assertThat(c.reconnectBackoff().apply(30)).isBetween(1_066L, 1_600L); // growth capped at 1,600 / 1.2
        }
        // a fixed delay, as a test wants it: no growth, no jitter
        final IntervalFunction fixed = VestConfig.production().reconnectInitialDelayMs(50).reconnectMaxDelayMs(50)
            .reconnectJitter(0).build().reconnectBackoff();
        assertThat(List.of(fixed.apply(1), fixed.apply(2), fixed.apply(9))).containsOnly(50L);
    }

    @Test
    void shouldRequireEndpointsAndValidRanges() {
        assertThatThrownBy(() -> VestConfig.builder().build()).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> VestConfig.production().maxBookAgeMs(0).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBookAgeMs must be >= 1 ms, was 0 ms");
        assertThatThrownBy(() -> VestConfig.production().pongTimeoutMs(0).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessage("pongTimeoutMs must be >= 1 ms, was 0 ms");
        assertThatThrownBy(() -> VestConfig.builder().restBaseUrl("ftp://x").wsUrl("ws://127.0.0.1:1/").build())
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverPrintSecrets() {
        final VestConfig c = VestConfig.production().apiKey(Secret.of("my-api-key")).signingKey(Secret.of(KEY)).build();
        assertThat(c.toString()).doesNotContain("my-api-key").doesNotContain(KEY.substring(2));
    }

    @Test
    void shouldBuildATlsAdapterWithoutConnecting() {
        try (VestAdapter adapter = new VestAdapter(VestConfig.production().signingKey(Secret.of(KEY)).build())) {
            assertThat(adapter.venue()).isEqualTo("vest");
            assertThat(adapter.isConnected()).isFalse();
            assertThat(adapter.isStale("BTC-PERP")).isTrue();
            assertThat(adapter.bookAgeMs("BTC-PERP")).isEqualTo(Long.MAX_VALUE);
            assertThat(adapter.orderBook("BTC-PERP")).isNull();
            assertThat(adapter.signerAddress()).isEqualTo("0x95e3be7d44b11c846552e5ba747e97cf0568a83f");
            assertThatThrownBy(() -> adapter.marketSpec("BTC-PERP")).isInstanceOf(IllegalStateException.class);
        }
    }
}
