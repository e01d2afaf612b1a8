package dev.arb.paradex.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarginState;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarginDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(final String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void shouldReadTheAccountSummaryAndTheShortsLiquidationPrice() throws Exception {
        // the account channel's data / GET /v1/account (OAS AccountSummaryResponse)
        final JsonNode account = json("{\"account\":\"0x1\",\"account_value\":\"1500.25\",\"free_collateral\":\"900\","
            + "\"initial_margin_requirement\":\"650\",\"maintenance_margin_requirement\":\"325.5\","
            + "\"margin_cushion\":\"1174.75\",\"settlement_asset\":\"USDC\",\"status\":\"ACTIVE\",\"seq_no\":7,"
            + "\"updated_at\":1718179273230}");
        // a positions push / GET /v1/positions result (OAS PositionResp): short 0.1 at 65000, mark 65500
        final JsonNode shortPos = json("{\"market\":\"BTC-USD-PERP\",\"status\":\"OPEN\",\"side\":\"SHORT\","
            + "\"size\":\"-0.1\",\"average_entry_price\":\"65000\",\"unrealized_pnl\":\"-50\","
            + "\"unrealized_funding_pnl\":\"0.3\",\"liquidation_price\":\"72050\",\"leverage\":\"10\"}");
        final JsonNode closed = json("{\"market\":\"ETH-USD-PERP\",\"status\":\"CLOSED\",\"size\":\"0\","
            + "\"average_entry_price\":\"\",\"liquidation_price\":\"\"}");
        final MarginState m = MarginDecoder.margin(account, List.of(shortPos, closed), 5);
        assertThat(m.venue()).isEqualTo("paradex");
        assertThat(m.accountValueUsd()).isEqualByComparingTo("1500.25");
        assertThat(m.maintenanceMarginUsd()).isEqualByComparingTo("325.5");
        assertThat(m.timestampMs()).isEqualTo(1718179273230L);
        assertThat(m.positions()).singleElement().satisfies(p -> {
            assertThat(p.size()).isEqualByComparingTo("-0.1");
            assertThat(p.markPriceUsd()).isEqualByComparingTo("65500");
            assertThat(p.liquidationPriceUsd()).isEqualByComparingTo("72050");
        });
        // (72050 - 65500) / 65500 = 10 %
        assertThat(m.distanceToLiquidationPct()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void shouldFallBackToTheAccountCushionWithoutALiquidationPrice() throws Exception {
        final JsonNode account = json("{\"account_value\":\"1000\",\"maintenance_margin_requirement\":\"100\"}");
        final JsonNode pos = json("{\"market\":\"BTC-USD-PERP\",\"status\":\"OPEN\",\"size\":\"0.1\","
            + "\"average_entry_price\":\"60000\",\"unrealized_pnl\":\"0\",\"liquidation_price\":\"\"}");
        final MarginState m = MarginDecoder.margin(account, List.of(pos), 42);
        assertThat(m.timestampMs()).isEqualTo(42);
        assertThat(m.positions().get(0).liquidationPriceUsd()).isNull();
        // 900 / 6000 = 15 %
        assertThat(m.distanceToLiquidationPct()).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void shouldNameTheFieldThatIsNotANumber() throws Exception {
        final JsonNode account = json("{\"account_value\":\"n/a\",\"maintenance_margin_requirement\":\"1\"}");
        assertThatThrownBy(() -> MarginDecoder.margin(account, List.of(), 0))
            .isInstanceOf(MalformedMessageException.class).hasMessageContaining("account_value");
    }
}
