package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.strategy.source.CompiledStrategy;
import dev.arb.strategy.source.StrategyCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's complete strategy example compiles against the SPI as printed. */
class ReadmeStrategyExampleTest {
    @Test
    void shouldCompileTheReadmeStrategyExample(@TempDir final Path dir) throws Exception {
        final String readme = Files.readString(Path.of("..", "README.md"));
        final int section = readme.indexOf("## Strategies");
        final int start = readme.indexOf("```java\n", section) + "```java\n".length();
        final int end = readme.indexOf("```", start);
        final String code = readme.substring(start, end);
        assertThat(code).contains("public final class TouchCross implements Strategy");
        final Path file = dir.resolve("TouchCross.java");
        Files.writeString(file, code);
        final CompiledStrategy compiled = new StrategyCompiler().compile(file);
        assertThat(compiled.strategy().name()).isEqualTo("touch-cross");
        assertThat(compiled.strategy().parameters()).extracting(p -> p.name()).containsExactly("min_edge_bps");
    }
}
