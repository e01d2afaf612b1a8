package dev.arb.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs {@code arb} in-process as {@link Main#main} does ({@link Main#commandLine()}), with stdin, stdout and
 * stderr captured.
 *
 * <p><b>Note:</b> swaps {@link System#out}, {@link System#err} and {@link System#in} for the duration of a run:
 * tests that use it must not run in parallel (this module's tests run one at a time).
 */
final class Cli {
    private Cli() {
    }

    /**
     * The outcome of a run.
     *
     * @param code the exit code
     * @param out  stdout, UTF-8
     * @param err  stderr, UTF-8
     */
    record Result(int code, String out, String err) {
        /** @return stderr's lines */
        java.util.List<String> errLines() {
            return err.lines().toList();
        }

        /** @return stdout's lines */
        java.util.List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Result run(final String... args) {
        return runWithInput(new byte[0], args);
    }

    static Result runWithInput(final byte[] stdin, final String... args) {
        final PrintStream savedOut = System.out;
        final PrintStream savedErr = System.err;
        final InputStream savedIn = System.in;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            final int code = Main.commandLine().execute(args);
            System.out.flush();
            System.err.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
    }
}
