package dev.arb.examples;

import dev.arb.strategy.source.StrategySourceWatcher;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --watch-config}: each save of the YAML file is parsed and validated exactly as at start; a file
 * that does not parse or validate changes nothing (one line says why); otherwise every live value that
 * differs from the running configuration is applied through {@link LiveControl} and what cannot change
 * live is refused with the reason. The accepted file becomes the new reference.
 *
 * <p><b>Note:</b> thread-safe; changes are applied on the watcher's thread, one save at a time.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final StrategySourceWatcher watcher;
    private volatile SafetyConfig.Loaded current;

    /**
     * @param file    the {@code --config} file
     * @param loaded  what the bot started with
     * @param live    where changes go
     * @throws IOException if the file's directory cannot be watched
     */
    ConfigWatcher(final Path file, final SafetyConfig.Loaded loaded, final LiveControl live) throws IOException {
        this.current = loaded;
        this.watcher = new StrategySourceWatcher(file, f -> {
            final SafetyConfig.Loaded next;
            try {
                next = SafetyConfig.load(f);
            } catch (BotConfig.ConfigException e) {
                RunCommand.report("error: config change refused, nothing changed: " + e.getMessage());
                return;
            }
            final var lines = live.applyConfigChange(current, next);
            current = next;
            if (lines.isEmpty()) {
                LOG.info("config {} saved: no live parameter changed", f);
            }
            lines.forEach(RunCommand::report);
        }, e -> LOG.warn("config watcher: {}", e.toString()));
        LOG.info("watching {}: saved changes of live parameters apply while running", file);
    }

    @Override
    public void close() {
        watcher.close();
    }
}
