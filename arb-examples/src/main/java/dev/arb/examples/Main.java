package dev.arb.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the bundled bot, {@code java -jar arb.jar <command>}.
 *
 * <p>Commands: {@code run} (trade, on simulated venues with {@code --sim} or on the real venues with
 * {@code --config}), {@code sign} (signature debugging over JSON Lines), {@code replay}, {@code record},
 * {@code register}, {@code backtest}, {@code soak} (several bots on the simulators with random network faults,
 * checking memory, threads, descriptors and GC), {@code sim} (both simulated venues as a process of their own).
 *
 * <p>Exit codes shared by every command: 0 done, 1 the command failed (its one-line message says why), 2 bad
 * arguments (one line naming the option and the fix; no usage dump). {@code arb} without a command prints the
 * usage on stderr and exits 2.
 *
 * <p><b>Note:</b> not meant to be instantiated by callers; a process runs one command.
 */
@Command(name = "arb", mixinStandardHelpOptions = true, version = "arb 0.1.0-SNAPSHOT",
    description = "Delta-neutral perpetual-futures arbitrage between Vest and Paradex.",
    subcommands = {RunCommand.class, SignCommand.class, ReplayCommand.class, RegisterCommand.class, RecordCommand.class,
        BacktestCommand.class, SoakCommand.class, SimCommand.class})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /**
     * @param args command line
     */
    public static void main(final String[] args) {
        final int code = commandLine().execute(args);
        System.exit(code);
    }

    /**
     * The command line as {@link #main} runs it (also what the in-process tests run): a bad option or value is
     * one line on stderr and exit code 2.
     *
     * @return a new command line over a new {@link Main}
     */
    static CommandLine commandLine() {
        final CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(Main::onBadArguments);
        return cl;
    }

    /** One line instead of picocli's message plus full usage: the message names the option and the value. */
    private static int onBadArguments(final ParameterException ex, final String[] args) {
        final CommandLine c = ex.getCommandLine();
        c.getErr().println("error: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
        c.getErr().flush();
        return c.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** No command given: the usage on stderr, exit 2 (a script that forgot the command must not "succeed"). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return spec.exitCodeOnInvalidInput();
    }
}
