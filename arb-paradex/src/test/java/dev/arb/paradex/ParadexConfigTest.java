package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

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
        final io.github.resilience4j.core.IntervalFunction backoff = ParadexConfig.production().reconnectDelayMs(100)
            .reconnectMaxDelayMs(1_600).build().reconnectBackoff();
        final java.util.Set<Long> thirdAttempt = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.apply(1)).isBetween(80L, 120L);
            final long third = backoff.apply(3);
            assertThat(third).isBetween(320L, 480L);
            thirdAttempt.add(third);
            assertThat(backoff.apply(20)).isLessThanOrEqualTo(1_920L);
        }
        assertThat(thirdAttempt).as("jittered, so that clients do not reconnect in step").hasSizeGreaterThan(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ParadexConfig.production().reconnectDelayMs(500)
            .reconnectMaxDelayMs(100).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
