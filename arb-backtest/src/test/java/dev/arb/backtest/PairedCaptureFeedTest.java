package dev.arb.backtest;

import static dev.arb.backtest.Captures.in;
import static dev.arb.backtest.Captures.line;
import static dev.arb.backtest.Captures.paradexBook;
import static dev.arb.backtest.Captures.vestDepth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PairedCaptureFeed} on small hand-written captures: merge order and clock, funding from Paradex JSON
 * {@code markets_summary} and Vest {@code tickers}, and malformed input handled as the live adapters do.
 */
class PairedCaptureFeedTest {
    private static final MarketSpec VEST = MarketSpec.builder().venue("vest").symbol("BTC-PERP").priceScale(8)
        .sizeScale(8).tickSize(1_000_000).stepSize(10_000).takerFeeRate(new BigDecimal("0.0001")).build();
    private static final MarketSpec PARADEX = MarketSpec.builder().venue("paradex").symbol("BTC-USD-PERP")
        .priceScale(8).sizeScale(8).tickSize(10_000_000).stepSize(1_000).takerFeeRate(new BigDecimal("0.0003"))
        .build();

    private VirtualTime time;
    private BacktestVenue vest;
    private BacktestVenue paradex;
    private PairedCaptureFeed feed;
    private final List<String> published = new ArrayList<>();

    @BeforeEach
    void setUp() {
        time = new VirtualTime(0L);
        vest = BacktestVenue.builder().venue("vest").time(time).market(VEST).build();
        paradex = BacktestVenue.builder().venue("paradex").time(time).market(PARADEX).build();
        vest.subscribeOrderBook("BTC-PERP", b -> published.add("vest@" + time.nanoTime()));
        paradex.subscribeOrderBook("BTC-USD-PERP", b -> published.add("paradex@" + time.nanoTime()));
        feed = new PairedCaptureFeed(time, vest, "BTC-PERP", paradex, "BTC-USD-PERP");
    }

    @Test
    void shouldMergeByReceiveTimeAndPublishEachBookChangeAtItsTime() throws Exception {
        final List<Long> seen = new ArrayList<>();
        feed.run(in(paradexBook(20, 1, "s", "100.5", "100.6") + paradexBook(40, 2, "d", "100.4", "100.6")),
            in(vestDepth(10, "100.00", "100.01") + vestDepth(30, "100.10", "100.11")), seen::add);
        assertThat(seen).containsExactly(10L, 20L, 30L, 40L);
        assertThat(published).containsExactly("vest@10", "paradex@20", "vest@30", "paradex@40");
        assertThat(feed.frames()).isEqualTo(4);
        assertThat(feed.malformed()).isZero();
        final OrderBook p = paradex.book("BTC-USD-PERP");
        assertThat(p.isValid()).isTrue();
        assertThat(p.sequence()).isEqualTo(2);
        assertThat(p.bestBid()).as("the delta added a level under the best bid").isEqualTo(100_50000000L);
        assertThat(vest.book("BTC-PERP").bestAsk()).isEqualTo(100_11000000L);
        assertThat(feed.lastNanos() - feed.firstNanos()).isEqualTo(30);
    }

    @Test
    void shouldTakeFundingFromParadexJsonSummariesOverTheMarketsPeriodAndVestTickersPerHour() throws Exception {
        feed.paradexFundingPeriodHours(4);
        feed.run(in(line(5, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"markets_summary.BTC-USD-PERP\",\"data\":{\"symbol\":\"BTC-USD-PERP\",\"funding_rate\":\"0.0002\"}}}")),
            in(line(6, "{\"channel\":\"tickers\",\"data\":[{\"symbol\":\"ETH-PERP\",\"oneHrFundingRate\":\"0.5\"},"
                + "{\"symbol\":\"BTC-PERP\",\"oneHrFundingRate\":\"0.000012\",\"markPrice\":\"100.0\"}]}")), null);
        assertThat(paradex.fundingRatePerHour("BTC-USD-PERP")).isCloseTo(0.00005, Offset.offset(1e-15));
        assertThat(vest.fundingRatePerHour("BTC-PERP")).isCloseTo(0.000012, Offset.offset(1e-15));
        assertThat(published).as("funding is not a book change").isEmpty();
    }

    @Test
    void shouldCountMalformedFramesAndKeepGoingAsLive() throws Exception {
        feed.run(in(paradexBook(10, 1, "s", "100.5", "100.6") + line(20, "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"subscription\",\"params\":{\"channel\":\"order_book.BTC-USD-PERP.snapshot@15@50ms\",\"data\":{"
                + "\"seq_no\":\"x\"") + paradexBook(30, 3, "d", "100.4", "100.6")),
            in(vestDepth(11, "100.00", "100.01") + line(21, "{\"channel\":\"BTC-PERP@depth\",\"data\":{\"bids\":[[")
                + line(22, "{\"channel\":\"tickers\",\"data\":[{\"symbol\":\"BTC-PERP\",\"oneHrFundingRate\":\"x\"}]}")),
            null);
        assertThat(feed.malformed()).isEqualTo(3);
        assertThat(vest.book("BTC-PERP").isValid()).as("a Vest frame is a full snapshot: the last good one stands")
            .isTrue();
        assertThat(paradex.book("BTC-USD-PERP").isValid()).as("delta seq 3 after 1: a gap, invalid until a snapshot")
            .isFalse();
        assertThat(vest.fundingRatePerHour("BTC-PERP")).isNaN();
    }

    @Test
    void shouldSkipAndCountACaptureLineThatIsNotAFrameRecordNamingTheFirst() throws Exception {
        feed.run(in(paradexBook(3, 1, "s", "100.5", "100.6")), in(vestDepth(1, "1.00", "1.01")
            + "{\"t_ns\":2,\"opcode\":\n" + vestDepth(4, "1.02", "1.03") + "{\"t_ns\":5,\"opco"), null);
        assertThat(feed.frames()).isEqualTo(3);
        assertThat(feed.malformedLines()).isEqualTo(2);
        assertThat(feed.firstMalformedLine()).startsWith("vest: ").contains("line 2");
        assertThat(vest.book("BTC-PERP").bestAsk()).isEqualTo(1_03000000L);
    }
}
