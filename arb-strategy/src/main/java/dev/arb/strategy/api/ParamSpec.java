package dev.arb.strategy.api;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * The declaration of one parameter: name, unit, type, inclusive bounds, default, whether it may change
 * while the bot runs, and a one-line description. The engine validates every value against it, at
 * start and on every live change, before anything is applied.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param name         {@code snake_case} name, the same in YAML, {@code set} and the summary
 * @param unit         unit shown to a person ({@code percent}, {@code bps}, {@code base}, {@code ms},
 *                     {@code USD}, {@code h}; empty for a flag)
 * @param type         value type
 * @param min          smallest allowed value (inclusive), or null for none; ignored for {@link ParamType#BOOLEAN}
 * @param max          largest allowed value (inclusive), or null for none; ignored for {@link ParamType#BOOLEAN}
 * @param defaultValue the default as text, valid for this spec
 * @param live         {@code true} if it may change while the bot runs
 * @param description  one line for a person
 */
public record ParamSpec(String name, String unit, ParamType type, BigDecimal min, BigDecimal max,
    String defaultValue, boolean live, String description) {

    /**
     * Checks the declaration.
     *
     * @param name         {@code snake_case} name
     * @param unit         unit shown to a person
     * @param type         value type
     * @param min          smallest allowed value (inclusive), or null
     * @param max          largest allowed value (inclusive), or null
     * @param defaultValue the default as text
     * @param live         {@code true} if it may change while the bot runs
     * @param description  one line for a person
     * @throws NullPointerException if name, unit, type, default or description is null
     * @throws IllegalArgumentException if the name is not {@code snake_case}, {@code min > max}, or the
     *     default is not valid for the spec
     */
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name must be snake_case: " + name);
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
        }
    }

    /**
     * A decimal parameter, changeable live.
     *
     * @param name        snake_case name
     * @param unit        unit for a person
     * @param min         inclusive lower bound as text, or null
     * @param max         inclusive upper bound as text, or null
     * @param def         default as text
     * @param description one line
     * @return the spec
     * @throws IllegalArgumentException if a bound or the default is not a number, or the default is out of bounds
     */
    public static ParamSpec decimal(final String name, final String unit, final String min, final String max,
        final String def, final String description) {
        return checked(new ParamSpec(name, unit, ParamType.DECIMAL, bound(min), bound(max), def, true, description));
    }

    /**
     * An integer parameter, changeable live.
     *
     * @param name        snake_case name
     * @param unit        unit for a person
     * @param min         inclusive lower bound
     * @param max         inclusive upper bound
     * @param def         default
     * @param description one line
     * @return the spec
     * @throws IllegalArgumentException if the default is out of bounds
     */
    public static ParamSpec integer(final String name, final String unit, final long min, final long max,
        final long def, final String description) {
        return checked(new ParamSpec(name, unit, ParamType.INTEGER, BigDecimal.valueOf(min), BigDecimal.valueOf(max),
            Long.toString(def), true, description));
    }

    /**
     * A flag, changeable live.
     *
     * @param name        snake_case name
     * @param def         default
     * @param description one line
     * @return the spec
     */
    public static ParamSpec bool(final String name, final boolean def, final String description) {
        return new ParamSpec(name, "", ParamType.BOOLEAN, null, null, Boolean.toString(def), true, description);
    }

    /** @return a copy that may be set only at start, never while the bot runs */
    public ParamSpec fixed() {
        return new ParamSpec(name, unit, type, min, max, defaultValue, false, description);
    }

    /**
     * Parses and validates a value.
     *
     * @param text the value as a person wrote it ({@code 0.2}, {@code 5}, {@code true})
     * @return a {@link BigDecimal} (DECIMAL), {@link Long} (INTEGER) or {@link Boolean} (BOOLEAN)
     * @throws InvalidParameterException naming the parameter, the value and what is allowed
     */
    public Object parse(final String text) {
        final String t = text == null ? "" : text.trim();
        switch (type) {
            case BOOLEAN: {
                final String lower = t.toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("false")) {
                    return Boolean.valueOf(lower);
                }
                throw new InvalidParameterException(name + ": '" + t + "' is not true or false");
            }
            case INTEGER: {
                final BigDecimal v = number(t);
                try {
                    return inBounds(v).longValueExact();
                } catch (ArithmeticException e) {
                    throw new InvalidParameterException(name + ": '" + t + "' is not a whole number" + allowed());
                }
            }
            case DECIMAL:
            default:
                return inBounds(number(t));
        }
    }

    /** @return what is allowed, for messages and help ({@code percent, -5 to 5, default 0.15}) */
    public String describeAllowed() {
        final StringBuilder b = new StringBuilder(type.name().toLowerCase(Locale.ROOT));
        if (!unit.isEmpty()) {
            b.append(' ').append(unit);
        }
        if (min != null || max != null) {
            b.append(", ").append(min == null ? "…" : min.toPlainString()).append(" to ")
                .append(max == null ? "…" : max.toPlainString());
        }
        return b.append(", default ").append(defaultValue).append(live ? "" : ", fixed at start").toString();
    }

    private BigDecimal number(final String t) {
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name + ": '" + t + "' is not a number" + allowed());
        }
    }

    private BigDecimal inBounds(final BigDecimal v) {
        if ((min != null && v.compareTo(min) < 0) || (max != null && v.compareTo(max) > 0)) {
            throw new InvalidParameterException(name + ": " + v.toPlainString() + " is out of bounds" + allowed());
        }
        return v;
    }

    private String allowed() {
        return " (" + describeAllowed() + ")";
    }

    private static BigDecimal bound(final String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static ParamSpec checked(final ParamSpec spec) {
        try {
            spec.parse(spec.defaultValue());
        } catch (InvalidParameterException e) {
            throw new IllegalArgumentException("invalid default: " + e.getMessage(), e);
        }
        return spec;
    }
}
