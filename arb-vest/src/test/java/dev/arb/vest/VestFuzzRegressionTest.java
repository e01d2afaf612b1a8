package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.vest.internal.VestOrderCodec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The minimised inputs {@link VestFuzzTest} found, each a defect fixed (RELIABILITY.md, defects table). */
class VestFuzzRegressionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MarketSpec NDX = MarketSpec.builder().venue("vest").symbol("NDX-USD-PERP").baseAsset("NDX")
        .priceScale(2).sizeScale(4).tickSize(1).stepSize(1).minSize(1).build();
    private static final OrderRequest REQUEST = OrderRequest.builder().market("NDX-USD-PERP").side(Side.BUY)
        .type(OrderType.MARKET).size(1000).limitPrice(3_148_000).clientOrderId("fuzz").build();
    private final VestOrderCodec codec = new VestOrderCodec(JSON);

    /** An ORDER event's average price beyond a long threw ArithmeticException out of the account stream. */
    @Test
    void avgFilledPriceBeyondALongIsMalformed() throws Exception {
        final var args = JSON.readTree("{\"id\":\"0x0\",\"status\":\"FILLED\",\"lastFilledSize\":\"0.1000\","
            + "\"avgFilledPrice\":\"9999999999999999999999999999999999999931479.5012\"}");
        assertThatThrownBy(() -> codec.update(args, NDX, REQUEST, 1L)).isInstanceOf(MalformedMessageException.class)
            .hasMessageContaining("price out of range");
    }

    /** {@code "1e-999999999"} as a price made setScale compute a billion-digit power of ten (a hung event loop). */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void priceWithAHugeExponentIsMalformedAtOnce() throws Exception {
        final var args = JSON.readTree("{\"id\":\"0x0\",\"status\":\"FILLED\",\"lastFilledSize\":\"0.1000\","
            + "\"avgFilledPrice\":\"1e-999999999\"}");
        assertThatThrownBy(() -> codec.update(args, NDX, REQUEST, 1L)).isInstanceOf(MalformedMessageException.class)
            .hasMessageContaining("decimal out of range");
    }

    /** An untracked ORDER event with {@code "size":"000"} threw IllegalArgumentException out of the account stream. */
    @Test
    void untrackedOrderOfSizeZeroIsMalformed() throws Exception {
        final var args = JSON.readTree("{\"id\":\"0x0\",\"symbol\":\"NDX-USD-PERP\",\"isBuy\":true,"
            + "\"orderType\":\"MARKET\",\"limitPrice\":\"31480.00\",\"size\":\"000\",\"status\":\"FILLED\"}");
        assertThatThrownBy(() -> codec.fromVenue(args, NDX, null, 1L)).isInstanceOf(MalformedMessageException.class)
            .hasMessageContaining("is not a valid order");
    }

    /** {@code "takerFee":" .0001"} in exchangeInfo threw NumberFormatException out of loadMarkets. */
    @Test
    void exchangeInfoWithAFeeThatIsNotADecimalIsMalformed() throws Exception {
        final var entry = JSON.readTree("{\"symbol\":\"BTC-PERP\",\"base\":\"BTC\",\"sizeDecimals\":4,"
            + "\"priceDecimals\":2,\"takerFee\":\" .0001\"}");
        assertThatThrownBy(() -> VestAdapter.toSpec(entry)).isInstanceOf(MalformedMessageException.class)
            .hasMessageContaining("exchangeInfo entry for BTC-PERP has unusable rules");
    }
}
