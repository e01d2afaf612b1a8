package dev.arb.sim.paradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.arb.api.WireTap;
import dev.arb.paradex.ParadexAdapter;
import dev.arb.paradex.ParadexConfig;
import dev.arb.sim.MarketModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ParadexFrameSource} sends what the live {@link ParadexSimulator} sends to the bot's adapter for the same
 * model steps: the same acknowledgements (but for their wall-clock {@code usIn}/{@code usDiff}), the same SBE or
 * JSON snapshot, deltas and markets summaries, byte for byte.
 */
class ParadexFrameSourceTest {
    private static final String MARKET = "BTC-USD-PERP";
    private static final int STEPS = 25;

    /** One received frame: binary payload, or text. */
    private record Frame(boolean binary, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8).replaceAll("\"usIn\":\\d+,\"usDiff\":\\d+", "\"usIn\":T");
        }
    }

    private static WireTap into(final List<Frame> frames) {
        return (venue, nanos, binary, data, offset, length) -> frames.add(
            new Frame(binary, Arrays.copyOfRange(data, offset, offset + length)));
    }

    private static List<Frame> live(final boolean sbe) throws Exception {
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        try (ParadexSimulator sim = ParadexSimulator.start(new MarketModel(MarketModel.Config.defaults(11)),
            ParadexSimulator.Options.builder().manualStepping(true).build());
             ParadexAdapter adapter = new ParadexAdapter(ParadexConfig.builder().restBaseUrl(sim.restBaseUrl())
                 .wsUrl(sim.wsUrl()).chainId(sim.chainId()).sbe(sbe).build())) {
            adapter.setWireTap(into(frames));
            adapter.connect().get(10, TimeUnit.SECONDS);
            adapter.subscribeOrderBook(MARKET, b -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> frames.size() >= 3);
            for (int i = 1; i <= STEPS; i++) {
                sim.advance();
                final int expected = 3 + 2 * i;
                await().atMost(Duration.ofSeconds(10)).until(() -> frames.size() >= expected);
            }
            final List<Frame> fast = new ArrayList<>();
            final ParadexFrameSource source = new ParadexFrameSource(new MarketModel(MarketModel.Config.defaults(11)),
                ParadexSimulator.Options.defaults(), MARKET, sbe, sim.startEpochMs());
            source.subscribe(into(fast), 0);
            for (int i = 1; i <= STEPS; i++) {
                source.step(into(fast), i);
            }
            assertThat(source.currentStep()).isEqualTo(STEPS);
            compare(fast, new ArrayList<>(frames));
        }
        return frames;
    }

    private static void compare(final List<Frame> fast, final List<Frame> live) {
        assertThat(fast).hasSameSizeAs(live).hasSize(3 + 2 * STEPS);
        for (int i = 0; i < live.size(); i++) {
            assertThat(fast.get(i).binary()).as("frame %d kind", i).isEqualTo(live.get(i).binary());
            if (live.get(i).binary()) {
                assertThat(fast.get(i).data()).as("SBE frame %d", i).isEqualTo(live.get(i).data());
            } else {
                assertThat(fast.get(i).text()).as("text frame %d", i).isEqualTo(live.get(i).text());
            }
        }
    }

    @Test
    void shouldSendTheLiveSimulatorsSbeFramesForTheSameSteps() throws Exception {
        final List<Frame> frames = live(true);
        assertThat(frames.get(0).text()).contains("\"channel\":\"order_book.BTC-USD-PERP.deltas\"").contains("\"id\":1");
        assertThat(frames.get(1).binary()).isTrue();
        assertThat(frames.get(2).text()).contains("markets_summary.BTC-USD-PERP").contains("\"id\":2");
    }

    @Test
    void shouldSendTheLiveSimulatorsJsonFramesForTheSameSteps() throws Exception {
        final List<Frame> frames = live(false);
        assertThat(frames.get(3).text()).contains("order_book.BTC-USD-PERP.snapshot@15@50ms")
            .contains("\"update_type\":\"s\"");
        assertThat(frames.get(4).text()).contains("\"funding_rate\"");
    }

    @Test
    void shouldRefuseAMarketTheSimulatorDoesNotList() {
        assertThatThrownBy(() -> new ParadexFrameSource(new MarketModel(MarketModel.Config.defaults(1)),
            ParadexSimulator.Options.defaults(), "ETH-USD-PERP", true, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ETH-USD-PERP")
            .hasMessageContaining("BTC-USD-PERP");
    }
}
