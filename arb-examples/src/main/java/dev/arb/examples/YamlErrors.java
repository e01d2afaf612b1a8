package dev.arb.examples;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns Jackson's exceptions on the bot's YAML file into {@link BotConfig.ConfigException}s a user can act on:
 * one line, naming the key as written in the file ({@code bots[0].position_size}, {@code risk.max_position_base}),
 * what kind of value it takes, and the line and column when the text itself is not valid YAML. No Java type
 * or field name, no stack trace; a value is echoed cut to 64 characters.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class YamlErrors {
    private static final int MAX_ECHO = 64;

    private YamlErrors() {
    }

    /**
     * @param origin the file name for the message
     * @param e      what Jackson threw while reading the YAML text or mapping it onto the configuration
     * @return the one-line error
     */
    static BotConfig.ConfigException of(final String origin, final JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return new BotConfig.ConfigException(origin + ": " + mapping(m, prefix(m)));
        }
        if (e instanceof MismatchedInputException) {
            return new BotConfig.ConfigException(origin + ": the file must be a mapping of sections (venues:, markets:, "
                + "bots:, …)");
        }
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            // SnakeYAML's problem ("mapping values are not allowed here") rather than its context ("while parsing …")
            return new BotConfig.ConfigException(origin + ": not valid YAML at line " + (y.getProblemMark().getLine() + 1)
                + ", column " + (y.getProblemMark().getColumn() + 1) + ": " + firstLine(y.getProblem()));
        }
        return new BotConfig.ConfigException(origin + ": not valid YAML" + at(e.getLocation()) + ": "
            + firstLine(e.getOriginalMessage()));
    }

    private static String mapping(final JsonMappingException e, final String key) {
        if (e instanceof UnrecognizedPropertyException u) {
            final Collection<Object> known = new java.util.ArrayList<>(u.getKnownPropertyIds() == null ? List.of()
                : u.getKnownPropertyIds());
            if (u.getReferringClass() == BotConfig.class) {
                known.addAll(SafetyConfig.SECTIONS); // the file's top level holds both parts
            }
            return "unknown key '" + key + "'" + (known.isEmpty() ? ""
                : " (known here: " + String.join(", ", new TreeSet<>(known.stream().map(String::valueOf).toList()))
                + ")");
        }
        if (e instanceof InvalidFormatException f) {
            return key + " must be " + kind(f.getTargetType()) + ", got '" + echo(String.valueOf(f.getValue())) + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return key + " must be " + kind(m.getTargetType());
        }
        return key + ": " + firstLine(e.getOriginalMessage());
    }

    /** @return the key path as written in YAML, e.g. {@code bots[0].position_size} */
    static String prefix(final JsonMappingException e) {
        final StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String kind(final Class<?> type) {
        if (type == BigDecimal.class || type == Double.class || type == double.class || type == Float.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
            || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single text value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list (lines starting with '- ')";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping (indented 'key: value' lines)";
        }
        return "a value of another kind";
    }

    private static String at(final JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String firstLine(final String s) {
        if (s == null) {
            return "unreadable";
        }
        final String line = s.strip().lines().findFirst().orElse("");
        return echo(line);
    }

    private static String echo(final String s) {
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "…";
    }
}
