package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.FixedPoint;
import dev.arb.api.OrderBook;
import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.api.spi.VenueRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vest in the venue registry, and its captured-frame feed against real-format frames. */
class VestVenueModuleTest {
    private static byte[] resource(final String name) throws IOException {
        try (InputStream in = VestVenueModuleTest.class.getResourceAsStream("/vest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldBeFoundByNameThroughServiceLoader() {
        assertThat(VenueRegistry.names()).contains("vest");
        assertThat(VenueRegistry.module("VEST")).isInstanceOf(VestVenueModule.class);
        assertThatThrownBy(() -> VenueRegistry.module("nowhere")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unknown venue 'nowhere'").hasMessageContaining("vest");
    }

    @Test
    void shouldApplyDepthSnapshotsOfItsMarketCountMalformedOnesAndReportFunding() throws IOException {
        final OrderBook book = new OrderBook("vest", "DOGE-PERP", 8, 8, 16);
        final List<Double> rates = new ArrayList<>();
        final CapturedMarketFeed feed = VenueRegistry.module("vest").capturedMarketFeed("DOGE-PERP", book,
            new CapturedMarketFeed.Listener() {
                @Override
                public void onFundingRate(final double rate) {
                    rates.add(rate);
                }
            });
        final byte[] depth = resource("ws-depth-doge.json");
        assertThat(feed.onFrame(false, depth, depth.length, 1_000)).isTrue();
        assertThat(book.isValid()).isTrue();
        assertThat(book.bestBid()).isEqualTo(FixedPoint.parse("0.102", 8));
        assertThat(book.bestAsk()).isEqualTo(FixedPoint.parse("0.103", 8));

        final byte[] other = resource("ws-depth-ndx.json");
        assertThat(feed.onFrame(false, other, other.length, 2_000)).as("another market's frame").isFalse();
        final byte[] cut = java.util.Arrays.copyOf(depth, depth.length - 20);
        assertThat(feed.onFrame(false, cut, cut.length, 3_000)).isFalse();
        assertThat(feed.malformedFrames()).isEqualTo(1);
        assertThat(book.bestBid()).as("a malformed snapshot leaves the book as it was")
            .isEqualTo(FixedPoint.parse("0.102", 8));

        final byte[] tickers = resource("fuzz/ws-tickers.json");
        assertThat(feed.onFrame(false, tickers, tickers.length, 4_000)).isFalse();
        feed.onFrame(false, tickers, tickers.length, 5_000);
        assertThat(rates).as("reported once per change").hasSize(1);
        assertThat(rates.get(0)).isNegative();
    }
}
