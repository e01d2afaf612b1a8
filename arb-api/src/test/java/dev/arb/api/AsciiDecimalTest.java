package dev.arb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link AsciiDecimal} against the JDK's and {@link FixedPoint}'s text, at edges and over random values. */
class AsciiDecimalTest {
    private static final long[] EDGES = {0, 1, -1, 9, -9, 10, -10, 99, 100, 123_000_000, -5, -100_000_000,
        999_999_999_999_999_999L, 1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L, Long.MAX_VALUE,
        Long.MAX_VALUE - 1, Long.MIN_VALUE, Long.MIN_VALUE + 1};

    @Test
    void shouldWriteExamples() {
        assertThat(fixed(10_000, 4)).isEqualTo("1.0000");
        assertThat(fixed(-5, 2)).isEqualTo("-0.05");
        assertThat(fixed(0, 3)).isEqualTo("0.000");
        assertThat(fixed(42, 0)).isEqualTo("42");
        assertThat(fixed(Long.MIN_VALUE, 18)).isEqualTo("-9.223372036854775808");
        assertThat(fixed(-1, 18)).isEqualTo("-0.000000000000000001");
        assertThat(trimmed(650_000, 2)).isEqualTo("6500");
        assertThat(trimmed(650_010, 2)).isEqualTo("6500.1");
        assertThat(trimmed(-100, 2)).isEqualTo("-1");
        assertThat(trimmed(-5, 2)).isEqualTo("-0.05");
        assertThat(trimmed(0, 8)).isEqualTo("0");
        assertThat(trimmed(Long.MIN_VALUE, 0)).isEqualTo("-9223372036854775808");
        assertThat(trimmed(Long.MIN_VALUE, 3)).isEqualTo("-9223372036854775.808");
        assertThat(longText(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(longText(0)).isEqualTo("0");
    }

    @Test
    void shouldWriteLongsAsLongToStringAtEveryDigitCount() {
        long p = 1;
        for (int d = 1; d <= 19; d++) {
            for (final long v : new long[] {p - 1, p, p + 1, -p, -p + 1, -p - 1}) {
                assertThat(longText(v)).isEqualTo(Long.toString(v));
            }
            p = d < 19 ? p * 10 : p;
        }
        for (final long v : EDGES) {
            assertThat(longText(v)).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void shouldMatchBigDecimalAndFixedPointAtEdgesForEveryScale() {
        for (int scale = 0; scale <= FixedPoint.MAX_SCALE; scale++) {
            for (final long v : EDGES) {
                assertBoth(v, scale);
            }
        }
    }

    @Test
    void shouldMatchBigDecimalAndFixedPointForRandomValues() {
        final SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 200_000; i++) {
            final long v = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextLong(-1_000_000, 1_000_000);
                case 2 -> random.nextLong(1, 1_000_000_000L) * FixedPoint.pow10(random.nextInt(10));
                default -> -random.nextLong(1, 1_000_000_000L) * FixedPoint.pow10(random.nextInt(10));
            };
            assertBoth(v, random.nextInt(FixedPoint.MAX_SCALE + 1));
            assertThat(longText(v)).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void shouldWriteAtTheOffsetAndReturnTheEndLeavingTheRestAlone() {
        final byte[] dst = new byte[40];
        Arrays.fill(dst, (byte) '#');
        final int end = AsciiDecimal.writeTrimmed(dst, 3, -650_010, 2);
        assertThat(end).isEqualTo(3 + "-6500.1".length());
        assertThat(new String(dst, StandardCharsets.US_ASCII)).startsWith("###-6500.1#").hasSize(40)
            .endsWith("#".repeat(40 - end));
        final int end2 = AsciiDecimal.writeFixed(dst, end, 7, 2);
        assertThat(end2).isEqualTo(end + 4);
        final int end3 = AsciiDecimal.writeLong(dst, end2, -12);
        assertThat(new String(dst, 0, end3, StandardCharsets.US_ASCII)).isEqualTo("###-6500.10.07-12");
    }

    @Test
    void shouldNeverWriteMoreThanMaxLength() {
        final byte[] dst = new byte[AsciiDecimal.MAX_LENGTH];
        for (int scale = 0; scale <= FixedPoint.MAX_SCALE; scale++) {
            for (final long v : EDGES) {
                assertThat(AsciiDecimal.writeFixed(dst, 0, v, scale)).isLessThanOrEqualTo(AsciiDecimal.MAX_LENGTH);
                assertThat(AsciiDecimal.writeTrimmed(dst, 0, v, scale)).isLessThanOrEqualTo(AsciiDecimal.MAX_LENGTH);
            }
        }
        assertThat(AsciiDecimal.writeFixed(dst, 0, Long.MIN_VALUE, 18)).isEqualTo(AsciiDecimal.MAX_LENGTH);
        assertThat(AsciiDecimal.writeLong(dst, 0, Long.MIN_VALUE)).isEqualTo(20);
    }

    @Test
    void shouldRejectAScaleOutsideZeroToEighteenWritingNothing() {
        final byte[] dst = new byte[AsciiDecimal.MAX_LENGTH];
        for (final int scale : new int[] {-1, 19, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> AsciiDecimal.writeFixed(dst, 0, Long.MIN_VALUE, scale))
                .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AsciiDecimal.writeTrimmed(dst, 0, 1, scale))
                .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dst).containsOnly(0);
    }

    @Test
    void shouldNotAllocate() {
        final byte[] dst = new byte[3 * AsciiDecimal.MAX_LENGTH];
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up (class loading, JIT)
            final long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 20_000; i++) {
                final long v = i % 2 == 0 ? Long.MIN_VALUE + i : 1_000_000L * i;
                int p = AsciiDecimal.writeLong(dst, 0, v);
                p = AsciiDecimal.writeFixed(dst, p, v, i % 19);
                sink += AsciiDecimal.writeTrimmed(dst, p, v, 18 - i % 19);
            }
            final long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (round == 1) {
                assertThat(allocated).as("bytes allocated by 60k writes").isLessThan(10_000L);
            }
        }
        assertThat(sink).isPositive();
    }

    private static void assertBoth(final long v, final int scale) {
        final BigDecimal d = BigDecimal.valueOf(v, scale);
        assertThat(fixed(v, scale)).as("%d at scale %d", v, scale).isEqualTo(d.toPlainString())
            .isEqualTo(FixedPoint.format(v, scale));
        assertThat(trimmed(v, scale)).as("%d at scale %d", v, scale)
            .isEqualTo(d.stripTrailingZeros().toPlainString()).isEqualTo(FixedPoint.formatTrimmed(v, scale));
    }

    private static String longText(final long v) {
        final byte[] dst = new byte[AsciiDecimal.MAX_LENGTH];
        return new String(dst, 0, AsciiDecimal.writeLong(dst, 0, v), StandardCharsets.US_ASCII);
    }

    private static String fixed(final long v, final int scale) {
        final byte[] dst = new byte[AsciiDecimal.MAX_LENGTH];
        return new String(dst, 0, AsciiDecimal.writeFixed(dst, 0, v, scale), StandardCharsets.US_ASCII);
    }

    private static String trimmed(final long v, final int scale) {
        final byte[] dst = new byte[AsciiDecimal.MAX_LENGTH];
        return new String(dst, 0, AsciiDecimal.writeTrimmed(dst, 0, v, scale), StandardCharsets.US_ASCII);
    }
}
