package dev.arb.sim.paradex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.paradex.ParadexSignedMessages;
import dev.arb.paradex.ParadexSigner;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Checks and reads an order placement as the venue does (protocol reference §3.4, §3.8, §5), in this order:
 * market ({@code MARKET_NOT_FOUND}), side, type ({@code ORDER_TYPE_INVALID}: only LIMIT and MARKET are simulated)
 * and instruction ({@code GTC}, {@code IOC} or {@code POST_ONLY}), size and price present
 * ({@code VALIDATION_ERROR}), {@code signature_timestamp}, size and price in chain units
 * ({@code INVALID_ORDER_SIZE}, {@code INVALID_PRICE_PRECISION}), duplicate client id ({@code DUPLICATED_CLIENT_ID}),
 * STARK signature of the {@code Order} typed data against the account's registered public key
 * ({@code INVALID_STARKNET_SIGNATURE}), step ({@code INVALID_ORDER_SIZE}), tick ({@code INVALID_PRICE_PRECISION}),
 * minimum notional at the limit price or, for a MARKET order, the mid ({@code INVALID_ORDER_SIZE}). Every non-empty
 * client id is recorded as received before the checks that follow its reading, whether the order passes or not.
 *
 * <p><b>Note:</b> not thread-safe: reads and records state guarded by the monitor of the owning {@link SimExchange};
 * call only while holding it.
 */
