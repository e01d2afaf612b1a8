package dev.arb.sim.vest;

import static dev.arb.sim.vest.VestSimJson.JSON;
import static dev.arb.sim.vest.VestSimJson.first;
import static dev.arb.sim.vest.VestSimJson.number;
import static dev.arb.sim.vest.VestSimJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.vest.VestSignedMessages;
import dev.arb.vest.VestSigner;
import io.netty.handler.codec.http.HttpMethod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The simulated Vest account endpoints (protocol reference §2, §4): {@code POST /register},
 * {@code GET /account}, {@code GET /orders}, {@code POST /account/leverage} and
 * {@code POST/PUT/DELETE /account/listenKey}. Answer shapes follow the Vest API docs.
 *
 * <p><b>Note:</b> not thread-safe: runs only on the simulator's single event-loop thread.
 */
final class VestSimAccountApi {
    private final VestSimAccounts accounts;
    private final VestSimListenKeys listenKeys;
    private final VestSimMarket market;

    /**
     * @param accounts   the accounts ({@code POST /register} adds one)
     * @param listenKeys the listen keys
     * @param market     the quoted market (symbols, margin at the quoted mids)
     */
    VestSimAccountApi(final VestSimAccounts accounts, final VestSimListenKeys listenKeys, final VestSimMarket market) {
        this.accounts = accounts;
        this.listenKeys = listenKeys;
        this.market = market;
    }

    /**
     * {@code POST} (create or re-issue), {@code PUT} (extend; 1125 if expired), {@code DELETE}
     * {@code /account/listenKey} (protocol reference §4 Listen key).
     *
     * @param method the request's method
     * @param apiKey the caller's API key
     * @param query  the request's query ({@code listenKey} names the key to extend or delete)
     * @return {@code {"listenKey"}}, or {@code {}} for {@code DELETE}
     * @throws VestSimVenueError 1125 if the key to extend is unknown or expired, 1130 for another method
     */
    JsonNode listenKey(final HttpMethod method, final String apiKey, final Map<String, List<String>> query) {
        if (method.equals(HttpMethod.POST)) {
            return JSON.createObjectNode().put("listenKey", listenKeys.create(apiKey));
        }
        final String key = first(query, "listenKey");
        if (method.equals(HttpMethod.PUT)) {
            final String renewed = listenKeys.renew(apiKey, key);
            if (renewed == null) {
                throw new VestSimVenueError(400, 1125, "Listen key expired. Make a POST request to create a new key.");
            }
            return JSON.createObjectNode().put("listenKey", renewed);
        }
        if (method.equals(HttpMethod.DELETE)) {
            listenKeys.delete(key);
            return JSON.createObjectNode();
        }
        throw new VestSimVenueError(404, 1130, "unknown endpoint " + method + " /account/listenKey");
    }

    /**
     * {@code POST /account/leverage} {@code {time, symbol, value}} → {@code {symbol, value}} (unsigned, as
     * documented).
     *
     * @param account the caller's account
     * @param body    the request body
     * @return the answer
     * @throws VestSimVenueError 1121 unknown symbol, 1130 out of 1..50, 3021 decrease with a position
     */
    JsonNode leverage(final VestSimAccount account, final JsonNode body) {
        number(body, "time");
        final String symbol = text(body, "symbol");
        final long value = number(body, "value");
        if (market.ladder(symbol) == null) {
            throw new VestSimVenueError(400, 1121, "unknown symbol");
        }
        if (value < 1 || value > 50) {
            throw new VestSimVenueError(400, 1130, "leverage out of range");
        }
        final Integer before = account.leverage(symbol);
        if (before != null && value < before && account.position(symbol) != 0) {
            throw new VestSimVenueError(400, 3021, "cannot decrease leverage with a position");
        }
        account.setLeverage(symbol, (int) value);
        return JSON.createObjectNode().put("symbol", symbol).put("value", value);
    }

