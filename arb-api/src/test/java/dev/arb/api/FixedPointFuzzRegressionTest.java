package dev.arb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Inputs fuzzing found (RELIABILITY.md, defects table). The timeout only stops a regression from hanging the
 * build (each case took minutes of CPU before the fix); it asserts no speed.
 */
class FixedPointFuzzRegressionTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hugeNegativeExponentIsRejectedNotComputed() {
        assertThatThrownBy(() -> FixedPoint.fromBigDecimal(new BigDecimal("1E-999999999"), 8))
            .isInstanceOf(ArithmeticException.class).hasMessageContaining("more than 8 decimal places");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hugePositiveExponentIsRejectedNotComputed() {
        assertThatThrownBy(() -> FixedPoint.fromBigDecimal(new BigDecimal("1E+999999999"), 8))
            .isInstanceOf(ArithmeticException.class).hasMessageContaining("does not fit a long");
    }

    @Test
    void exactValuesStillConvert() {
        assertThat(FixedPoint.fromBigDecimal(new BigDecimal("31479.50000000000"), 2)).isEqualTo(3_147_950L);
        assertThat(FixedPoint.fromBigDecimal(new BigDecimal("1E+3"), 2)).isEqualTo(100_000L);
        assertThat(FixedPoint.fromBigDecimal(new BigDecimal("-0.00000001"), 8)).isEqualTo(-1L);
        assertThat(FixedPoint.fromBigDecimal(new BigDecimal("0E-999999999"), 8)).isZero();
        assertThat(FixedPoint.fromBigDecimal(new BigDecimal("92233720368.54775807"), 8)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> FixedPoint.fromBigDecimal(new BigDecimal("92233720368.54775808"), 8))
            .isInstanceOf(ArithmeticException.class);
    }
}
