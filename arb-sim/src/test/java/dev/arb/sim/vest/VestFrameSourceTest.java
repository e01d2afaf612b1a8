package dev.arb.sim.vest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.arb.api.WireTap;
import dev.arb.sim.MarketModel;
import dev.arb.vest.VestAdapter;
import dev.arb.vest.VestConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link VestFrameSource} sends what the live {@link VestSimulator} sends to the bot's adapter for the same model
 * steps: the same acknowledgements, {@code @depth} snapshots (but for the wall-clock {@code tsMs}) and
 * {@code tickers}, including {@code cumFunding} across funding hours.
 */
class VestFrameSourceTest {
    private static final int STEPS = 25;

    private static WireTap into(final List<String> frames) {
        return (venue, nanos, binary, data, offset, length) -> frames.add(
            new String(data, offset, length, StandardCharsets.UTF_8).replaceAll("\"tsMs\":\\d+", "\"tsMs\":T"));
    }

    @Test
    void shouldSendTheLiveSimulatorsFramesForTheSameSteps() throws Exception {
        // a funding "hour" of 1 s: cumFunding moves every 10 steps
        final VestSimulator.Options options = VestSimulator.Options.builder().fundingHourMs(1000).build();
        final List<String> live = new CopyOnWriteArrayList<>();
        try (VestSimulator sim = VestSimulator.start(new MarketModel(MarketModel.Config.defaults(11)),
            VestSimulator.Options.builder().fundingHourMs(1000).manualStepping(true).build());
             VestAdapter adapter = new VestAdapter(VestConfig.builder().restBaseUrl(sim.restBaseUrl())
                 .wsUrl(sim.wsUrl()).accountGroup(0).build())) {
            adapter.setWireTap(into(live));
            adapter.connect().get(10, TimeUnit.SECONDS);
            adapter.subscribeOrderBook("BTC-PERP", b -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> live.size() >= 3);
            for (int i = 1; i <= STEPS; i++) {
                sim.advance();
                final int expected = 3 + 2 * i;
                await().atMost(Duration.ofSeconds(10)).until(() -> live.size() >= expected);
            }
        }
        final List<String> fast = new ArrayList<>();
        final VestFrameSource source = new VestFrameSource(new MarketModel(MarketModel.Config.defaults(11)), options,
            "BTC-PERP", 1_767_225_600_000L);
        source.subscribe(into(fast), 0);
        for (int i = 1; i <= STEPS; i++) {
            source.step(into(fast), i);
        }
        assertThat(source.currentStep()).isEqualTo(STEPS);
        assertThat(fast).isEqualTo(new ArrayList<>(live));
        assertThat(fast.get(0)).isEqualTo("{\"result\":null,\"id\":1}");
        assertThat(fast.get(2)).startsWith("{\"channel\":\"BTC-PERP@depth\"");
        assertThat(fast.get(fast.size() - 1)).startsWith("{\"channel\":\"tickers\"")
            .doesNotContain("\"cumFunding\":\"0.000000000000\"");
    }

    @Test
    void shouldStampEachStepWithItsVirtualTime() {
        final VestFrameSource source = new VestFrameSource(new MarketModel(MarketModel.Config.defaults(2)),
            VestSimulator.Options.defaults(), "BTC-PERP", 1_000_000L);
        final List<String> frames = new ArrayList<>();
        final WireTap tap = (venue, nanos, binary, data, offset, length) -> {
            assertThat(venue).isEqualTo(VestFrameSource.VENUE);
            frames.add(new String(data, offset, length, StandardCharsets.UTF_8));
        };
        source.subscribe(tap, 0);
        source.step(tap, 1);
        source.step(tap, 2);
        source.pong(tap, 3);
        assertThat(frames.get(2)).endsWith("\"tsMs\":1000000}");
        assertThat(frames.get(5)).endsWith("\"tsMs\":1000200}");
        assertThat(frames.get(7)).isEqualTo("{\"data\":\"PONG\"}");
    }

    @Test
    void shouldRefuseASymbolTheSimulatorDoesNotQuote() {
        assertThatThrownBy(() -> new VestFrameSource(new MarketModel(MarketModel.Config.defaults(1)),
            VestSimulator.Options.defaults(), "ETH-PERP", 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("ETH-PERP").hasMessageContaining("BTC-PERP");
    }
}
