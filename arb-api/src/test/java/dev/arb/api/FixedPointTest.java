package dev.arb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointTest {
    private static long parseBytes(final String text, final int scale) {
        final byte[] padded = ("xx" + text + "yy").getBytes(StandardCharsets.US_ASCII);
        return FixedPoint.parse(padded, 2, text.length(), scale);
    }

    @Test
    void shouldParseExactly() {
        assertThat(FixedPoint.parse("65432.1", 2)).isEqualTo(6_543_210L);
        assertThat(FixedPoint.parse("-65432.10", 2)).isEqualTo(-6_543_210L);
        assertThat(FixedPoint.parse("+0.00000001", 8)).isEqualTo(1L);
        assertThat(FixedPoint.parse("42", 0)).isEqualTo(42L);
        assertThat(FixedPoint.parse("42.", 3)).isEqualTo(42_000L);
        assertThat(FixedPoint.parse(".5", 1)).isEqualTo(5L);
        assertThat(FixedPoint.parse("0.1", 18)).isEqualTo(100_000_000_000_000_000L);
        assertThat(parseBytes("65432.1", 2)).isEqualTo(6_543_210L);
        assertThat(parseBytes("-0.5", 4)).isEqualTo(-5_000L);
    }

    @Test
    void shouldAcceptTrailingZerosBeyondTheScale() {
        assertThat(FixedPoint.parse("1.2300", 2)).isEqualTo(123L);
        assertThat(FixedPoint.parse("1.000000000", 0)).isEqualTo(1L);
        assertThat(parseBytes("1.2300", 2)).isEqualTo(123L);
    }

    @Test
    void shouldRejectTooManyDecimals() {
        assertThatThrownBy(() -> FixedPoint.parse("1.231", 2)).isInstanceOf(FixedPointFormatException.class)
            .hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> FixedPoint.parse("1.2301", 2)).isInstanceOf(FixedPointFormatException.class);
        assertThatThrownBy(() -> parseBytes("1.231", 2)).isInstanceOf(FixedPointFormatException.class)
            .hasMessageContaining("more than 2 decimals");
    }

    @Test
    void shouldRejectMalformedText() {
        for (final String bad : new String[] {"", "-", "+", ".", "1..2", "1.2.3", "1e5", " 1", "1 ", "abc", "--1",
            "0x10", "1,5"}) {
            assertThatThrownBy(() -> FixedPoint.parse(bad, 4)).as(bad).isInstanceOf(FixedPointFormatException.class);
            assertThatThrownBy(() -> parseBytes(bad, 4)).as(bad).isInstanceOf(FixedPointFormatException.class);
        }
    }

    @Test
    void shouldRejectOverflow() {
        assertThat(FixedPoint.parse("9223372036854775807", 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(FixedPoint.parse("-9223372036854775807", 0)).isEqualTo(-Long.MAX_VALUE);
        assertThatThrownBy(() -> FixedPoint.parse("9223372036854775808", 0))
            .isInstanceOf(FixedPointFormatException.class);
        assertThatThrownBy(() -> FixedPoint.parse("92233720368547758.08", 3))
            .isInstanceOf(FixedPointFormatException.class);
        assertThatThrownBy(() -> FixedPoint.parse("10", 18)).isInstanceOf(FixedPointFormatException.class);
        assertThatThrownBy(() -> parseBytes("9223372036854775808", 0)).isInstanceOf(FixedPointFormatException.class);
        assertThatThrownBy(() -> parseBytes("10", 18)).isInstanceOf(FixedPointFormatException.class);
    }

    @Test
    void shouldRejectScalesOutOfRange() {
        assertThatThrownBy(() -> FixedPoint.parse("1", 19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixedPoint.parse("1", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixedPoint.format(1, 19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixedPoint.pow10(19)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FixedPoint.pow10(18)).isEqualTo(1_000_000_000_000_000_000L);
    }

    @Test
    void shouldFormatWithExactlyTheScale() {
        assertThat(FixedPoint.format(10_000, 4)).isEqualTo("1.0000");
        assertThat(FixedPoint.format(6_543_210, 2)).isEqualTo("65432.10");
        assertThat(FixedPoint.format(-5, 3)).isEqualTo("-0.005");
        assertThat(FixedPoint.format(0, 2)).isEqualTo("0.00");
        assertThat(FixedPoint.format(7, 0)).isEqualTo("7");
        assertThat(FixedPoint.format(Long.MIN_VALUE, 2)).isEqualTo("-92233720368547758.08");
        assertThat(FixedPoint.format(Long.MAX_VALUE, 18)).isEqualTo("9.223372036854775807");
    }

    @Test
    void shouldFormatTrimmed() {
        assertThat(FixedPoint.formatTrimmed(650_000, 2)).isEqualTo("6500");
        assertThat(FixedPoint.formatTrimmed(650_010, 2)).isEqualTo("6500.1");
        assertThat(FixedPoint.formatTrimmed(-1, 8)).isEqualTo("-0.00000001");
        assertThat(FixedPoint.formatTrimmed(0, 4)).isEqualTo("0");
        assertThat(FixedPoint.formatTrimmed(100, 0)).isEqualTo("100");
    }

    @Test
    void shouldRoundTripAndMatchBigDecimalAndTheByteOverloadOnRandomValues() {
        final Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            final int scale = random.nextInt(FixedPoint.MAX_SCALE + 1);
            final long value = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt();
                case 2 -> random.nextLong() / FixedPoint.pow10(random.nextInt(FixedPoint.MAX_SCALE + 1));
                default -> random.nextInt(1000) - 500;
            };
            if (value == Long.MIN_VALUE) {
                continue;
            }
            final String text = FixedPoint.format(value, scale);
            assertThat(text).isEqualTo(BigDecimal.valueOf(value, scale).toPlainString());
            assertThat(FixedPoint.parse(text, scale)).isEqualTo(value);
            assertThat(parseBytes(text, scale)).as(text).isEqualTo(FixedPoint.parse(text, scale));
            final String trimmed = FixedPoint.formatTrimmed(value, scale);
            assertThat(new BigDecimal(trimmed)).isEqualByComparingTo(BigDecimal.valueOf(value, scale));
            assertThat(FixedPoint.parse(trimmed, scale)).isEqualTo(value);
            assertThat(parseBytes(trimmed, scale)).isEqualTo(value);
            assertThat(FixedPoint.fromBigDecimal(FixedPoint.toBigDecimal(value, scale), scale)).isEqualTo(value);
        }
    }

    @Test
    void shouldGiveTheSameAnswerOrErrorFromBothOverloadsOnRandomText() {
        final Random random = new Random(11);
        final char[] alphabet = "0123456789.-+e ".toCharArray();
        for (int i = 0; i < 20_000; i++) {
            final StringBuilder sb = new StringBuilder();
            final int length = 1 + random.nextInt(24);
            for (int j = 0; j < length; j++) {
                sb.append(random.nextInt(10) < 8 ? (char) ('0' + random.nextInt(10))
                    : alphabet[random.nextInt(alphabet.length)]);
            }
            final String text = sb.toString();
            final int scale = random.nextInt(FixedPoint.MAX_SCALE + 1);
            Long fromChars;
            Long fromBytes;
            try {
                fromChars = FixedPoint.parse(text, scale);
            } catch (FixedPointFormatException e) {
                fromChars = null;
            }
            try {
                fromBytes = parseBytes(text, scale);
            } catch (FixedPointFormatException e) {
                fromBytes = null;
            }
            assertThat(fromBytes).as("'%s' at scale %d", text, scale).isEqualTo(fromChars);
            if (fromChars != null) {
                assertThat(BigDecimal.valueOf(fromChars, scale)).isEqualByComparingTo(new BigDecimal(text));
            }
        }
    }

    @Test
    void shouldRescaleExactly() {
        assertThat(FixedPoint.rescale(123, 2, 8)).isEqualTo(123_000_000L);
        assertThat(FixedPoint.rescale(123_000_000, 8, 2)).isEqualTo(123L);
        assertThat(FixedPoint.rescale(-500, 3, 1)).isEqualTo(-5L);
        assertThat(FixedPoint.rescale(42, 4, 4)).isEqualTo(42L);
        assertThatThrownBy(() -> FixedPoint.rescale(123_456, 4, 2)).isInstanceOf(ArithmeticException.class)
            .hasMessageContaining("lose digits");
        assertThatThrownBy(() -> FixedPoint.rescale(Long.MAX_VALUE / 10, 0, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldConvertBigDecimalExactlyOrFail() {
        assertThat(FixedPoint.fromBigDecimal(new BigDecimal("1.50"), 4)).isEqualTo(15_000L);
        assertThat(FixedPoint.fromBigDecimal(new BigDecimal("1.5000000"), 1)).isEqualTo(15L);
        assertThatThrownBy(() -> FixedPoint.fromBigDecimal(new BigDecimal("1.55"), 1))
            .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.fromBigDecimal(new BigDecimal("1e30"), 0))
            .isInstanceOf(ArithmeticException.class);
        assertThat(FixedPoint.toBigDecimal(6_543_210, 2)).isEqualTo(new BigDecimal("65432.10"));
        assertThat(FixedPoint.toDouble(6_543_210, 2)).isEqualTo(65432.10);
    }
}
