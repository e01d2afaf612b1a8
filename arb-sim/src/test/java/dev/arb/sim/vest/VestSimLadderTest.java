package dev.arb.sim.vest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.sim.MarketModel;
import org.junit.jupiter.api.Test;

class VestSimLadderTest {
    private final MarketModel model = new MarketModel(MarketModel.Config.defaults(3));
    private final VestSimulator.Options options = VestSimulator.Options.defaults();

    @Test
    void shouldQuoteAroundTheVenueMidWithGrowingSizes() {
        final VestSimLadder ladder = new VestSimLadder(VestSimulator.SimSymbol.btcPerp(), options);
        for (long step = 0; step < 500; step += 7) {
            ladder.quote(model, step);
            final double mid = model.venueMid(MarketModel.VENUE_A, step);
            final double bid = ladder.bidPrices[0] / 100.0;
            final double ask = ladder.askPrices[0] / 100.0;
            assertThat(bid).isLessThan(mid).isGreaterThan(mid * (1 - 1.5e-4));
            assertThat(ask).isGreaterThan(mid).isLessThan(mid * (1 + 1.5e-4));
            for (int i = 1; i < options.ladderLevels(); i++) {
                assertThat(ladder.bidPrices[i]).isLessThan(ladder.bidPrices[i - 1]);
                assertThat(ladder.askPrices[i]).isGreaterThan(ladder.askPrices[i - 1]);
                assertThat(ladder.askSizes[i]).isGreaterThan(ladder.askSizes[i - 1]);
            }
        }
    }

    @Test
    void shouldWriteDepthMessagesWithExactDecimals() throws Exception {
        final VestSimLadder ladder = new VestSimLadder(VestSimulator.SimSymbol.btcPerp(), options);
        ladder.quote(model, 42);
        final JsonNode msg = new ObjectMapper().readTree(ladder.depthMessage(1_700_000_000_000L));
        assertThat(msg.get("channel").asText()).isEqualTo("BTC-PERP@depth");
        assertThat(msg.get("tsMs").asLong()).isEqualTo(1_700_000_000_000L);
        for (final String side : new String[] {"bids", "asks"}) {
            final JsonNode levels = msg.get("data").get(side);
            assertThat(levels).hasSize(20);
            levels.forEach(l -> {
                assertThat(l.get(0).asText()).matches("\\d+\\.\\d{2}");
                assertThat(l.get(1).asText()).matches("\\d+\\.\\d{4}");
            });
        }
        assertThat(msg.get("data").get("asks").get(0).get(0).asText())
            .isEqualTo(dev.arb.api.FixedPoint.format(ladder.askPrices[0], 2));
        assertThat(msg.get("data").get("bids").get(0).get(1).asText()).isEqualTo("0.0500");
    }
}
