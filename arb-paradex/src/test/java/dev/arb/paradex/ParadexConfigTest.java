package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.TransportConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class ParadexConfigTest {
    @Test
    void shouldDefaultProductionAndTestnetToSbeOnTheBareDeltaChannelWithWebSocketOrders() {
        final ParadexConfig prod = ParadexConfig.production().build();
        assertThat(prod.sbe()).isTrue();
        assertThat(prod.wsOrderEntry()).isTrue();
        assertThat(prod.bookChannelTemplate()).isEqualTo("order_book.%s.deltas");
        assertThat(prod.streamUrl()).isEqualTo("wss://ws.api.prod.paradex.trade/v1?sbeSchemaId=1&sbeSchemaVersion=1");
        assertThat(ParadexConfig.testnet().build().streamUrl())
            .isEqualTo("wss://ws.api.testnet.paradex.trade/v1?sbeSchemaId=1&sbeSchemaVersion=1");
    }

    @Test
    void shouldKeepTheJsonSnapshotFeedBehindConfiguration() {
        final ParadexConfig json = ParadexConfig.production().sbe(false).build();
        assertThat(json.sbe()).isFalse();
        assertThat(json.bookChannelTemplate()).isEqualTo("order_book.%s.snapshot@15@50ms");
        assertThat(json.streamUrl()).isEqualTo("wss://ws.api.prod.paradex.trade/v1");
        // an explicit channel wins over the SBE default, and the query is configurable
        final ParadexConfig custom = ParadexConfig.builder().restBaseUrl("http://127.0.0.1:1/v1").wsUrl("ws://127.0.0.1:1/v1?x=1")
            .chainId("PRIVATE_SN_POTC_SEPOLIA").bookChannelTemplate("order_book.%s.interactive_deltas").sbe(true)
            .sbeQuery("sbeSchemaId=1&sbeSchemaVersion=2").build();
        assertThat(custom.bookChannelTemplate()).isEqualTo("order_book.%s.interactive_deltas");
        assertThat(custom.streamUrl()).isEqualTo("ws://127.0.0.1:1/v1?x=1&sbeSchemaId=1&sbeSchemaVersion=2");
    }

    @Test
    void shouldClampTheJwtRefreshJitterToTheRefreshLead() {
        final ParadexConfig c = ParadexConfig.production().jwtRefreshBeforeExpiryMs(2000).jwtRefreshJitterMs(10_000).build();
        assertThat(c.jwtRefreshJitterMs()).isEqualTo(2000);
    }

    @Test
    void shouldBackOffExponentiallyWithJitterBetweenReconnects() {
        // the function the market-data stream asks for each reconnect's delay (ParadexMarketDataFeed)
        final IntervalFunction backoff = ParadexConfig.production().reconnectDelayMs(100).reconnectMaxDelayMs(1_600)
            .build().reconnectBackoff();
        final long[] min = new long[7];
        final long[] max = new long[7];
        final Set<Long> third = new HashSet<>();
        final Set<Long> capped = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            for (int attempt = 1; attempt <= 6; attempt++) {
                final long d = backoff.apply(attempt);
                min[attempt] = i == 0 ? d : Math.min(min[attempt], d);
                max[attempt] = Math.max(max[attempt], d);
            }
            third.add(backoff.apply(3));
            // far past the cap: the growth stops at 1,600 / 1.2 = 1,333 ms, then the ±20 % jitter still applies
            final long far = backoff.apply(30);
            assertThat(far).isBetween(1_066L, 1_600L);
            capped.add(far);
        }
        for (int attempt = 1; attempt <= 4; attempt++) {
            final long nominal = 100L << (attempt - 1); // 100, 200, 400, 800 ms: doubling from the first delay
            assertThat(min[attempt]).as("attempt %d", attempt).isGreaterThanOrEqualTo(nominal * 8 / 10);
            assertThat(max[attempt]).as("attempt %d", attempt).isLessThanOrEqualTo(nominal * 12 / 10);
            assertThat(min[attempt + 1]).as("attempt %d waits longer than every attempt %d", attempt + 1, attempt)
                .isGreaterThan(max[attempt]);
        }
        assertThat(min[6]).isGreaterThanOrEqualTo(1_066L);
        assertThat(max[6]).as("capped at the largest delay").isLessThanOrEqualTo(1_600L);
        assertThat(third).as("jittered, so that clients do not reconnect in step").hasSizeGreaterThan(5);
        assertThat(capped).as("still jittered at the cap").hasSizeGreaterThan(5);
        assertThatThrownBy(() -> ParadexConfig.production().reconnectDelayMs(500).reconnectMaxDelayMs(100).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectMaxDelayMs");
    }

    @Test
    void shouldKeepParadexTransportDefaultsAndTheOldSetterNames() {
        // the neutral defaults (1 s first reconnect delay, 30 s largest) but for these
        assertThat(ParadexConfig.production().build().transport()).isEqualTo(TransportConfig.builder()
            .idleTimeoutMs(70_000).orderPollAttempts(40).orderPollIntervalMs(50).orderRequestsPerSecond(50)
            .otherRequestsPerSecond(10).build());
        final TransportConfig set = ParadexConfig.production().streamIdleTimeoutMs(1).reconnectDelayMs(2)
            .orderPollMaxAttempts(3).privateGetRequestsPerSecond(4).orderRequestsPerSecond(5).requestTimeoutMs(6)
            .maxBookAgeMs(7).orderPollIntervalMs(8).build().transport();
        assertThat(set).isEqualTo(TransportConfig.builder().idleTimeoutMs(1).reconnectInitialDelayMs(2)
            .orderPollAttempts(3).otherRequestsPerSecond(4).orderRequestsPerSecond(5).requestTimeoutMs(6).maxBookAgeMs(7)
            .orderPollIntervalMs(8).build());
    }

    @Test
    void shouldTakeATransportSharedWithTheOtherVenueAndRefuseANonNettyLoop() {
        final TransportConfig shared = TransportConfig.builder().reconnectInitialDelayMs(20).reconnectMaxDelayMs(40)
            .build();
        assertThat(ParadexConfig.production().transport(shared).build().transport()).isEqualTo(shared);
        final ScheduledExecutorService plain = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThatThrownBy(() -> ParadexConfig.production().eventLoopGroup(plain).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("io.netty.channel.EventLoopGroup");
        } finally {
            plain.shutdownNow();
        }
    }
}
