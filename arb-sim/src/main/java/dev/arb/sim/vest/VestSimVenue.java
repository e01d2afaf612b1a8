package dev.arb.sim.vest;

import dev.arb.sim.MarketModel;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The parts of one simulated Vest venue, wired together and started: the Netty server and its event loop, the
 * fault switches, the request log, the accounts and their listen keys, the streams, the quoted market, and the
 * REST and stream handlers that serve them; bound on {@code 127.0.0.1} and, unless
 * {@link VestSimulator.Options#manualStepping()}, stepped by a timer every {@code stepMillis} of the model.
 * {@link VestSimulator} and its inherited public methods reach the parts through it.
 *
 * <p><b>Note:</b> thread-safe: its fields are final and each part is thread-safe or confined to the event loop.
 */
final class VestSimVenue {
    final VestSimFaults faults = new VestSimFaults();
    final VestRequestLog requests = new VestRequestLog();
    final VestSimServer server = new VestSimServer();
    final VestSimAccounts accounts;
    final VestSimListenKeys listenKeys;
    final VestSimStreams streams;
    final VestSimMarket market;
    /** The port bound on {@code 127.0.0.1}. */
    final int port;

    /**
     * Builds the parts (one {@link SecureRandom} for API keys, listen keys and trade ids), quotes every symbol at
     * step 0, binds, and starts the step timer unless stepping is manual.
     *
     * @param model   the shared market model
     * @param options symbols, ladder shape, stepping, listen-key lifetime, funding hour
     * @throws InterruptedException if interrupted while binding
     */
    VestSimVenue(final MarketModel model, final VestSimulator.Options options) throws InterruptedException {
        final SecureRandom random = new SecureRandom();
        accounts = new VestSimAccounts(random);
        listenKeys = new VestSimListenKeys(accounts, options.listenKeyLifetimeMs(), random);
        streams = new VestSimStreams(server.loop(), server.streams(), faults, random);
        market = new VestSimMarket(model, options, accounts, streams);
        final VestSimRestHandler rest = new VestSimRestHandler(faults, requests, accounts, market,
            new VestSimOrderDesk(market, streams, faults), new VestSimAccountApi(accounts, listenKeys, market));
        port = server.bind(rest, () -> new VestSimStreamHandler(streams, listenKeys, market, faults));
        if (!options.manualStepping()) {
            final long stepMillis = model.config().stepMillis();
            server.loop().scheduleAtFixedRate(market::stepAndPublish, stepMillis, stepMillis, TimeUnit.MILLISECONDS);
        }
    }
}
