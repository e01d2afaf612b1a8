package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Bad command lines: one line on stderr naming the option, exit code 2, no usage dump, no stack trace. */
class CliInputTest {
    @Test
    void shouldRefuseANegativeDurationWithOneLineAndExitCode2() {
        final Cli.Result r = Cli.run("record", "--sim", "--out", "target/never-written", "--duration", "-5s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("--duration").contains("must be positive").contains("'-5s'")
            .doesNotContain("Exception").doesNotContain("Usage");
    }

    @Test
    void shouldRefuseAZeroDurationWithOneLineAndExitCode2() {
        final Cli.Result r = Cli.run("record", "--sim", "--out", "target/never-written", "--duration", "0s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--duration").contains("must be positive");
    }

    @Test
    void shouldRefuseAnUnparsableDurationNamingTheFormat() {
        final Cli.Result r = Cli.run("run", "--sim", "--duration", "soon");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--duration").contains("60s").contains("'soon'");
    }

    @Test
    void shouldParseDurationsAndRefuseZeroAndNegativeOnes() {
        assertThat(DurationConverter.parse("PT1M").toSeconds()).isEqualTo(60);
        assertThat(DurationConverter.parse(" 250ms ").toMillis()).isEqualTo(250);
        assertThatThrownBy(() -> DurationConverter.parse("0ms")).isInstanceOf(TypeConversionException.class)
            .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> DurationConverter.parse("-PT1S")).isInstanceOf(TypeConversionException.class)
            .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> DurationConverter.parse("-1h")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> DurationConverter.parse("x".repeat(500))).hasMessageNotContaining("x".repeat(100));
    }

    @Test
    void shouldPrintUsageAndExit2WithoutACommand() {
        final Cli.Result r = Cli.run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: arb").contains("replay").contains("sign");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldNameAnUnknownOptionInOneLine() {
        final Cli.Result r = Cli.run("replay", "--venu", "paradex", "x.jsonl");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("error: ").contains("--venu")
            .contains("arb replay --help");
    }

    @Test
    void shouldStillPrintHelpAndExit0() {
        final Cli.Result r = Cli.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: arb");
    }
}
