package dev.arb.examples;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses positive durations such as {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, or ISO-8601
 * ({@code PT1M}); zero and negative durations are refused (a run or a recording of no time is a typo).
 *
 * <p>As a picocli converter its {@link TypeConversionException} becomes the one-line
 * {@code Invalid value for option '--duration': …} error and exit code 2.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    /** Longest text echoed back in an error, characters. */
    private static final int MAX_ECHO = 32;

    @Override
    public Duration convert(final String value) {
        return parse(value);
    }

    /**
     * @param raw text such as {@code 60s}
     * @return the duration, positive
     * @throws TypeConversionException if not a duration, or zero or negative
     */
    static Duration parse(final String raw) {
        final Duration d = parseSigned(raw);
        if (d == null) {
            throw new TypeConversionException("not a duration (use 500ms, 60s, 5m, 1h): '" + echo(raw) + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("must be positive (e.g. 30s, 5m), got '" + echo(raw) + "'");
        }
        return d;
    }

    private static Duration parseSigned(final String raw) {
        final String value = raw.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p") || value.startsWith("-p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            final long amount = Long.parseLong(value.substring(0, value.length() - 1));
            switch (value.charAt(value.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(amount);
                case 'm':
                    return Duration.ofMinutes(amount);
                case 'h':
                    return Duration.ofHours(amount);
                default:
                    return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String echo(final String raw) {
        return raw.length() <= MAX_ECHO ? raw : raw.substring(0, MAX_ECHO) + "…";
    }
}
