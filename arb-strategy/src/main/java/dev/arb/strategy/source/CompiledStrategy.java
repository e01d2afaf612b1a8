package dev.arb.strategy.source;

import dev.arb.strategy.api.Strategy;
import java.util.Objects;

/**
 * One successful compilation of a strategy source file: the new instance (not yet configured), its
 * class's binary name, the SHA-256 of the exact source bytes compiled, and how long compiling and
 * loading took.
 *
 * <p><b>Note:</b> immutable and thread-safe as a value; the {@link Strategy} it holds is confined to
 * the engine's thread once handed over.
 *
 * @param strategy      the instance, created through its public no-argument constructor
 * @param className     the binary name of the strategy class ({@code com.example.MyStrategy})
 * @param sha256        SHA-256 of the source file's bytes, 64 lower-case hex digits
 * @param compileMillis wall time to read, compile, load and instantiate, ms
 */
public record CompiledStrategy(Strategy strategy, String className, String sha256, long compileMillis) {
    /**
     * @param strategy      the instance
     * @param className     the binary name of the strategy class
     * @param sha256        SHA-256 of the source file's bytes, 64 lower-case hex digits
     * @param compileMillis wall time to read, compile, load and instantiate, ms
     * @throws NullPointerException if the strategy, class name or hash is null
     */
    public CompiledStrategy {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(sha256, "sha256");
    }
}
