package dev.arb.sim.vest;

import static dev.arb.sim.vest.VestSimJson.JSON;
import static dev.arb.sim.vest.VestSimJson.bool;
import static dev.arb.sim.vest.VestSimJson.number;
import static dev.arb.sim.vest.VestSimJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.FixedPoint;
import dev.arb.api.FixedPointFormatException;
import dev.arb.vest.VestSignedMessages;
import dev.arb.vest.VestSigner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated Vest order endpoints, {@code POST /orders} and {@code POST /orders/cancel} (protocol reference
 * §4): the signature is verified as the venue does (§3: the ABI args hash recomputed from the body's fields, the
 * EIP-191 signer recovered and compared with the account's), then a MARKET or LIMIT order fills at once against
 * the current ladder up to its {@code limitPrice}, the remainder cancelled, fees {@code takerFee × notional}; the
 * ORDER events and our trade are published ({@link VestSimStreams}). A request whose signature was already seen
 * gets the original order back. Honours the order fault switches ({@link VestSimFaults}).
 *
 * <p><b>Note:</b> not thread-safe: runs only on the simulator's single event-loop thread.
 */
final class VestSimOrderDesk {
    private final VestSimMarket market;
    private final VestSimStreams streams;
    private final VestSimFaults faults;
    private final AtomicLong orderIds = new AtomicLong(0x1000);

    /**
     * @param market  the ladders orders fill against
     * @param streams where the ORDER events and trades go
     * @param faults  the fault switches
     */
    VestSimOrderDesk(final VestSimMarket market, final VestSimStreams streams, final VestSimFaults faults) {
        this.market = market;
        this.streams = streams;
        this.faults = faults;
    }

    private static void verifySigner(final VestSimAccount account, final byte[] hash, final JsonNode body) {
        final JsonNode sig = body.get("signature");
        if (sig == null || !sig.isTextual()) {
            throw new VestSimVenueError(400, 1022, "invalid signature");
        }
        final String recovered;
        try {
            recovered = VestSigner.recoverOrderSigner("0x" + HexFormat.of().formatHex(hash), sig.asText());
        } catch (IllegalArgumentException e) {
            throw new VestSimVenueError(400, 1022, "invalid signature");
        }
        if (!recovered.equals(account.signerAddress)) {
            throw new VestSimVenueError(400, 1022, "invalid signature");
        }
    }

    /** @return the body's {@code order} object @throws VestSimVenueError 1130 if absent or not an object */
    private static JsonNode order(final JsonNode body) {
        final JsonNode order = body.get("order");
        if (order == null || !order.isObject()) {
            throw new VestSimVenueError(400, 1130, "order is required");
        }
        return order;
    }

    /** Parses a decimal that must have exactly {@code decimals} fractional digits (Vest BAD_DECIMALS 1111). */
    private static long exact(final String text, final int decimals) {
        final int dot = text.indexOf('.');
        final int fraction = dot < 0 ? 0 : text.length() - dot - 1;
        if (fraction != decimals || (decimals == 0 && dot >= 0)) {
            throw new VestSimVenueError(400, 1111, "bad decimals: " + text);
        }
        try {
            return FixedPoint.parse(text, decimals);
        } catch (FixedPointFormatException e) {
            throw new VestSimVenueError(400, 1111, "bad decimals: " + text);
        }
    }

    /**
     * {@code POST /orders}: fills at once against the ladder up to {@code limitPrice} ({@code "FILLED"}, or
     * {@code "CANCELLED"} with the partial {@code lastFilledSize}), or is acknowledged and rejected later when a
     * test asked for it ({@link VestSimulator#rejectAsyncNext}).
     *
     * @param account the caller's account
     * @param body    the request body
     * @return the answer: the order, or only {@code {"id"}} with {@link VestSimulator#ackIdOnly}
     * @throws VestSimVenueError as the venue answers a bad request: 1130 bad field, 1121 unknown symbol, 1022 bad
     *     signature, 1116 order type, 1111 decimals, 3018/3019 reduce-only, or a test's synchronous rejection
     */
    JsonNode placeOrder(final VestSimAccount account, final JsonNode body) {
        final JsonNode order = order(body);
        final long time = number(order, "time");
        final long nonce = number(order, "nonce");
        final String symbol = text(order, "symbol");
        final boolean isBuy = bool(order, "isBuy");
        final String sizeText = text(order, "size");
        final String orderType = text(order, "orderType");
        final String limitText = text(order, "limitPrice");
        final boolean reduceOnly = bool(order, "reduceOnly");
        final VestSimLadder ladder = market.ladder(symbol);
        if (ladder == null) {
            throw new VestSimVenueError(400, 1121, "unknown symbol");
        }
        verifySigner(account, VestSignedMessages.orderArgsHash(time, nonce, orderType, symbol, isBuy, sizeText, limitText,
            reduceOnly), body);
        final String signature = body.get("signature").asText();
        final ObjectNode seen = account.orderBySignature(signature);
        if (seen != null) {
            return seen;
        }
        if (!orderType.equals("MARKET") && !orderType.equals("LIMIT")) {
            throw new VestSimVenueError(400, 1116, "invalid order type");
        }
        final VestSimulator.SimSymbol s = ladder.symbol;
        final long size = exact(sizeText, s.sizeDecimals());
        final long limit = exact(limitText, s.priceDecimals());
        if (size <= 0 || limit <= 0) {
            throw new VestSimVenueError(400, 1130, "size and limitPrice must be positive");
        }
        if (faults.rejectSync.take()) {
            throw new VestSimVenueError(400, faults.rejectSyncCode, "simulated rejection");
        }
        final long now = System.currentTimeMillis();
        final String id = "0x" + Long.toHexString(orderIds.incrementAndGet());
        if (faults.rejectAsync.take()) {
            final ObjectNode pending = JSON.createObjectNode().put("id", id).put("nonce", nonce).put("symbol", symbol)
                .put("isBuy", isBuy).put("orderType", orderType).put("limitPrice", limitText).put("size", sizeText)
                .put("reduceOnly", reduceOnly).put("status", "NEW").put("postTime", now);
            account.recordOrder(signature, pending);
            streams.publishOrderEvent(account, pending.deepCopy());
            final ObjectNode ack = pending.deepCopy();
            pending.put("status", "REJECTED").put("code", faults.rejectAsyncCode);
            streams.publishOrderEvent(account, JSON.createObjectNode().put("id", id).put("status", "REJECTED")
                .put("code", faults.rejectAsyncCode).put("postTime", now).put("nonce", nonce));
            return faults.ackIdOnly ? JSON.createObjectNode().put("id", id) : ack;
        }
        final long position = account.position(symbol);
        if (reduceOnly) {
            final boolean increases = position == 0 || (position > 0) == isBuy;
            if (increases) {
                throw new VestSimVenueError(400, 3018, "reduce-only order increases the position");
            }
            if (size > Math.abs(position)) {
                throw new VestSimVenueError(400, 3019, "reduce-only order exceeds the position");
            }
        }
        long fillable = size;
        if (faults.limitFills.take()) {
            fillable = Math.min(size, faults.maxFillBase.setScale(s.sizeDecimals(), RoundingMode.DOWN).unscaledValue()
                .longValueExact());
        }
        long filled = 0;
        BigDecimal notional = BigDecimal.ZERO;
        final long[] prices = isBuy ? ladder.askPrices : ladder.bidPrices;
        final long[] sizes = isBuy ? ladder.askSizes : ladder.bidSizes;
        for (int i = 0; i < prices.length && filled < fillable; i++) {
            if (isBuy ? prices[i] > limit : prices[i] < limit) {
                break;
            }
            final long take = Math.min(fillable - filled, sizes[i]);
            filled += take;
            notional = notional.add(BigDecimal.valueOf(prices[i], s.priceDecimals())
                .multiply(BigDecimal.valueOf(take, s.sizeDecimals())));
        }
        account.addPosition(symbol, isBuy ? filled : -filled, notional);
        account.addFee(notional.multiply(s.takerFee()));
        final String avg = filled == 0 ? "0" : notional.divide(BigDecimal.valueOf(filled, s.sizeDecimals()),
            s.priceDecimals(), RoundingMode.HALF_EVEN).toPlainString();
        final String filledText = FixedPoint.format(filled, s.sizeDecimals());
        final ObjectNode answer = JSON.createObjectNode();
        answer.put("id", id);
        answer.put("nonce", nonce).put("symbol", symbol).put("isBuy", isBuy).put("orderType", orderType)
            .put("limitPrice", limitText).put("size", sizeText).put("reduceOnly", reduceOnly)
            .put("status", filled == size ? "FILLED" : "CANCELLED")
            .put("lastFilledSize", filledText)
            .put("lastFilledPrice", avg)
            .put("avgFilledPrice", avg)
            .put("fees", notional.multiply(s.takerFee()).setScale(6, RoundingMode.HALF_EVEN).toPlainString())
            .put("postTime", now).put("lastFilledTime", now);
        account.recordOrder(signature, answer);
        final ObjectNode created = answer.deepCopy();
        created.remove(List.of("lastFilledSize", "lastFilledPrice", "avgFilledPrice", "fees", "lastFilledTime"));
        created.put("status", "NEW");
        streams.publishOrderEvent(account, created);
        if (filled == size) {
            streams.publishOrderEvent(account, answer.deepCopy());
        } else {
            // Vest's CANCELLED event carries only id/status/postTime/nonce (protocol reference §5); the
            // simulator adds the partial fill fields when something filled
            final ObjectNode cancelled = JSON.createObjectNode().put("id", id).put("status", "CANCELLED")
                .put("postTime", now).put("nonce", nonce);
            if (filled > 0) {
                cancelled.put("lastFilledSize", filledText).put("lastFilledPrice", avg).put("avgFilledPrice", avg)
                    .put("fees", answer.get("fees").asText()).put("lastFilledTime", now);
            }
            streams.publishOrderEvent(account, cancelled);
        }
        if (filled > 0) {
            streams.publishTrade(symbol, avg, filledText, isBuy);
        }
        return faults.ackIdOnly ? JSON.createObjectNode().put("id", id) : answer;
    }

    /**
     * {@code POST /orders/cancel}: the signature is checked and the order must be known (3017 otherwise); as a
     * taker-only venue has no resting orders, nothing else happens.
     *
     * @param account the caller's account
     * @param body    the request body
     * @return {@code {"id"}}
     * @throws VestSimVenueError as the venue answers a bad request
     */
    JsonNode cancelOrder(final VestSimAccount account, final JsonNode body) {
        final JsonNode order = order(body);
        final long time = number(order, "time");
        final long nonce = number(order, "nonce");
        final String id = text(order, "id");
        verifySigner(account, VestSignedMessages.cancelArgsHash(time, nonce, id), body);
        if (account.order(id) == null) {
            throw new VestSimVenueError(400, 3017, "order not found");
        }
        return JSON.createObjectNode().put("id", id);
    }
}
