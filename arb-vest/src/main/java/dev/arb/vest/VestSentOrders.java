package dev.arb.vest;

import dev.arb.api.FixedPoint;
import dev.arb.api.InvalidOrderException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.vest.internal.VestOrderChannel;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestOrderJsonWriter;
import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The signed orders this adapter sent, by client order id: Vest has no client order id, so this is
 * what makes a retried {@code placeOrder} with the same id resend the same signed body (same nonce)
 * instead of signing a second order, and what resolves a client order id to its nonce for
 * {@code orderStatus} and cancels.
 *
 * <p>Bounded by age and count: an entry is forgotten {@link #RETENTION_MS} after it was signed, or
 * when more than {@link #CAPACITY} are younger. Ten minutes is far beyond any retry or lookup of one
 * order (the executor's order timeout and lookup horizon are seconds) and beyond Vest's
 * {@code recvWindow} (a resent body older than it is refused by the venue anyway), so a client order
 * id is idempotent for as long as a resend could still reach the venue; after that the same id signs
 * a new order. Without the age bound a bot kept its last 4,096 signed bodies for hours (found by the
 * 1 h soak: heap after GC grew ~0.3 MB/min).
 *
 * <p><b>Note:</b> thread-safe (every method synchronises on this object; the signing callback runs
 * under that lock, so two callers with one id cannot both sign).
 */
final class VestSentOrders {
    /** How long a sent order is remembered after it was signed, ms. */
    static final long RETENTION_MS = 600_000;
    /** The most orders remembered at once. */
    static final int CAPACITY = 4096;

    /**
     * One signed order: what was asked, the nonce, time and signature signed, and its body, as the Jackson tree
     * text ({@link #body}, the HttpClient path) or written on demand into a buffer ({@link #writeTo}, the Netty
     * path); both are the same bytes, so a resend is identical whichever path carries it.
     */
    static final class PreparedOrder implements VestOrderChannel.Body {
        final OrderRequest request;
        final String body;
        final long nonce;
        final long timeMs;
        final String signatureHex;
        private final int sizeScale;
        private final int priceScale;
        private final long recvWindowMs;
        private final String iocTimeInForce;

        /**
         * @param request        the order
         * @param body           the signed JSON body as tree text, or null when only {@link #writeTo} is used
         * @param nonce          the nonce signed
         * @param timeMs         the {@code time} signed, ms since the epoch
         * @param signatureHex   the signature
         * @param spec           the market (size and price scales of the signed text)
         * @param recvWindowMs   {@code recvWindow}, ms
         * @param iocTimeInForce {@code timeInForce} of an IOC LIMIT order
         */
        PreparedOrder(final OrderRequest request, final String body, final long nonce, final long timeMs,
            final String signatureHex, final MarketSpec spec, final long recvWindowMs, final String iocTimeInForce) {
            this.request = request;
            this.body = body;
            this.nonce = nonce;
            this.timeMs = timeMs;
            this.signatureHex = signatureHex;
            this.sizeScale = spec.sizeScale();
            this.priceScale = spec.priceScale();
            this.recvWindowMs = recvWindowMs;
            this.iocTimeInForce = iocTimeInForce;
        }

        @Override
        public void writeTo(final ByteBuf out) {
            VestOrderJsonWriter.writeOrder(out, request, timeMs, nonce, sizeScale, priceScale, recvWindowMs,
                signatureHex, iocTimeInForce);
        }

        /**
         * @param codec the tree encoder
         * @return {@link #body}, or the same text built by the tree encoder when none was kept
         */
        String treeBody(final VestOrderCodec codec) {
            return body != null ? body : codec.orderBody(request, timeMs, nonce, FixedPoint.format(request.size(),
                sizeScale), FixedPoint.format(request.limitPrice(), priceScale), recvWindowMs, signatureHex,
                iocTimeInForce);
        }

        boolean sameOrder(final OrderRequest r) {
            return request.market().equals(r.market()) && request.side() == r.side() && request.type() == r.type()
                && request.timeInForce() == r.timeInForce() && request.size() == r.size()
                && request.limitPrice() == r.limitPrice() && request.reduceOnly() == r.reduceOnly();
        }
    }

    private final Map<String, PreparedOrder> byClientId = new LinkedHashMap<>(64, 0.75f, false);

    /**
     * @param clientOrderId the id
     * @return the order sent with it in the last {@link #RETENTION_MS}, or null
     */
    synchronized PreparedOrder get(final String clientOrderId) {
        return byClientId.get(clientOrderId);
    }

    /**
     * The order already sent with this request's client order id, or a newly signed one.
     *
     * @param r     the order
     * @param nowMs now, ms since the epoch (also the age reference for forgetting old entries)
     * @param sign  signs {@code r} at the given time; called only when the id is new
     * @return the order to send
     * @throws InvalidOrderException when the id was already used for a different order
     */
    synchronized PreparedOrder getOrSign(final OrderRequest r, final long nowMs, final LongFunction<PreparedOrder> sign) {
        forgetSignedBefore(byClientId.values().iterator(), o -> o.timeMs, nowMs - RETENTION_MS, o -> { });
        final PreparedOrder existing = byClientId.get(r.clientOrderId());
        if (existing != null) {
            if (!existing.sameOrder(r)) {
                throw new InvalidOrderException("vest", null, "client order id " + r.clientOrderId()
                    + " was already used for a different order");
            }
            return existing;
        }
        final PreparedOrder p = sign.apply(nowMs);
        byClientId.put(r.clientOrderId(), p);
        if (byClientId.size() > CAPACITY) {
            final Iterator<PreparedOrder> eldest = byClientId.values().iterator();
            eldest.next();
            eldest.remove();
        }
        return p;
    }

    /** @return orders remembered */
    synchronized int size() {
        return byClientId.size();
    }

    /**
     * Forgets, oldest first, the orders signed before a time; shared with {@link VestOrderTracker}.
     * Insertion order is signing order and signing times only move forward, so it stops at the first
     * younger one.
     *
     * @param eldestFirst the orders in insertion order (its {@code remove} forgets one)
     * @param signedAtMs  an order's signing time, ms since the epoch
     * @param cutoffMs    orders signed before this are forgotten, ms since the epoch
     * @param forgotten   told of each forgotten order (to drop it from other indexes)
     * @param <T>         the order type
     */
    static <T> void forgetSignedBefore(final Iterator<T> eldestFirst, final ToLongFunction<T> signedAtMs,
        final long cutoffMs, final Consumer<T> forgotten) {
        while (eldestFirst.hasNext()) {
            final T eldest = eldestFirst.next();
            if (signedAtMs.applyAsLong(eldest) >= cutoffMs) {
                return;
            }
            eldestFirst.remove();
            forgotten.accept(eldest);
        }
    }
}
