package dev.arb.strategy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.Strategy;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategyCompilerTest {
    private static final StrategyCompiler COMPILER = new StrategyCompiler();

    @TempDir
    Path dir;

    /** A strategy whose name and entry come from helpers declared in the same file. */
    static String valid(final String className, final String name) {
        return """
            package com.example;

            import dev.arb.strategy.api.Direction;
            import dev.arb.strategy.api.Intent;
            import dev.arb.strategy.api.ParamSpec;
            import dev.arb.strategy.api.Strategy;
            import dev.arb.strategy.api.StrategyContext;
            import java.util.List;

            public class %1$s implements Strategy {
                private final Helper helper = new Helper();

                public String name() {
                    return helper.name();
                }

                public List<ParamSpec> parameters() {
                    return List.of(ParamSpec.integer("answer", "", 0, 100, 42, "the answer"));
                }

                public void configure(StrategyContext context) {
                }

                public void onBook(StrategyContext context, Intent out) {
                    out.enter(Direction.BUY_B_SELL_A, Edge.value());
                }

                private static final class Helper {
                    String name() {
                        return "%2$s";
                    }
                }
            }

            final class Edge {
                static double value() {
                    return 0.25;
                }
            }
            """.formatted(className, name);
    }

    /** @return the 1-based line of the first occurrence of {@code needle} */
    private static int lineOf(final String text, final String needle) {
        final int at = text.indexOf(needle);
        assertThat(at).isNotNegative();
        return (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    private Path write(final String fileName, final String text) throws IOException {
        return Files.writeString(dir.resolve(fileName), text);
    }

    @Test
    void shouldCompileAValidStrategyWithHelperClassesAndCallIt() throws IOException {
        final Path src = write("Hello.java", valid("Hello", "hello"));

        final CompiledStrategy c = COMPILER.compile(src);

        assertThat(c.className()).isEqualTo("com.example.Hello");
        assertThat(c.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(src))).hasSize(64);
        assertThat(c.compileMillis()).isNotNegative();
        final Strategy s = c.strategy();
        assertThat(s.name()).isEqualTo("hello");
        assertThat(s.parameters()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("answer"));
        final Intent out = new Intent();
        s.onBook(null, out);
        assertThat(out.action()).isEqualTo(Intent.Action.ENTER);
        assertThat(out.direction()).isEqualTo(Direction.BUY_B_SELL_A);
        assertThat(out.edgePct()).isEqualTo(0.25);
        assertThat(s.getClass().getClassLoader()).isNotSameAs(Strategy.class.getClassLoader());
    }

    @Test
    void shouldWriteNothingNextToTheSource() throws IOException {
        final Path src = write("Hello.java", valid("Hello", "hello"));

        COMPILER.compile(src);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(src);
        }
    }

    @Test
    void shouldReportEachCompileErrorWithFileAndLine() throws IOException {
        final String text = valid("Broken", "broken")
            .replace("return helper.name();", "return helper.name()") // a syntax error
            .replace("        return 0.25;", "        return 0.25 +;");     // and another
        final Path src = write("Broken.java", text);

        final StrategyLoadException e = catchThrowableOfType(StrategyLoadException.class, () -> COMPILER.compile(src));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).isEqualTo("Broken.java:" + lineOf(text, "helper.name()") + ": ';' expected");
        assertThat(e.problems().get(1)).startsWith("Broken.java:" + lineOf(text, "0.25 +") + ": ");
        assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p).startsWith("Broken.java:").doesNotContain("\n"));
    }

    @Test
    void shouldReportTheLineOfASemanticError() throws IOException {
        final String text = valid("Sym", "sym").replace("return 0.25;", "return undefinedThing;");
        final Path src = write("Sym.java", text);

        assertThatThrownBy(() -> COMPILER.compile(src))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessageStartingWith("Sym.java:" + lineOf(text, "undefinedThing") + ": cannot find symbol")
            .hasMessageContaining("undefinedThing");
    }

    @Test
    void shouldRefuseAFileWithoutAStrategyClass() throws IOException {
        final Path src = write("Plain.java", "public class Plain { public Plain() { } }\n");

        assertThatThrownBy(() -> COMPILER.compile(src))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage("no public class implementing dev.arb.strategy.api.Strategy in Plain.java");
    }

    @Test
    void shouldRefuseAStrategyWithoutANoArgumentConstructor() throws IOException {
        final Path src = write("NoCtor.java", valid("NoCtor", "x").replace("private final Helper helper",
            "public NoCtor(int x) { }\n    private final Helper helper"));

        assertThatThrownBy(() -> COMPILER.compile(src))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage("NoCtor.java: NoCtor has no public no-argument constructor");
    }

    @Test
    void shouldRefuseAStrategyWhoseConstructorThrowsWithTheCauseAttached() throws IOException {
        final Path src = write("Boom.java", valid("Boom", "x").replace("private final Helper helper",
            "public Boom() { throw new IllegalStateException(\"boom\"); }\n    private final Helper helper"));

        assertThatThrownBy(() -> COMPILER.compile(src))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage("Boom.java: Boom's constructor threw java.lang.IllegalStateException: boom")
            .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldReportAMissingFile() {
        final Path missing = dir.resolve("Missing.java");

        assertThatThrownBy(() -> COMPILER.compile(missing))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage("strategy file not found: " + missing.toAbsolutePath());
    }

    @Test
    void shouldRefuseAFileThatIsNotJavaSource() throws IOException {
        final Path src = write("Hello.txt", valid("Hello", "hello"));

        assertThatThrownBy(() -> COMPILER.compile(src))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage("Hello.txt: a strategy source file must end in .java");
    }

    @Test
    void shouldLetTwoVersionsOfTheSameClassCoexist() throws IOException {
        final Path src = write("Twice.java", valid("Twice", "first"));
        final CompiledStrategy first = COMPILER.compile(src);
        Files.writeString(src, valid("Twice", "second"), StandardCharsets.UTF_8);

        final CompiledStrategy second = COMPILER.compile(src);

        assertThat(second.className()).isEqualTo(first.className());
        assertThat(second.sha256()).isNotEqualTo(first.sha256());
        assertThat(first.strategy().getClass()).isNotSameAs(second.strategy().getClass());
        assertThat(first.strategy().name()).isEqualTo("first");
        assertThat(second.strategy().name()).isEqualTo("second");
    }

    @Test
    void shouldLetAnOldVersionBeCollectedOnceNothingReferencesIt() throws IOException {
        final Path src = write("Gone.java", valid("Gone", "gone"));
        final WeakReference<ClassLoader> loader =
            new WeakReference<>(COMPILER.compile(src).strategy().getClass().getClassLoader());

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return loader.get() == null;
        });
    }

    @Test
    void shouldLoadAStrategyClassByName() {
        final Strategy s = StrategyCompiler.loadClass(ClassPathStrategy.class.getName());

        assertThat(s).isInstanceOf(ClassPathStrategy.class);
        assertThat(s.name()).isEqualTo("class-path");
    }

    @Test
    void shouldRefuseClassesThatAreMissingOrNotUsableStrategies() {
        assertThatThrownBy(() -> StrategyCompiler.loadClass("com.example.Nope"))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage("strategy class com.example.Nope not found on the class path");
        assertThatThrownBy(() -> StrategyCompiler.loadClass("java.lang.String"))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage("java.lang.String does not implement dev.arb.strategy.api.Strategy");
        final String needsArg = ClassPathStrategy.NeedsArgument.class.getName();
        assertThatThrownBy(() -> StrategyCompiler.loadClass(needsArg))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage(needsArg + " has no public no-argument constructor");
        final String throwing = ClassPathStrategy.Throwing.class.getName();
        assertThatThrownBy(() -> StrategyCompiler.loadClass(throwing))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessage(throwing + "'s constructor threw java.lang.IllegalStateException: boom")
            .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StrategyCompiler.loadClass(Strategy.class.getName()))
            .isInstanceOf(StrategyLoadException.class)
            .hasMessageContaining("is abstract");
    }

    @Test
    void shouldCompileAgainstTheSpiAndTheRunningClassPath() {
        assertThat(COMPILER.classpath()).isNotEmpty().allSatisfy(p -> assertThat(p).isAbsolute());
    }
}
