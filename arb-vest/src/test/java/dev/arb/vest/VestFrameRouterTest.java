package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.MarketSpec;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link VestFrameRouter} without a socket: each channel reaches its piece (book, tickers, trades,
 * PONG), bad frames and throwing listeners are counted, invalidation tells the book's listeners.
 */
class VestFrameRouterTest {
    private final ObjectMapper json = new ObjectMapper();
    private final VestCounters counters = new VestCounters();
    private final VestTickerBoard tickers = new VestTickerBoard(json);
    private final VestTradeChannel trades = new VestTradeChannel(json, counters);
    private final AtomicInteger pongs = new AtomicInteger();
    private final VestFrameRouter router = new VestFrameRouter(true, counters, json, tickers, trades,
        pongs::incrementAndGet);
    private final VestMarketBook btc = new VestMarketBook("BTC-PERP");
    private final VestMarketBook[] books = {btc};

    VestFrameRouterTest() {
        btc.init(MarketSpec.builder().venue("vest").symbol("BTC-PERP").baseAsset("BTC").priceScale(2).sizeScale(4)
            .tickSize(1).stepSize(1).minSize(1).build());
    }

    private void route(final String frame) {
        router.onFrame(Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8)), System.nanoTime(), books);
    }

    @Test
    void shouldApplyDepthToItsBookAndInvalidateItOnRequest() {
        final List<Boolean> seen = new ArrayList<>();
        btc.listeners = new dev.arb.api.OrderBookListener[] {b -> seen.add(b.isValid())};
        route("{\"channel\":\"BTC-PERP@depth\",\"data\":{\"bids\":[[\"65000.00\",\"1.0000\"]],"
            + "\"asks\":[[\"65001.00\",\"2.0000\"]]}}");
        assertThat(btc.valid).isTrue();
        assertThat(btc.received).isTrue();
        router.invalidateAll(books);
        assertThat(btc.valid).isFalse();
        assertThat(seen).containsExactly(true, false);

        route("{\"channel\":\"BTC-PERP@depth\",\"data\":{\"bids\":[[\"65002.00\",\"1.0000\"]],"
            + "\"asks\":[[\"65001.00\",\"2.0000\"]]}}");
        assertThat(counters.crossed()).isEqualTo(1);
        assertThat(btc.valid).isFalse();
    }

    @Test
    void shouldRouteTickersTradesAndPongs() {
        final List<VestTrade> got = new ArrayList<>();
        route("{\"channel\":\"BTC-PERP@trades\",\"data\":{\"id\":\"1\",\"price\":\"bad\",\"qty\":\"0.1\"}}");
        assertThat(counters.malformed()).isZero(); // no listener: trades are not parsed
        trades.addListener(got::add);
        route("{\"channel\":\"BTC-PERP@trades\",\"data\":{\"id\":\"2\",\"price\":\"65000.5\",\"qty\":\"0.1\","
            + "\"side\":\"BUY\",\"time\":1764000000000}}");
        assertThat(got).singleElement().satisfies(t -> assertThat(t.price()).isEqualByComparingTo("65000.5"));

        route("{\"channel\":\"tickers\",\"data\":[{\"symbol\":\"BTC-PERP\",\"oneHrFundingRate\":\"0.0000125\"}]}");
        assertThat(tickers.fundingRatePerHour("BTC-PERP")).isEqualTo(0.0000125);
        assertThat(tickers.fundingRatePerHour("ETH-PERP")).isNaN();

        route("{\"data\":\"PONG\"}");
        assertThat(pongs.get()).isEqualTo(1);
        assertThat(counters.pongs()).isEqualTo(1);
        assertThat(counters.malformed()).isZero();
    }

    @Test
    void shouldCountBadFramesAndThrowingListenersWithoutThrowing() {
        trades.addListener(t -> {
            throw new IllegalStateException("listener bug");
        });
        route("{\"channel\":\"BTC-PERP@trades\",\"data\":{\"price\":\"x\",\"qty\":\"1\"}}");
        route("{\"channel\":\"tickers\",\"data\":[{\"symbol\":\"BTC-PERP\",\"markPrice\":\"1e\"}]}");
        route("{\"data\":");
        assertThat(counters.malformed()).isEqualTo(3);
        route("{\"channel\":\"BTC-PERP@trades\",\"data\":{\"price\":\"1\",\"qty\":\"1\"}}");
        route("{\"channel\":\"BTC-PERP@trades\",\"data\":{\"price\":\"2\",\"qty\":\"1\"}}");
        assertThat(counters.listenerErrors()).isEqualTo(2);
        assertThat(counters.health().decodeErrors()).isEqualTo(3);
    }
}
