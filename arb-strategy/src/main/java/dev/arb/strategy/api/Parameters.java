package dev.arb.strategy.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated set of parameter values for a list of {@link ParamSpec}s: every declared
 * parameter has a value (its default unless overridden). Changes produce a new object
 * ({@link #with}), validated exactly as at start; nothing changes when one is refused.
 *
 * <p>Lookups are by name (a hash lookup): cache values in {@link Strategy#configure}, not per event.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class Parameters {
    private final Map<String, ParamSpec> specs;
    private final Map<String, Object> values;

    private Parameters(final Map<String, ParamSpec> specs, final Map<String, Object> values) {
        this.specs = specs;
        this.values = values;
    }

    /**
     * @param specs     the declared parameters (names unique)
     * @param overrides values as text by name (from YAML or the command line); others take their default
     * @return the validated set
     * @throws InvalidParameterException if a name is declared twice, an override names no declared
     *     parameter, or a value is invalid
     */
    public static Parameters of(final List<ParamSpec> specs, final Map<String, String> overrides) {
        final Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            if (byName.put(s.name(), s) != null) {
                throw new InvalidParameterException("parameter " + s.name() + " is declared twice");
            }
        }
        final Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec s : byName.values()) {
            values.put(s.name(), s.parse(s.defaultValue()));
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            final ParamSpec s = byName.get(e.getKey());
            if (s == null) {
                throw unknown(e.getKey(), byName);
            }
            values.put(s.name(), s.parse(e.getValue()));
        }
        return new Parameters(Collections.unmodifiableMap(byName), Collections.unmodifiableMap(values));
    }

    /**
     * A copy with one value changed while the bot runs.
     *
     * @param name  parameter name
     * @param value new value as text
     * @return the new set
     * @throws InvalidParameterException if the name is unknown, the parameter is fixed at start, or the
     *     value is invalid
     */
    public Parameters with(final String name, final String value) {
        final ParamSpec s = specs.get(name);
        if (s == null) {
            throw unknown(name, specs);
        }
        if (!s.live()) {
            throw new InvalidParameterException(name + " cannot change while the bot runs (" + s.description()
                + "): change it in the configuration and restart");
        }
        final Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, s.parse(value));
        return new Parameters(specs, Collections.unmodifiableMap(copy));
    }

    /**
     * @param name parameter name
     * @return its declaration
     * @throws InvalidParameterException if not declared
     */
    public ParamSpec spec(final String name) {
        final ParamSpec s = specs.get(name);
        if (s == null) {
            throw unknown(name, specs);
        }
        return s;
    }

    /** @return the declarations, in declaration order */
    public List<ParamSpec> specs() {
        return new ArrayList<>(specs.values());
    }

    /**
     * @param name a parameter name
     * @return {@code true} if {@code name} is declared
     */
    public boolean has(final String name) {
        return specs.containsKey(name);
    }

    /**
     * @param name a DECIMAL or INTEGER parameter
     * @return its value, exact
     * @throws InvalidParameterException if not declared or a flag
     */
    public BigDecimal decimal(final String name) {
        final Object v = value(name);
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        throw new InvalidParameterException(name + " is a flag, not a number");
    }

    /**
     * @param name a DECIMAL or INTEGER parameter
     * @return its value as a double (for ratios such as percent or bps)
     * @throws InvalidParameterException if not declared or a flag
     */
    public double asDouble(final String name) {
        return decimal(name).doubleValue();
    }

    /**
     * @param name an INTEGER parameter (or a DECIMAL one, truncated)
     * @return its value
     * @throws InvalidParameterException if not declared or a flag
     */
    public long asLong(final String name) {
        final Object v = value(name);
        return v instanceof Long l ? l : decimal(name).longValue();
    }

    /**
     * @param name a BOOLEAN parameter
     * @return its value
     * @throws InvalidParameterException if not declared or not a flag
     */
    public boolean asBoolean(final String name) {
        final Object v = value(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new InvalidParameterException(name + " is a number, not a flag");
    }

    /**
     * @param name parameter name
     * @return its value as a person reads it ({@code 0.15}, {@code 2000}, {@code true})
     * @throws InvalidParameterException if not declared
     */
    public String text(final String name) {
        final Object v = value(name);
        return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }

    /** @return every value as text by name, in declaration order (a copy) */
    public Map<String, String> asText() {
        final Map<String, String> m = new LinkedHashMap<>();
        for (String n : specs.keySet()) {
            m.put(n, text(n));
        }
        return m;
    }

    private Object value(final String name) {
        final Object v = values.get(name);
        if (v == null) {
            throw unknown(name, specs);
        }
        return v;
    }

    private static InvalidParameterException unknown(final String name, final Map<String, ParamSpec> specs) {
        return new InvalidParameterException("unknown parameter '" + name + "'; known: " + String.join(", ", specs.keySet()));
    }

    @Override
    public String toString() {
        return asText().toString();
    }
}
