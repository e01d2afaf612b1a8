package dev.arb.examples;

import dev.arb.api.UntrustedText;
import java.util.concurrent.CountDownLatch;

/**
 * The control commands of {@code arb run} ({@code --control-stdin}, {@code --control-file}): {@code halt},
 * {@code resume}, {@code flatten} (ends the run: flatten, summary, exit), {@code status}, {@code params}
 * and {@code set <bot|*|risk> <param> <value>}; answers go to stderr.
 *
 * <p><b>Note:</b> no state of its own beyond its references; {@link #handle} runs on the control
 * channel's daemon threads (stdin and file), as the run's command handler always has.
 */
final class ControlCommands {
    private final TradingSession session;
    private final LiveControl live;
    private final CountDownLatch stop;

    /**
     * @param stop counted down by {@code flatten}, which ends the run
     */
    ControlCommands(final TradingSession session, final LiveControl live, final CountDownLatch stop) {
        this.session = session;
        this.live = live;
        this.stop = stop;
    }

    /** Executes one control command; {@code flatten} ends the run (flatten, summary, exit). */
    void handle(final String command) {
        if (command.startsWith("set ") || command.equals("set")) {
            live.command(command.equals("set") ? new String[0] : command.substring(4).split(" ")).forEach(RunCommand::report);
            return;
        }
        switch (command) {
            case "halt":
                session.risk().halt("operator halt");
                System.err.println("halted: no new entries (resume to trade again, flatten to close and exit)");
                break;
            case "resume":
                session.risk().resume();
                System.err.println("resumed");
                break;
            case "flatten":
                System.err.println("flattening both legs and stopping");
                stop.countDown();
                break;
            case "status":
                System.err.println(session.status());
                break;
            case "params":
                session.executors().forEach((id, e) -> e.parameters().specs().forEach(p -> System.err.println(id + " "
                    + p.name() + " = " + e.parameters().text(p.name()) + "  (" + p.describeAllowed() + "): "
                    + p.description())));
                break;
            default:
                System.err.println("unknown command '" + UntrustedText.forLog(command) + "' (halt, resume, flatten, "
                    + "status, params, set <bot|*|risk> <param> <value>)");
        }
    }
}
