package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.FixedPoint;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Position;
import dev.arb.paradex.internal.OrderResponses;
import dev.arb.paradex.internal.ParadexTypedData;
import dev.arb.paradex.internal.RestDecoders;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REST fixtures of protocol reference §3 decode into arb-api types. */
class RestDecodersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode fixture(final String name) throws IOException {
        return JSON.readTree(BookFeedTest.resource(name));
    }

    private static long fp(final String s) {
        return FixedPoint.parse(s, 8);
    }

    @Test
    void shouldDecodeMarketsFixtureWithDefaultFees() throws IOException {
        final Map<String, MarketSpec> specs = RestDecoders.marketSpecs(fixture("rest-markets-btc.json"),
            new BigDecimal("0.0003"), new BigDecimal("0.00003"));
        final MarketSpec btc = specs.get("BTC-USD-PERP");
        assertThat(btc.priceScale()).isEqualTo(8);
        assertThat(btc.sizeScale()).isEqualTo(8);
        assertThat(btc.tickSize()).isEqualTo(fp("0.1"));
        assertThat(btc.stepSize()).isEqualTo(fp("0.001"));
        assertThat(btc.minNotionalUsd()).isEqualByComparingTo("500");
        assertThat(btc.takerFeeRate()).isEqualByComparingTo("0.0003");
        assertThat(btc.makerFeeRate()).isEqualByComparingTo("0.00003");
        assertThat(btc.baseAsset()).isEqualTo("BTC");
    }

    @Test
    void shouldTakeFeesFromApiFeeConfig() throws IOException {
        final JsonNode body = JSON.readTree("{\"results\":[{\"symbol\":\"ETH-USD-PERP\",\"base_currency\":\"ETH\","
            + "\"price_tick_size\":\"0.01\",\"order_size_increment\":\"0.0001\",\"min_notional\":\"100\",\"fee_config\":"
            + "{\"api_fee\":{\"maker_fee\":{\"fee\":\"-0.00005\"},\"taker_fee\":{\"fee\":\"0.00042\"}}}}]}");
        final MarketSpec eth = RestDecoders.marketSpecs(body, BigDecimal.ONE, BigDecimal.ONE).get("ETH-USD-PERP");
        assertThat(eth.takerFeeRate()).isEqualByComparingTo("0.00042");
        assertThat(eth.makerFeeRate()).isEqualByComparingTo("-0.00005");
        assertThat(eth.tickSize()).isEqualTo(fp("0.01"));
    }

    @Test
    void shouldDecodePositionsFixtureWithEmptyStringsAndStringIntegers() throws IOException {
        final Position sol = RestDecoders.position(fixture("rest-positions.json"), "SOL-USD-PERP");
        assertThat(sol.size()).isEqualTo(fp("3"));
        assertThat(sol.sizeScale()).isEqualTo(8);
        assertThat(sol.entryPrice()).isEqualTo(fp("183.06499451"));
        assertThat(sol.unrealizedPnlUsd()).isEqualByComparingTo("-2.84428356");
        assertThat(RestDecoders.position(fixture("rest-positions.json"), "BTC-USD-PERP").isFlat()).isTrue();
    }

    @Test
    void shouldDecodeShortPositionAsNegative() throws IOException {
        final JsonNode body = JSON.readTree("{\"results\":[{\"market\":\"BTC-USD-PERP\",\"status\":\"OPEN\",\"side\":\"SHORT\","
            + "\"size\":\"-0.0125\",\"average_entry_price\":\"65000.123456789\",\"unrealized_pnl\":\"\"}]}");
        final Position p = RestDecoders.position(body, "BTC-USD-PERP");
        assertThat(p.size()).isEqualTo(-fp("0.0125"));
        assertThat(p.entryPrice()).isEqualTo(fp("65000.12345679"));
        assertThat(p.unrealizedPnlUsd()).isEqualByComparingTo("0");
    }

    @Test
    void shouldDecodeRestOrderBookFixture() throws IOException {
        final OrderBook book = new OrderBook("paradex", "BTC-USD-PERP", 8, 8, 4);
        RestDecoders.orderBook(fixture("rest-orderbook-btc.json"), book, 1L);
        assertThat(book.isValid()).isTrue();
        assertThat(book.bidLevels()).isEqualTo(20);
        assertThat(book.askLevels()).isEqualTo(3);
        assertThat(book.bestBid()).isEqualTo(fp("66810"));
        assertThat(book.bidSize(0)).isEqualTo(fp("0.078"));
        assertThat(book.bestAsk()).isEqualTo(fp("67643.2"));
        assertThat(book.askPrice(2)).isEqualTo(fp("83681"));
        assertThat(book.bidPrice(19)).isEqualTo(fp("66131.9"));
        assertThat(book.sequence()).isEqualTo(14139427L);
    }

    @Test
    void shouldDecodeSystemConfigChainId() throws IOException {
        final JsonNode config = fixture("rest-system-config-testnet.json");
        assertThat(config.get("starknet_chain_id").asText()).isEqualTo("PRIVATE_SN_POTC_SEPOLIA");
        assertThat(ParadexTypedData.chainIdHex(config.get("starknet_chain_id").asText()))
            .isEqualTo("0x505249564154455f534e5f504f54435f5345504f4c4941");
        assertThat(config.get("paraclear_decimals").asInt()).isEqualTo(8);
    }

    @Test
    void shouldMapOrderResponses() throws IOException {
        final OrderUpdate partial = OrderResponses.toUpdate(JSON.readTree("{\"id\":\"123\",\"market\":\"BTC-USD-PERP\","
            + "\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"0.01\",\"remaining_size\":\"0.004\",\"avg_fill_price\":\"65000.1\","
            + "\"status\":\"CLOSED\",\"cancel_reason\":\"REMAINING_IOC_CANCEL\",\"client_id\":\"c1\",\"last_updated_at\":\"17\"}"),
            "BTC-USD-PERP", 8, new BigDecimal("0.0003"), 0);
        assertThat(partial.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(partial.filledSize()).isEqualTo(fp("0.006"));
        assertThat(partial.avgFillPrice()).isEqualTo(fp("65000.1"));
        assertThat(partial.feeUsd()).isEqualByComparingTo("0.11700018");
        assertThat(partial.timestampMs()).isEqualTo(17);
        final OrderUpdate filled = OrderResponses.toUpdate(JSON.readTree("{\"id\":\"1\",\"side\":\"SELL\",\"size\":\"1\","
            + "\"remaining_size\":\"0\",\"avg_fill_price\":\"10\",\"status\":\"CLOSED\",\"cancel_reason\":\"\"}"), "X", 8,
            BigDecimal.ZERO, 5);
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        final OrderUpdate refused = OrderResponses.toUpdate(JSON.readTree("{\"id\":\"1\",\"side\":\"SELL\",\"size\":\"1\","
            + "\"remaining_size\":\"1\",\"avg_fill_price\":\"\",\"status\":\"CLOSED\",\"cancel_reason\":\"NOT_ENOUGH_MARGIN\"}"),
            "X", 8, BigDecimal.ZERO, 5);
        assertThat(refused.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(refused.rejectCode()).isEqualTo("NOT_ENOUGH_MARGIN");
        assertThatThrownBy(() -> OrderResponses.toUpdate(JSON.readTree("{\"id\":\"1\",\"size\":\"1\"}"), "X", 8,
            BigDecimal.ZERO, 5)).isInstanceOf(MalformedMessageException.class);
    }
    @Test
    void shouldReadEachMarketsFundingPeriodAndSkipMissingOnes() throws IOException {
        final JsonNode body = JSON.readTree("{\"results\":[{\"symbol\":\"BTC-USD-PERP\",\"funding_period_hours\":8},"
            + "{\"symbol\":\"ETH-USD-PERP\",\"funding_period_hours\":\"1\"},{\"symbol\":\"SOL-USD-PERP\"},"
            + "{\"symbol\":\"X-USD-PERP\",\"funding_period_hours\":0}]}");
        assertThat(RestDecoders.fundingPeriodHours(body)).containsOnly(Map.entry("BTC-USD-PERP", 8.0),
            Map.entry("ETH-USD-PERP", 1.0));
        assertThat(RestDecoders.fundingPeriodHours(JSON.readTree("{}"))).isEmpty();
    }
}
