package dev.arb.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the bundled bot, {@code java -jar arb.jar <command>}.
 *
 * <p>Commands: {@code run} (trade, on simulated venues with {@code --sim} or on the real venues with
 * {@code --config}), {@code sign} (signature debugging over JSON Lines), {@code soak} (several bots on
 * the simulators with random network faults, checking memory, threads, descriptors and GC).
 *
 * <p><b>Note:</b> not meant to be instantiated; a process runs one command.
 */
@Command(name = "arb", mixinStandardHelpOptions = true, version = "arb 0.1.0-SNAPSHOT",
    description = "Delta-neutral perpetual-futures arbitrage between Vest and Paradex.",
    subcommands = {RunCommand.class, SignCommand.class, ReplayCommand.class, RegisterCommand.class, RecordCommand.class,
        BacktestCommand.class, SoakCommand.class})
public final class Main implements Runnable {

    /**
     * @param args command line
     */
    public static void main(final String[] args) {
        final int code = new CommandLine(new Main()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