final class SimOrderCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An order that passed the checks.
     *
     * @param market      the market
     * @param side        the side
     * @param type        LIMIT or MARKET
     * @param instruction {@code GTC}, {@code IOC} or {@code POST_ONLY}
     * @param sizeText    the size as sent
     * @param priceText   the price as sent ({@code "0"} for a MARKET order without one)
     * @param clientId    the client id, empty if none
     * @param signatureTs {@code signature_timestamp}
     * @param size        the size, scale 8
     * @param limit       the limit price, scale 8 (0 for MARKET)
     * @param reduceOnly  {@code true} with the {@code REDUCE_ONLY} flag
     * @param book        the book at the current step, the order matches against it
     */
    record Checked(ParadexSimulator.Market market, Side side, OrderType type, String instruction, String sizeText,
        String priceText, String clientId, long signatureTs, long size, long limit, boolean reduceOnly,
        SimExchange.Book book) {
    }

    private final String chainId;
    private final Map<String, ParadexSimulator.Market> markets;
    private final Map<String, String> publicKeys;
    private final SimOrderStore store;
    private final SimQuotes quotes;

    /**
     * @param chainId    the chain id of the signed typed data
     * @param markets    the simulated markets by symbol
     * @param publicKeys the registered STARK public keys by normalised account
     * @param store      the orders (client ids used and received)
     * @param quotes     the book
     */
    SimOrderCheck(final String chainId, final Map<String, ParadexSimulator.Market> markets,
        final Map<String, String> publicKeys, final SimOrderStore store, final SimQuotes quotes) {
        this.chainId = chainId;
        this.markets = markets;
        this.publicKeys = publicKeys;
        this.store = store;
        this.quotes = quotes;
    }

    /**
     * @param account the placing account (normalised, from its JWT)
     * @param body    the order ({@code POST /orders} body or {@code order.create} params)
     * @return the order read
     * @throws SimExchange.VenueError if a check fails
     */
    Checked check(final String account, final JsonNode body) {
        final String market = required(body, "market");
        final ParadexSimulator.Market m = markets.get(market);
        if (m == null) {
            throw new SimExchange.VenueError(400, "MARKET_NOT_FOUND", "market " + market + " not found");
        }
        final Side side = switch (required(body, "side")) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new SimExchange.VenueError(400, "VALIDATION_ERROR", "side must be BUY or SELL");
        };
        final OrderType type = switch (required(body, "type")) {
            case "LIMIT" -> OrderType.LIMIT;
            case "MARKET" -> OrderType.MARKET;
            default -> throw new SimExchange.VenueError(400, "ORDER_TYPE_INVALID", "only LIMIT and MARKET are simulated");
        };
        final String instruction = body.path("instruction").asText("GTC").isEmpty() ? "GTC"
            : body.path("instruction").asText("GTC");
        if (!instruction.equals("GTC") && !instruction.equals("IOC") && !instruction.equals("POST_ONLY")) {
            throw new SimExchange.VenueError(400, "VALIDATION_ERROR", "instruction " + instruction);
        }
        final String sizeText = required(body, "size");
        final String priceText = type == OrderType.MARKET ? body.path("price").asText("0") : required(body, "price");
        final String clientId = body.path("client_id").asText("");
        if (!clientId.isEmpty()) {
            store.received(account, clientId);
        }
        final long signatureTs = body.path("signature_timestamp").asLong(-1);
        if (signatureTs <= 0) {
            throw new SimExchange.VenueError(400, "VALIDATION_ERROR", "signature_timestamp required");
        }
        final BigInteger chainSize;
        final BigInteger chainPrice;
        try {
            chainSize = ParadexSignedMessages.toChainUnits(sizeText);
        } catch (final IllegalArgumentException e) {
            throw new SimExchange.VenueError(400, "INVALID_ORDER_SIZE", "size " + sizeText + ": " + e.getMessage());
        }
        try {
            chainPrice = type == OrderType.MARKET ? BigInteger.ZERO : ParadexSignedMessages.toChainUnits(priceText);
        } catch (final IllegalArgumentException e) {
            throw new SimExchange.VenueError(400, "INVALID_PRICE_PRECISION", "price " + priceText + ": " + e.getMessage());
        }
        if (!clientId.isEmpty() && store.clientIdUsed(account, clientId)) {
            throw new SimExchange.VenueError(400, "DUPLICATED_CLIENT_ID", "client id " + clientId + " already used");
        }
        verifySignature(account, body.path("signature").asText(""), signatureTs, market, side, type, chainSize, chainPrice);

        final long size = chainSize.longValueExact();
        final long limit = chainPrice.longValueExact();
        if (size <= 0 || size % SimExchange.fp(m.orderSizeIncrement()) != 0) {
            throw new SimExchange.VenueError(400, "INVALID_ORDER_SIZE", "size must be a positive multiple of "
                + m.orderSizeIncrement());
        }
        if (type == OrderType.LIMIT && (limit <= 0 || limit % SimExchange.fp(m.tickSize()) != 0)) {
            throw new SimExchange.VenueError(400, "INVALID_PRICE_PRECISION", "price must be a multiple of " + m.tickSize());
        }
        final SimExchange.Book book = quotes.book(m);
        final long refPrice = type == OrderType.LIMIT ? limit : book.mid();
        final BigDecimal notional = BigDecimal.valueOf(size, SimExchange.SCALE)
            .multiply(BigDecimal.valueOf(refPrice, SimExchange.SCALE));
        if (notional.compareTo(m.minNotional()) < 0) {
            throw new SimExchange.VenueError(400, "INVALID_ORDER_SIZE", "notional "
                + notional.stripTrailingZeros().toPlainString() + " below min_notional " + m.minNotional());
        }
        return new Checked(m, side, type, instruction, sizeText, priceText, clientId, signatureTs, size, limit,
            hasFlag(body, "REDUCE_ONLY"), book);
    }

    private static boolean hasFlag(final JsonNode body, final String flag) {
        for (final JsonNode f : body.path("flags")) {
            if (flag.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    private void verifySignature(final String account, final String signature, final long ts, final String market,
        final Side side, final OrderType type, final BigInteger size, final BigInteger price) {
        final String pub = publicKeys.get(SimExchange.normalise(account));
        final BigInteger r;
        final BigInteger s;
        try {
            final JsonNode rs = JSON.readTree(signature);
            if (!rs.isArray() || rs.size() != 2) {
                throw new SimExchange.VenueError(400, "INVALID_STARKNET_SIGNATURE", "signature must be [\"r\",\"s\"]");
            }
            r = new BigInteger(rs.get(0).asText());
            s = new BigInteger(rs.get(1).asText());
        } catch (final SimExchange.VenueError e) {
            throw e;
        } catch (final Exception e) {
            throw new SimExchange.VenueError(400, "INVALID_STARKNET_SIGNATURE", "signature unreadable");
        }
        final String hash = ParadexSignedMessages.orderMessageHash(chainId, account, ts, market, side, type, size, price)
            .hexString();
        if (pub == null || !ParadexSigner.verify(pub, hash, r, s)) {
            throw new SimExchange.VenueError(400, "INVALID_STARKNET_SIGNATURE", "order signature does not verify");
        }
    }

    private static String required(final JsonNode body, final String field) {
        final JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new SimExchange.VenueError(400, "VALIDATION_ERROR", field + " is required");
        }
        return v.asText();
    }
}
