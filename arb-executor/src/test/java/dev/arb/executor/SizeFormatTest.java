package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.api.MarketSpec;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SizeFormatTest {
    /** Vest BTC-PERP: size scale 4, step 0.0001. */
    private static final MarketSpec VEST = MarketSpec.builder().venue("vest").symbol("BTC-PERP").priceScale(2)
        .sizeScale(4).tickSize(1).stepSize(1).build();
    /** Paradex BTC-USD-PERP: size scale 8, step 0.001. */
    private static final MarketSpec PARADEX = MarketSpec.builder().venue("paradex").symbol("BTC-USD-PERP").priceScale(8)
        .sizeScale(8).tickSize(1).stepSize(100_000).build();

    @Test
    void shouldPrintBothVenuesSizesAtTheFinerStepWithoutExponentOrRawScale() {
        final SizeFormat f = SizeFormat.of(VEST, PARADEX);
        assertThat(f.decimals()).isEqualTo(4);
        assertThat(f.format(new BigDecimal("0E-8"))).isEqualTo("0.0000");
        assertThat(f.format(1_000_000L, 8)).as("paradex 0.01000000").isEqualTo("0.0100");
        assertThat(f.format(100L, 4)).as("vest 0.0100").isEqualTo("0.0100");
        assertThat(f.format(new BigDecimal("-0.01"))).isEqualTo("-0.0100");
        assertThat(f.format(new BigDecimal("0.00004"))).as("dust below the step rounds").isEqualTo("0.0000");
        assertThat(f.format((BigDecimal) null)).isEqualTo("unknown");
    }

    @Test
    void shouldRefuseDecimalsOutsideTheFixedPointRange() {
        assertThatThrownBy(() -> SizeFormat.ofDecimals(19)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SizeFormat.ofDecimals(0).format(new BigDecimal("2.6"))).isEqualTo("3");
    }
}
