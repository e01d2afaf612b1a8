package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.api.spi.VenueModule;
import dev.arb.api.spi.VenueRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Paradex in the venue registry, and its captured-frame feed on a real-format JSON book snapshot. */
class ParadexVenueModuleTest {
    @Test
    void shouldBeFoundByNameAndRefuseABookOfAnotherScale() {
        assertThat(VenueRegistry.names()).contains("paradex");
        final VenueModule m = VenueRegistry.module("paradex");
        assertThat(m).isInstanceOf(ParadexVenueModule.class);
        assertThat(m.defaultFundingPeriodHours()).isEqualTo(8);
        assertThatThrownBy(() -> m.capturedMarketFeed("BTC-USD-PERP", new OrderBook("paradex", "BTC-USD-PERP", 2, 4, 8),
            CapturedMarketFeed.Listener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale 8");
    }

    @Test
    void shouldBuildTheBookFromAJsonSnapshotAndCountAnUnreadableFrame() throws IOException {
        final byte[] snapshot;
        try (InputStream in = getClass().getResourceAsStream("/paradex/ws-orderbook-snapshot.json")) {
            snapshot = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
        }
        final OrderBook book = new OrderBook("paradex", "BTC-USD-PERP", 8, 8, 16);
        final CapturedMarketFeed feed = VenueRegistry.module("paradex").capturedMarketFeed("BTC-USD-PERP", book,
            CapturedMarketFeed.Listener.NONE);
        assertThat(feed.onFrame(false, snapshot, snapshot.length, 1_000)).isTrue();
        assertThat(book.isValid()).isTrue();
        assertThat(book.bestBid()).isEqualTo(FixedPoint.parse("67629.7", 8));
        assertThat(book.bestAsk()).isEqualTo(FixedPoint.parse("69378.6", 8));
        final byte[] garbage = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{".getBytes(StandardCharsets.UTF_8);
        feed.onFrame(false, garbage, garbage.length, 2_000);
        final byte[] notSbe = {1, 2, 3};
        feed.onFrame(true, notSbe, notSbe.length, 3_000);
        assertThat(feed.malformedFrames()).isEqualTo(2);
    }
}
