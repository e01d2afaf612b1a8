package dev.arb.examples;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations such as {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, or ISO-8601
 * ({@code PT1M}).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(final String value) {
        return parse(value);
    }

    static Duration parse(final String raw) {
        final String value = raw.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
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
                    break;
            }
        } catch (RuntimeException e) {
            // fall through to the typed error
        }
        throw new TypeConversionException("not a duration (use 500ms, 60s, 5m, 1h): '" + raw + "'");
    }
}
