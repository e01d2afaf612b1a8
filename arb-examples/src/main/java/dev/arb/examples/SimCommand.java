package dev.arb.examples;

import dev.arb.sim.process.SimPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb sim}: both simulated venues, on 127.0.0.1 ephemeral ports, as a process of their own, until stdin
 * closes (Ctrl-D, or the parent process ends) or the process is killed. Prints one line: the venues' URLs for a
 * person, or with {@code --json} one JSON object for a program ({@link SimPair#json()}: URLs, ports, the Paradex
 * chain id and the throw-away credentials registered on the simulators). Both books move on the simulators' own
 * timers. The end-to-end latency harness forks {@code dev.arb.sim.process.SimProcess}, the paced variant.
 *
 * <p><b>Note:</b> a command object, run once by picocli on the main thread.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Serve both simulated venues on 127.0.0.1 until stdin closes; print their URLs.")
public final class SimCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "42", description = "Market model seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON line (URLs, ports, credentials) instead of the text line.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        return serve(System.in, System.out);
    }

    /**
     * Starts the simulators, prints the line, blocks until {@code in} ends, stops them.
     *
     * @param in  read (and discarded) until end of stream
     * @param out where the line goes
     * @return exit code 0
     * @throws IOException if reading {@code in} fails
     */
    int serve(final InputStream in, final PrintStream out) throws IOException {
        try (SimPair sims = SimPair.start(seed, false, SimulatedVenues.SIM_HISTORY)) {
            out.println(json ? sims.toJson() : sims.describe());
            out.flush();
            final byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // serve until the input ends
            }
        }
        return 0;
    }
}
