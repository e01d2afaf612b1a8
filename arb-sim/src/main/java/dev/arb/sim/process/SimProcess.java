package dev.arb.sim.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The simulators as a process of their own, for an end-to-end harness in another JVM: both venues on 127.0.0.1
 * ephemeral ports (the Vest book stepped by a paced thread, the Paradex book following its model step on Paradex's
 * 100 ms timer: see {@link SimPair#start(long, boolean, int)}), an {@link OrderStampRelay} in front of each venue
 * port stamping every order's first and last byte, and the planned time of each tick on a {@link TickBoard}.
 *
 * <p>Usage: {@code java -cp … dev.arb.sim.process.SimProcess --tick-file PATH [--seed N]}. Prints one line
 * {@code {"event":"ready",…}} ({@link SimPair#json()} plus {@code vestOrderRestUrl}, {@code paradexOrderRestUrl},
 * {@code paradexOrderWsUrl}: the relays' URLs, and {@code tickFile}), then answers commands read from stdin, one
 * per line, each with one JSON line on stdout:
 * <ul>
 *   <li>{@code pace RATE TICKS}: steps the Vest book {@code TICKS} times at {@code RATE}/s, publishing each
 *       tick's planned time before its frame; answers
 *       {@code {"event":"paced","ticks":N,"maxLateUs":…,"vestStep":…,"paradexStep":…}} when done (the model
 *       step each venue's book is quoted at: both venues must stay within {@code MarketModel.RETAINED_STEPS} of
 *       each other);</li>
 *   <li>{@code stamps}: answers
 *       {@code {"event":"stamps","vest":[ns…],"paradex":[ns…],"vestLast":[ns…],"paradexLast":[ns…],"gc":{…}}},
 *       the orders that arrived since the last {@code stamps}, oldest first: {@code vest} and {@code paradex} the
 *       reads that carried each order's first byte, {@code vestLast} and {@code paradexLast} (same length, same
 *       order) the reads that carried its last; and this JVM's collections so far.</li>
 * </ul>
 * It exits (status 0) when stdin closes: a parent that dies takes it along.
 *
 * <p><b>Note:</b> a process entry point; the commands run on the main thread, one at a time.
 */
public final class SimProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SimProcess() {
    }

    /**
     * @param args {@code --tick-file PATH [--seed N]}
     * @throws IOException if a relay cannot bind or stdin fails
     */
    public static void main(final String[] args) throws IOException {
        long seed = 42;
        Path tickFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--tick-file" -> tickFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (tickFile == null) {
            throw new IllegalArgumentException("--tick-file PATH is required");
        }
        final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            StandardCharsets.UTF_8);
        try (SimPair sims = SimPair.start(seed, true, 256);
             TickBoard board = TickBoard.map(tickFile);
             OrderStampRelay vestRelay = new OrderStampRelay(port(sims.vest().restBaseUrl()), "POST /v2/orders ",
                 "\"order\"");
             OrderStampRelay paradexRelay = new OrderStampRelay(port(sims.paradex().restBaseUrl()),
                 "POST /v1/orders ", "order.create")) {
            final ObjectNode ready = sims.json();
            ready.put("vestOrderRestUrl", "http://127.0.0.1:" + vestRelay.port() + "/v2");
            ready.put("paradexOrderRestUrl", "http://127.0.0.1:" + paradexRelay.port() + "/v1");
            ready.put("paradexOrderWsUrl", "ws://127.0.0.1:" + paradexRelay.port() + "/v1");
            ready.put("tickFile", tickFile.toString());
            out.println(ready);
            final TickPacer pacer = new TickPacer(sims.vest(), board);
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                final String[] cmd = line.trim().split("\\s+");
                if (cmd[0].equals("pace") && cmd.length == 3) {
                    final int ticks = Integer.parseInt(cmd[2]);
                    final long lateNs = pacer.run(Integer.parseInt(cmd[1]), ticks);
                    out.println(JSON.createObjectNode().put("event", "paced").put("ticks", ticks)
                        .put("maxLateUs", lateNs / 1_000).put("vestStep", sims.vest().currentStep())
                        .put("paradexStep", sims.paradex().currentStep()));
                } else if (cmd[0].equals("stamps")) {
                    out.println(stamps(vestRelay.drain(), paradexRelay.drain()));
                } else if (!cmd[0].isEmpty()) {
                    out.println(JSON.createObjectNode().put("event", "error").put("message", "unknown command " + line));
                }
            }
        }
    }

    private static ObjectNode stamps(final OrderStampRelay.Arrivals vest, final OrderStampRelay.Arrivals paradex) {
        final ObjectNode o = JSON.createObjectNode().put("event", "stamps");
        putLongs(o.putArray("vest"), vest.firstNanos());
        putLongs(o.putArray("paradex"), paradex.firstNanos());
        putLongs(o.putArray("vestLast"), vest.lastNanos());
        putLongs(o.putArray("paradexLast"), paradex.lastNanos());
        final GcTotals gc = GcTotals.now();
        o.putObject("gc").put("youngCount", gc.youngCount()).put("youngMs", gc.youngMs())
            .put("oldCount", gc.oldCount()).put("oldMs", gc.oldMs());
        return o;
    }

    private static void putLongs(final ArrayNode array, final long[] values) {
        for (final long t : values) {
            array.add(t);
        }
    }

    private static int port(final String url) {
        return java.net.URI.create(url).getPort();
    }
}
