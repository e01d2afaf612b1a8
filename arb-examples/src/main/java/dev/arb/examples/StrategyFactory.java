package dev.arb.examples;

import dev.arb.executor.ThresholdSpreadStrategy;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.source.CompiledStrategy;
import dev.arb.strategy.source.StrategyCompiler;
import dev.arb.strategy.source.StrategyLoadException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes one instance of the configured strategy per bot: the built-in {@link ThresholdSpreadStrategy}, a
 * class from the classpath ({@code strategy.class}), or a Java source file ({@code --strategy FILE.java} or
 * {@code strategy.source}) compiled in-process; {@link #recompile()} compiles the file again for a swap.
 * Also works out each bot's parameter values: the strategy's {@code strategy.params} plus the bot keys the
 * strategy declares ({@code spread_entry}, {@code spread_exit}, and the deprecated {@code max_book_age_ms}).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
final class StrategyFactory {
    private static final StrategyCompiler COMPILER = new StrategyCompiler();
    /** The bot key {@code max_book_age_ms}: deprecated, see {@link SafetyConfig#quoteAgeMs(BotConfig.Bot)}. */
    private static final String LEGACY_MAX_BOOK_AGE_MS = "max_book_age_ms";

    private final Class<? extends Strategy> type;
    private final String source;
    private final Path file;
    private final Map<String, String> params;

    private StrategyFactory(final Class<? extends Strategy> type, final String source, final Path file,
        final Map<String, String> params) {
        this.type = type;
        this.source = source;
        this.file = file;
        this.params = params;
    }

    /**
     * @param settings  the YAML {@code strategy} section, or null
     * @param cliSource {@code --strategy FILE.java} (wins over the YAML), or null
     * @return the factory
     * @throws StrategyLoadException if the file does not compile or the class cannot be loaded or made
     */
    static StrategyFactory of(final BotConfig.StrategySettings settings, final Path cliSource) {
        final Map<String, String> params = settings == null ? Map.of() : settings.paramsOrEmpty();
        final Path file = cliSource != null ? cliSource
            : settings != null && settings.source() != null ? Path.of(settings.source()) : null;
        if (file != null) {
            final CompiledStrategy c = COMPILER.compile(file);
            return new StrategyFactory(c.strategy().getClass(), c.sha256(), file, params);
        }
        if (settings != null && settings.className() != null) {
            final Strategy s = StrategyCompiler.loadClass(settings.className());
            return new StrategyFactory(s.getClass(), settings.className(), null, params);
        }
        return new StrategyFactory(ThresholdSpreadStrategy.class, "built-in", null, params);
    }

    /**
     * @return the same configuration with the source file compiled again
     * @throws StrategyLoadException if it does not compile or its class cannot be made
     * @throws IllegalStateException if this strategy does not come from a source file
     */
    StrategyFactory recompile() {
        if (file == null) {
            throw new IllegalStateException("not a source strategy");
        }
        final CompiledStrategy c = COMPILER.compile(file);
        return new StrategyFactory(c.strategy().getClass(), c.sha256(), file, params);
    }

    /**
     * @return a new instance
     * @throws StrategyLoadException if its constructor throws
     */
    Strategy create() {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new StrategyLoadException(type.getSimpleName() + "'s constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new StrategyLoadException(type.getName() + " cannot be made: " + e, e);
        }
    }

    /** @return the source file's SHA-256 (hex), the class name, or {@code built-in} */
    String source() {
        return source;
    }

    /** @return the source file, or null when the strategy is not compiled from source */
    Path file() {
        return file;
    }

    /**
     * @param bot      the bot
     * @param strategy an instance (its declared parameters)
     * @return the values to start the bot's executor with: {@code strategy.params}, and the bot's
     *     {@code spread_entry}, {@code spread_exit} and the deprecated {@code max_book_age_ms} when the strategy
     *     declares them
     */
    Map<String, String> parametersFor(final BotConfig.Bot bot, final Strategy strategy) {
        final Set<String> declared = new TreeSet<>();
        for (ParamSpec p : strategy.parameters()) {
            declared.add(p.name());
        }
        final Map<String, String> values = new LinkedHashMap<>();
        botKeys(bot).forEach((k, v) -> {
            if (declared.contains(k)) {
                values.put(k, v);
            }
        });
        values.putAll(params);
        return values;
    }

    /** @return the bot-level keys that map to strategy parameters, as text */
    static Map<String, String> botKeys(final BotConfig.Bot bot) {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put(ThresholdSpreadStrategy.SPREAD_ENTRY, bot.spreadEntry().toPlainString());
        m.put(ThresholdSpreadStrategy.SPREAD_EXIT, bot.spreadExit().toPlainString());
        if (bot.maxBookAgeMs() != null) {
            // the deprecated key reaches a strategy that still declares it; the engine's gate gets it separately
            m.put(LEGACY_MAX_BOOK_AGE_MS, Long.toString(bot.maxBookAgeMs()));
        }
        return m;
    }
}
