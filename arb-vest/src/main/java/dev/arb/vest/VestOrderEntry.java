package dev.arb.vest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderStatus;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.RateLimitedException;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.api.TransportConfig;
import dev.arb.vest.VestSentOrders.PreparedOrder;
import dev.arb.vest.internal.VestOrderChannel;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestOrderJsonWriter;
import dev.arb.vest.internal.VestRestClient;
import io.github.resilience4j.core.IntervalFunction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vest order entry over REST: validate ({@link VestOrderRules}), encode and sign
 * ({@link VestOrderCodec}, {@link VestSigner}), send, wait for the terminal state, and look orders up
 * or cancel them by client order id. Vest has no client order id, so the signed body sent per client
 * order id is kept ({@link VestSentOrders}): a retry with the same id resends the identical signed
 * request (same time, nonce, signature), never a second order; our orders are matched by the nonce we
 * signed ({@link VestOrderTracker}). IOC and MARKET orders complete once terminal: when the
 * acknowledgement lacks fill data, wait up to {@link VestConfig#streamFillWaitMs()} for the order's
 * terminal event on the account stream, then poll {@code GET /orders?id=} up to
 * {@link TransportConfig#orderPollAttempts()} times, then fail with {@link ExchangeTimeoutException}. A
 * rate-limit answer (HTTP 429 / {@code 1003}: not executed) is resent unchanged after a backoff, at most
 * {@link VestConfig#rateLimitRetries()} times within the receive window. Sources: protocol reference
 * §3 (signing), §4 (REST, errors), §5 (ORDER events), §6 (taker-only).
 *
 * <p>Order and cancel POSTs go through the {@link VestOrderChannel} (warm Netty keep-alive connections, body
 * written into a reused buffer) when {@link VestConfig#nettyOrderEntry()} is on and the channel has been started
 * by {@code connect()}; otherwise, and for every GET, through {@link VestRestClient} (JDK HttpClient, Jackson tree
 * body). Both map answers the same way.
 *
 * <p><b>Note:</b> thread-safe (its state is in {@link VestSentOrders}, {@link VestOrderTracker} and
 * {@link VestNonces}, each thread-safe); futures complete on the adapter's event loop (Netty order channel), the JDK HTTP
 * client's threads or the common delayed executor (backoffs, polls).
 */
final class VestOrderEntry {
    private static final Logger LOG = LoggerFactory.getLogger(VestOrderEntry.class);

    private final VestConfig config;
    private final VestRestClient rest;
    private final VestOrderChannel channel;
    private final ObjectMapper json;
    private final VestOrderCodec codec;
    private final VestSigner signer;
    private final VestMarkets markets;
    private final VestNonces nonces;
    private final VestOrderTracker tracker;
    private final VestCounters counters;
    private final BooleanSupplier accountStreamOpen;
    private final VestSentOrders sentOrders = new VestSentOrders();

    /**
     * @param config            limits, windows, waits
     * @param rest              the REST client
     * @param channel           the Netty order transport, or null for the HttpClient path only
     * @param json              builds JSON values
     * @param codec             order bodies and answers
     * @param signer            signs orders and cancels; null when no signing key is configured (then
     *                          every order and cancel fails with an {@link dev.arb.api.AuthenticationException})
     * @param markets           the market rules
     * @param nonces            the adapter's nonce sequence
     * @param tracker           our orders by nonce and venue id (shared with the account stream's events)
     * @param counters          where rate-limit retries are counted
     * @param accountStreamOpen whether the account stream is open (terminal events can then be awaited)
     */
    VestOrderEntry(final VestConfig config, final VestRestClient rest, final VestOrderChannel channel,
        final ObjectMapper json,
        final VestOrderCodec codec, final VestSigner signer, final VestMarkets markets, final VestNonces nonces,
        final VestOrderTracker tracker, final VestCounters counters, final BooleanSupplier accountStreamOpen) {
        this.config = config;
        this.rest = rest;
        this.channel = channel;
        this.json = json;
        this.codec = codec;
        this.signer = signer;
        this.markets = markets;
        this.nonces = nonces;
        this.tracker = tracker;
        this.counters = counters;
        this.accountStreamOpen = accountStreamOpen;
    }

    /**
     * The {@link VestAdapter#placeOrder} contract.
     *
     * @param request the order
     * @return its update (terminal for IOC and MARKET orders); fails with an {@link ExchangeException}
     */
    CompletableFuture<OrderUpdate> placeOrder(final OrderRequest request) {
        final MarketSpec spec;
        final PreparedOrder prepared;
        final OrderRequest snapped;
        try {
            spec = markets.specOrFail(request.market());
            snapped = VestOrderRules.snapToTick(request, spec);
            VestOrderRules.validate(snapped, spec);
            VestOrderRules.requireSigner(signer, config);
            prepared = prepare(snapped, spec);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final OrderRequest r = prepared.request;
        final VestOrderTracker.Tracked tracked = tracker.track(r, spec, prepared.nonce, prepared.timeMs);
        final boolean immediate = r.type() == OrderType.MARKET || r.timeInForce() == TimeInForce.IOC;
        return postOrder(prepared, 0).handle((answer, err) -> {
            if (err == null) {
                return afterAck(answer, tracked, spec, r, immediate);
            }
            final Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof OrderRejectedException dup && "3015".equals(dup.venueCode())) {
                // DUPLICATE: the venue already has this very signed order (a resend after a lost answer)
                LOG.info("Vest answered DUPLICATE (3015) for client order id {}: looking the order up by nonce",
                    r.clientOrderId());
                return lookupByNonce(prepared, spec, false);
            }
            return CompletableFuture.<OrderUpdate>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    /** After the acknowledgement: terminal now, or from the private stream, or by bounded polling. */
    private CompletableFuture<OrderUpdate> afterAck(final JsonNode answer, final VestOrderTracker.Tracked tracked,
        final MarketSpec spec, final OrderRequest r, final boolean immediate) {
        final JsonNode ack = VestOrderCodec.orderNode(answer, null);
        tracker.attachId(tracked, ack.path("id").asText(null));
        final OrderUpdate update = codec.toUpdate(ack, spec, r, System.currentTimeMillis());
        if (!immediate || update.status().isTerminal()) {
            return CompletableFuture.completedFuture(update);
        }
        if (!accountStreamOpen.getAsBoolean() || config.streamFillWaitMs() == 0) {
            return poll(update.venueOrderId(), spec, r, config.transport().orderPollAttempts());
        }
        return tracked.terminal.copy().orTimeout(config.streamFillWaitMs(), TimeUnit.MILLISECONDS)
            .handle((event, err) -> {
                if (err != null || event == null) {
                    return poll(update.venueOrderId(), spec, r, config.transport().orderPollAttempts());
                }
                final OrderUpdate u = codec.update(event, spec, r, System.currentTimeMillis());
                if (u.status() == OrderStatus.REJECTED) {
                    return CompletableFuture.<OrderUpdate>failedFuture(VestOrderCodec.rejected(u));
                }
                if (u.status() == OrderStatus.CANCELED && !event.hasNonNull("lastFilledSize")) {
                    // a CANCELLED event carries no fill fields (protocol reference §5): ask for them
                    return poll(update.venueOrderId(), spec, r, config.transport().orderPollAttempts());
                }
                return CompletableFuture.completedFuture(u);
            }).thenCompose(f -> f);
    }

    /**
     * Sends a prepared order; a rate-limit answer (the venue did not execute it) is retried with the
     * identical signed body after an exponential backoff (or {@code Retry-After} if longer), at most
     * {@link VestConfig#rateLimitRetries()} times and only while the order's receive window is open.
     */
    private CompletableFuture<JsonNode> postOrder(final PreparedOrder prepared, final int attempt) {
        final CompletableFuture<JsonNode> sent = channel != null && channel.isStarted()
            ? channel.post("/orders", prepared) : rest.postOrder("/orders", prepared.treeBody(codec));
        return sent.handle((answer, err) -> {
            if (err == null) {
                return CompletableFuture.completedFuture(answer);
            }
            final Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof RateLimitedException rl && attempt < config.rateLimitRetries()) {
                final long delay = Math.max(rl.retryAfterMs(), IntervalFunction.ofExponentialRandomBackoff(
                    config.rateLimitBackoffMs(), 2.0, 0.2, config.rateLimitBackoffMs() << 4).apply(attempt + 1));
                if (System.currentTimeMillis() + delay < prepared.timeMs + config.recvWindowMs()) {
                    counters.countRateLimitRetry();
                    LOG.info("Vest rate-limited an order (code {}): resending it unchanged in {} ms", rl.venueCode(),
                        delay);
                    return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                        .thenCompose(x -> postOrder(prepared, attempt + 1));
                }
            }
            return CompletableFuture.<JsonNode>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    /**
     * The {@link VestAdapter#orderStatus} contract: by the nonce signed for the client order id, waiting
     * out the receive window before a final {@code NOT_FOUND}.
     *
     * @param market        symbol
     * @param clientOrderId an id this instance placed in the last ten minutes
     * @return the order's update; fails with an {@link ExchangeException}
     */
    CompletableFuture<OrderUpdate> orderStatus(final String market, final String clientOrderId) {
        final MarketSpec spec;
        final PreparedOrder prepared;
        try {
            spec = markets.specOrFail(market);
            prepared = preparedFor(clientOrderId);
            if (!prepared.request.market().equals(market)) {
                throw new InvalidOrderException(VestMarkets.VENUE, null, "client order id " + clientOrderId + " is for "
                    + prepared.request.market());
            }
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return lookupByNonce(prepared, spec, true);
    }

    private CompletableFuture<OrderUpdate> lookupByNonce(final PreparedOrder prepared, final MarketSpec spec,
        final boolean mayWait) {
        final String query = "nonce=" + prepared.nonce + "&symbol=" + urlEncode(prepared.request.market());
        return rest.getPrivate("/orders", query).thenCompose(answer -> {
            for (final JsonNode o : answer.isArray() ? answer : json.createArrayNode().add(answer)) {
                if (o.path("nonce").asLong(-1) == prepared.nonce) {
                    final VestOrderTracker.Tracked t = tracker.track(prepared.request, spec, prepared.nonce,
                        prepared.timeMs);
                    tracker.attachId(t, o.path("id").asText(null));
                    return CompletableFuture.completedFuture(codec.update(o, spec, prepared.request,
                        System.currentTimeMillis()));
                }
            }
            final long windowEnd = prepared.timeMs + config.recvWindowMs() + 1000;
            final long wait = windowEnd - System.currentTimeMillis();
            if (mayWait && wait > 0) {
                return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> lookupByNonce(prepared, spec, false));
            }
            return CompletableFuture.failedFuture(new OrderRejectedException(VestMarkets.VENUE, "NOT_FOUND",
                "Vest has no order with nonce " + prepared.nonce + " (client order id "
                    + prepared.request.clientOrderId() + ")"));
        });
    }

    private PreparedOrder preparedFor(final String clientOrderId) {
        final PreparedOrder p = sentOrders.get(clientOrderId);
        if (p == null) {
            throw new InvalidOrderException(VestMarkets.VENUE, null, "client order id " + clientOrderId
                + " was not placed by this adapter (Vest has no client order ids; only ids sent by this instance can"
                + " be resolved)");
        }
        return p;
    }

    /**
     * The {@link VestAdapter#cancelOrderByClientId} contract: the venue id from the tracker, else from
     * {@link #orderStatus}, then {@link #cancelOrder}.
     *
     * @param market        symbol
     * @param clientOrderId an id this instance placed
     * @return completes when Vest accepted the cancel; fails with an {@link ExchangeException}
     */
    CompletableFuture<Void> cancelOrderByClientId(final String market, final String clientOrderId) {
        final PreparedOrder prepared;
        try {
            markets.specOrFail(market);
            prepared = preparedFor(clientOrderId);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final VestOrderTracker.Tracked t = tracker.byNonce(prepared.nonce);
        if (t != null && t.venueId != null) {
            return cancelOrder(market, t.venueId);
        }
        return orderStatus(market, clientOrderId).thenCompose(u -> cancelOrder(market, u.venueOrderId()));
    }

    /**
     * Signed {@code POST /orders/cancel}.
     *
     * @param market       symbol
     * @param venueOrderId Vest's order id
     * @return completes when Vest accepted the cancel; fails with an {@link ExchangeException}
     */
    CompletableFuture<Void> cancelOrder(final String market, final String venueOrderId) {
        try {
            markets.specOrFail(market);
            VestOrderRules.requireSigner(signer, config);
        } catch (ExchangeException e) {
            return CompletableFuture.failedFuture(e);
        }
        final long time = System.currentTimeMillis();
        final long nonce = nonces.next(time);
        final VestSignature sig = signer.signCancel(time, nonce, venueOrderId);
        if (channel != null && channel.isStarted()) {
            return channel.post("/orders/cancel", out -> VestOrderJsonWriter.writeCancel(out, time, nonce, venueOrderId,
                config.recvWindowMs(), sig.signatureHex())).thenApply(answer -> null);
        }
        final String body = codec.cancelBody(time, nonce, venueOrderId, config.recvWindowMs(), sig.signatureHex());
        return rest.postOrder("/orders/cancel", body).thenApply(answer -> null);
    }

    private PreparedOrder prepare(final OrderRequest r, final MarketSpec spec) {
        return sentOrders.getOrSign(r, System.currentTimeMillis(), time -> {
            final long nonce = nonces.next(time);
            final String size = spec.formatSize(r.size());
            final String price = spec.formatPrice(r.limitPrice());
            final VestSignature sig = signer.signOrder(time, nonce, VestOrderCodec.orderType(r.type()), r.market(),
                r.side() == Side.BUY, size, price, r.reduceOnly());
            final String tree = channel != null ? null : codec.orderBody(r, time, nonce, size, price,
                config.recvWindowMs(), sig.signatureHex(), config.limitIocTimeInForce());
            return new PreparedOrder(r, tree, nonce, time, sig.signatureHex(), spec, config.recvWindowMs(),
                config.limitIocTimeInForce());
        });
    }

    private CompletableFuture<OrderUpdate> poll(final String id, final MarketSpec spec, final OrderRequest r,
        final int remaining) {
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new ExchangeTimeoutException(VestMarkets.VENUE, null, "Vest order "
                + id + " (" + r.clientOrderId() + ") not terminal after " + config.transport().orderPollAttempts()
                + " polls"));
        }
        final String query = "id=" + urlEncode(id);
        return CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(config.transport().orderPollIntervalMs(), TimeUnit.MILLISECONDS))
            .thenCompose(x -> rest.getPrivate("/orders", query))
            .thenCompose(answer -> {
                final OrderUpdate u = codec.toUpdate(VestOrderCodec.orderNode(answer, id), spec, r,
                    System.currentTimeMillis());
                return u.status().isTerminal() ? CompletableFuture.completedFuture(u)
                    : poll(id, spec, r, remaining - 1);
            });
    }

    private static String urlEncode(final String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
