package dev.arb.sim.vest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The public methods of {@link VestSimulator} that set and read the venue's state for a test, which the simulator
 * inherits (the class exists only to keep the facade small, as {@code AbstractStringBuilder} does for
 * {@code StringBuilder}): the accounts (registration, balance, history bound; positions, leverages, order nonces,
 * liquidations) and the traffic (request counts and arrival times, listen keys created and renewed, {@code PING}s,
 * open streams).
 *
 * <p><b>Note:</b> thread-safe: every part it reads is; the methods may be called from any thread.
 */
abstract class VestSimStateAccess extends VestSimFaultSwitches {
    /** The venue's parts. */
    final VestSimVenue venue;

    /** @param venue the venue's parts */
    VestSimStateAccess(final VestSimVenue venue) {
        super(venue.faults);
        this.venue = venue;
    }

    /**
     * Registers a signing address, as {@code POST /register} would after checking the primary
     * wallet's proof (not simulated), in account group 0.
     *
     * @param signingAddress 0x + 40 hex digits (any case)
     * @return a fresh API key authorising orders signed by that address
     */
    public String registerSigner(final String signingAddress) {
        return venue.accounts.register(signingAddress);
    }

    /**
     * Bounds what the simulator remembers, for runs of hours: per account the latest {@code n} finished orders
     * (older ones are forgotten as a venue archives them: looking one up answers as for an unknown order, and its
     * signature could be replayed as new) and {@code n} order nonces, and per endpoint {@code n} arrival times.
     * Request counts stay exact. Unbounded by default, for tests that inspect the whole history.
     *
     * @param n entries kept, ≥ 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public void historyLimit(final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("history limit must be >= 1, was " + n);
        }
        venue.requests.limit(n);
        venue.accounts.historyLimit(n);
    }

    /**
     * @param apiKey an API key from {@link #registerSigner}
     * @param symbol market symbol
     * @return the signed position in base units (positive long), zero if none
     * @throws IllegalArgumentException if the API key or symbol is unknown
     */
    public BigDecimal positionBase(final String apiKey, final String symbol) {
        final VestSimAccount account = venue.accounts.get(apiKey);
        final VestSimLadder ladder = venue.market.ladder(symbol);
        if (account == null || ladder == null) {
            throw new IllegalArgumentException("unknown API key or symbol " + symbol);
        }
        return BigDecimal.valueOf(account.position(symbol), ladder.symbol.sizeDecimals());
    }

    /**
     * @param apiKey an API key from {@link #registerSigner}
     * @param symbol market symbol
     * @return the leverage last set with {@code POST /account/leverage}, or null if never set
     * @throws IllegalArgumentException if the API key is unknown
     */
    public Integer leverage(final String apiKey, final String symbol) {
        return venue.accounts.require(apiKey).leverage(symbol);
    }

    /**
     * The nonces of the orders that reached the venue as new orders, in arrival order: an identical
     * signed request sent again (an idempotent retry) is not a new order and is not listed; orders
     * refused before execution (bad signature, forced HTTP status, synchronous rejection) are not
     * listed either. A test asserts on it that no duplicate order reached the venue.
     *
     * @param apiKey an API key from {@link #registerSigner}
     * @return nonces, a copy
     * @throws IllegalArgumentException if the API key is unknown
     */
    public List<Long> receivedOrderNonces(final String apiKey) {
        return venue.accounts.require(apiKey).nonces();
    }

    /**
     * @param method HTTP method, e.g. {@code "POST"}
     * @param path   path including {@code /v2}, e.g. {@code "/v2/orders"}
     * @return how many such requests arrived (whatever the answer)
     */
    public int requestCount(final String method, final String path) {
        return venue.requests.count(method, path);
    }

    /**
     * @param method HTTP method
     * @param path   path including {@code /v2}
     * @return arrival times of such requests, ms since the epoch, oldest first (a copy; the latest
     *         {@link #historyLimit} of them)
     */
    public List<Long> requestArrivalsMs(final String method, final String path) {
        return venue.requests.arrivalsMs(method, path);
    }

    /** @return listen keys created by {@code POST /account/listenKey} (re-issues of a live key not counted) */
    public long listenKeysCreated() {
        return venue.listenKeys.created();
    }

    /** @return successful {@code PUT /account/listenKey} renewals */
    public long listenKeyRenewals() {
        return venue.listenKeys.renewals();
    }

    /** @return JSON {@code PING}s received on all streams (answered or not) */
    public long pingsReceived() {
        return venue.streams.pingsReceived();
    }

    /** @return TCP connections the simulator accepted so far, REST (kept alive across requests) and WebSocket */
    public int connectionsAccepted() {
        return venue.server.accepted();
    }

    /** @return open REST (HTTP/1.1 keep-alive) connections, WebSockets excluded */
    public int openHttpConnections() {
        return venue.server.openHttpConnections();
    }

    /** @return the number of open WebSocket connections */
    public int connectedStreams() {
        return venue.streams.size();
    }

    /**
     * Sets an account's USDC balance (default 1 000 000), e.g. a small account a price move can liquidate.
     *
     * @param apiKey the account's API key
     * @param usd    balance, USD
     * @throws IllegalArgumentException if the key is unknown
     */
    public void setBalance(final String apiKey, final BigDecimal usd) {
        venue.accounts.require(apiKey).setBalance(Objects.requireNonNull(usd, "usd"));
    }

    /**
     * @param apiKey the account's API key
     * @return how many times the account was liquidated (its value below its maintenance margin at a step: every
     *     position closed at the mid, the loss realized)
     */
    public int liquidations(final String apiKey) {
        final VestSimAccount account = venue.accounts.get(apiKey);
        return account == null ? 0 : account.liquidations();
    }
}