    /**
     * {@code POST /register}: checks the primary wallet's EIP-712 {@code SignerProof} (prod or dev
     * verifying contract) and returns {@code {"apiKey","accGroup":0}} (protocol reference §2).
     *
     * @param body the request body
     * @return the answer
     * @throws VestSimVenueError 1130 bad field or past expiry, 1022 if the proof is not the primary wallet's
     */
    JsonNode register(final JsonNode body) {
        final String signingAddr = text(body, "signingAddr");
        final String primaryAddr = text(body, "primaryAddr").toLowerCase(java.util.Locale.ROOT);
        final String signature = text(body, "signature");
        final long expiry = number(body, "expiryTime");
        if (expiry <= System.currentTimeMillis()) {
            throw new VestSimVenueError(400, 1130, "expiryTime is in the past");
        }
        for (final String contract : List.of(dev.arb.vest.VestConfig.PROD_VERIFYING_CONTRACT,
            dev.arb.vest.VestConfig.DEV_VERIFYING_CONTRACT)) {
            final byte[] digest = VestSignedMessages.registrationDigest(signingAddr, contract, expiry);
            try {
                if (VestSigner.recoverRegistrationSigner("0x" + HexFormat.of().formatHex(digest), signature)
                    .equals(primaryAddr)) {
                    return JSON.createObjectNode().put("apiKey", accounts.register(signingAddr)).put("accGroup", 0);
                }
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        throw new VestSimVenueError(400, 1022, "invalid signature");
    }

    /**
     * {@code GET /account}: balance, account value and maintenance margin, positions with their margin and
     * funding, leverages.
     *
     * @param account the caller's account
     * @return the answer
     */
    JsonNode accountAnswer(final VestSimAccount account) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("address", account.signerAddress);
        root.putArray("balances").addObject().put("asset", "USDC")
            .put("total", account.balance().setScale(6, RoundingMode.HALF_EVEN).toPlainString())
            .put("locked", "0.000000");
        final VestSimMargin margin = market.margin(account);
        root.put("totalAccountValue", margin.accountValue().toPlainString());
        root.put("totalMaintMargin", margin.totalMaintMargin().setScale(6, RoundingMode.HALF_EVEN).toPlainString());
        final ArrayNode positions = root.putArray("positions");
        for (final VestSimMargin.Leg leg : margin.positions()) {
            final VestSimLadder l = leg.ladder();
            final String symbol = l.symbol.symbol();
            final BigDecimal liq = margin.liquidationPrice(leg);
            positions.addObject().put("symbol", symbol).put("isLong", leg.size().signum() > 0)
                .put("size", leg.size().abs().setScale(l.symbol.sizeDecimals(), RoundingMode.UNNECESSARY).toPlainString())
                .put("entryPrice", leg.entry().toPlainString()).put("unrealizedPnl", leg.unrealizedPnl().toPlainString())
                .put("settledFunding", account.settledFunding(symbol).setScale(6, RoundingMode.HALF_EVEN)
                    .toPlainString())
                .put("markPrice", leg.mark().toPlainString())
                .put("liqPrice", liq == null ? "0" : liq.toPlainString())
                .put("initMargin", leg.initMargin().toPlainString())
                .put("maintMargin", leg.maintMargin().toPlainString())
                .put("initMarginRatio", leg.ratio().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
        }
        final ArrayNode leverages = root.putArray("leverages");
        account.leverages().forEach((symbol, value) -> leverages.addObject().put("symbol", symbol).put("value", value));
        root.put("time", System.currentTimeMillis());
        return root;
    }

    /**
     * {@code GET /orders}: filters {@code id} (comma list), {@code nonce}, {@code symbol}, {@code status},
     * {@code startTime}.
     *
     * @param account the caller's account
     * @param query   the request's query
     * @return the matching orders, oldest first
     */
    JsonNode ordersAnswer(final VestSimAccount account, final Map<String, List<String>> query) {
        final ArrayNode out = JSON.createArrayNode();
        final java.util.Set<String> ids = new java.util.HashSet<>();
        for (final String list : query.getOrDefault("id", List.of())) {
            for (final String id : list.split(",")) {
                ids.add(id.trim());
            }
        }
        final String nonce = first(query, "nonce");
        final String symbol = first(query, "symbol");
        final String status = first(query, "status");
        final String startTime = first(query, "startTime");
        for (final ObjectNode o : account.orders()) {
            if (!ids.isEmpty() && !ids.contains(o.path("id").asText())
                || nonce != null && !nonce.equals(o.path("nonce").asText())
                || symbol != null && !symbol.equals(o.path("symbol").asText())
                || status != null && !status.equals(o.path("status").asText())
                || startTime != null && o.path("postTime").asLong() < Long.parseLong(startTime)) {
                continue;
            }
            out.add(o);
        }
        return out;
    }
}
