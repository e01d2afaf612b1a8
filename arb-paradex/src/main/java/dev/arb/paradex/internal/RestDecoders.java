package dev.arb.paradex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.Fill;
import dev.arb.api.FixedPoint;
import dev.arb.api.Liquidity;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.Position;
import dev.arb.api.Side;
import dev.arb.api.VenueStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoders of Paradex REST answers into arb-api types: {@code GET /markets} → {@link MarketSpec}s,
 * {@code GET /positions} → {@link Position}, {@code GET /orderbook/{market}} → {@link OrderBook}.
 *
 * <p>Sources: protocol reference §3.2 ({@code price_tick_size}, {@code order_size_increment},
 * {@code min_notional}, {@code fee_config.api_fee.{maker_fee,taker_fee}.fee}), §3.3 (REST book
 * {@code [price, size]} string pairs), §3.6 ({@code PositionResp}: signed {@code size}, empty strings
 * for absent decimals, integers that may arrive as strings). Prices and sizes are at scale 8
 * (Paradex chain decimals, §3.1 {@code paraclear_decimals}).
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class RestDecoders {
    /** Price and size scale of every Paradex market. */
    public static final int SCALE = 8;

    private static final Logger LOG = LoggerFactory.getLogger(RestDecoders.class);

    private RestDecoders() {
    }

    /**
     * @param markets            body of {@code GET /markets}
     * @param defaultTakerFee    taker fee rate when the market has no {@code fee_config.api_fee}
     * @param defaultMakerFee    maker fee rate when the market has no {@code fee_config.api_fee}
     * @return specs by symbol (markets with unusable rules are skipped and logged)
     * @throws MalformedMessageException if there is no {@code results} array
     */
    public static Map<String, MarketSpec> marketSpecs(final JsonNode markets, final BigDecimal defaultTakerFee,
        final BigDecimal defaultMakerFee) {
        final JsonNode results = markets == null ? null : markets.get("results");
        if (results == null || !results.isArray()) {
            throw new MalformedMessageException(ParadexErrors.VENUE, null, "GET /markets without a results array");
        }
        final Map<String, MarketSpec> specs = new LinkedHashMap<>();
        for (final JsonNode m : results) {
            final String symbol = OrderResponses.text(m, "symbol");
            try {
                final JsonNode apiFee = m.path("fee_config").path("api_fee");
                final BigDecimal taker = feeOr(apiFee.path("taker_fee").path("fee"), defaultTakerFee);
                final BigDecimal maker = feeOr(apiFee.path("maker_fee").path("fee"), defaultMakerFee);
                final String minNotional = OrderResponses.text(m, "min_notional");
                final MarketSpec spec = MarketSpec.builder().venue(ParadexErrors.VENUE).symbol(symbol)
                    .baseAsset(OrderResponses.text(m, "base_currency")).priceScale(SCALE).sizeScale(SCALE)
                    .tickSize(FixedPoint.parse(OrderResponses.text(m, "price_tick_size"), SCALE))
                    .stepSize(FixedPoint.parse(OrderResponses.text(m, "order_size_increment"), SCALE))
                    .minNotionalUsd(minNotional == null || minNotional.isEmpty() ? BigDecimal.ZERO : new BigDecimal(minNotional))
                    .takerFeeRate(taker).makerFeeRate(maker).build();
                specs.put(symbol, spec);
            } catch (final RuntimeException e) {
                LOG.warn("paradex: skipping market {} with unusable trading rules: {}", symbol, e.toString());
            }
        }
        return specs;
    }

    /**
     * Each market's funding period: {@code funding_period_hours} of {@code GET /markets} ("Funding period in hours",
     * OpenAPI {@code responses.MarketResp}; 8 by default per the docs' funding mechanism page). Markets without a
     * positive value are left out (the caller assumes {@link #DEFAULT_FUNDING_PERIOD_HOURS}).
     *
     * @param markets body of {@code GET /markets}
     * @return hours per market symbol; empty when the body has no {@code results}
     */
    public static Map<String, Double> fundingPeriodHours(final JsonNode markets) {
        final Map<String, Double> out = new java.util.HashMap<>();
        final JsonNode results = markets == null ? null : markets.get("results");
        if (results == null || !results.isArray()) {
            return out;
        }
        for (final JsonNode m : results) {
            final String symbol = OrderResponses.text(m, "symbol");
            final JsonNode hours = m.get("funding_period_hours");
            if (symbol == null || hours == null || hours.isNull()) {
                continue;
            }
            final double h = hours.isNumber() ? hours.asDouble() : parseOrNaN(hours.asText());
            if (h > 0) {
                out.put(symbol, h);
            }
        }
        return out;
    }

    /** Paradex's default funding period, hours (docs "Funding Mechanism": "Funding Period 8h"). */
    public static final double DEFAULT_FUNDING_PERIOD_HOURS = 8.0;

    private static double parseOrNaN(final String text) {
        try {
            return Double.parseDouble(text);
        } catch (final NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static BigDecimal feeOr(final JsonNode fee, final BigDecimal fallback) {
        if (fee == null || fee.isMissingNode() || fee.isNull() || fee.asText().isEmpty()) {
            return fallback;
        }
        return new BigDecimal(fee.asText());
    }

    /**
     * @param positions body of {@code GET /positions}
     * @param market    market symbol
     * @return the open position in {@code market}, or flat
     * @throws MalformedMessageException if there is no {@code results} array or a decimal is unreadable
     */
    public static Position position(final JsonNode positions, final String market) {
        final JsonNode results = positions == null ? null : positions.get("results");
        if (results == null || !results.isArray()) {
            throw new MalformedMessageException(ParadexErrors.VENUE, null, "GET /positions without a results array");
        }
        for (final JsonNode p : results) {
            if (!market.equals(OrderResponses.text(p, "market")) || "CLOSED".equals(OrderResponses.text(p, "status"))) {
                continue;
            }
            try {
                final long size = OrderResponses.decimal(p, "size", SCALE);
                final long entry = OrderResponses.decimalRounded(p, "average_entry_price", SCALE);
                final String pnl = OrderResponses.text(p, "unrealized_pnl");
                return new Position(ParadexErrors.VENUE, market, size, SCALE, entry, SCALE,
                    pnl == null || pnl.isEmpty() ? BigDecimal.ZERO : new BigDecimal(pnl));
            } catch (final RuntimeException e) {
                throw new MalformedMessageException(ParadexErrors.VENUE, null, "unreadable position of " + market, e);
            }
        }
        return Position.flat(ParadexErrors.VENUE, market, SCALE, SCALE);
    }

    /**
     * @param positions body of {@code GET /positions}
     * @return every open, non-flat position
     * @throws MalformedMessageException if there is no {@code results} array or a decimal is unreadable
     */
    public static List<Position> openPositions(final JsonNode positions) {
        final JsonNode results = results(positions, "GET /positions");
        final List<Position> out = new ArrayList<>();
        for (final JsonNode p : results) {
            final String market = OrderResponses.text(p, "market");
            if (market == null || "CLOSED".equals(OrderResponses.text(p, "status"))) {
                continue;
            }
            final Position pos = position(positions, market);
            if (!pos.isFlat()) {
                out.add(pos);
            }
        }
        return out;
    }

    /**
     * @param fills body of {@code GET /fills} ({@code results[]} of {@code {id, side, liquidity, market,
     *     order_id, price, size, fee, created_at, client_id}}, protocol reference §2.5 fills fields)
     * @return the fills, oldest first
     * @throws MalformedMessageException if there is no {@code results} array or a fill is unreadable
     */
    public static List<Fill> fills(final JsonNode fills) {
        final List<Fill> out = new ArrayList<>();
        for (final JsonNode f : results(fills, "GET /fills")) {
            out.add(fill(f));
        }
        out.sort(Comparator.comparingLong(Fill::timestampMs));
        return out;
    }

    /**
     * @param f one fill ({@code GET /fills} entry or {@code fills} channel payload, §2.5)
     * @return the fill
     * @throws MalformedMessageException if a field is missing or unreadable
     */
    public static Fill fill(final JsonNode f) {
        try {
            final String clientId = OrderResponses.text(f, "client_id");
            final String fee = OrderResponses.text(f, "fee");
            return new Fill(ParadexErrors.VENUE, OrderResponses.text(f, "market"), OrderResponses.text(f, "order_id"),
                clientId == null || clientId.isEmpty() ? null : clientId, Side.valueOf(OrderResponses.text(f, "side")),
                OrderResponses.decimal(f, "price", SCALE), OrderResponses.decimal(f, "size", SCALE),
                fee == null || fee.isEmpty() ? BigDecimal.ZERO : new BigDecimal(fee),
                "MAKER".equals(OrderResponses.text(f, "liquidity")) ? Liquidity.MAKER : Liquidity.TAKER,
                OrderResponses.longOr(f, "created_at", 0));
        } catch (final RuntimeException e) {
            throw new MalformedMessageException(ParadexErrors.VENUE, null, "unreadable fill", e);
        }
    }

    /**
     * @param state body of {@code GET /system/state} ({@code {"status":"ok"|"cancel_only"|"maintenance"}}, §1)
     * @return the status; {@link VenueStatus#UNKNOWN} for anything else
     */
    public static VenueStatus venueStatus(final JsonNode state) {
        final String status = state == null ? null : OrderResponses.text(state, "status");
        if (status == null) {
            return VenueStatus.UNKNOWN;
        }
        return switch (status) {
            case "ok" -> VenueStatus.OK;
            case "cancel_only" -> VenueStatus.CANCEL_ONLY;
            case "maintenance" -> VenueStatus.MAINTENANCE;
            default -> VenueStatus.UNKNOWN;
        };
    }

    /**
     * @param body  a list answer
     * @param what  the request, for the error message
     * @return its {@code results} array
     * @throws MalformedMessageException if there is none
     */
    public static JsonNode results(final JsonNode body, final String what) {
        final JsonNode results = body == null ? null : body.get("results");
        if (results == null || !results.isArray()) {
            throw new MalformedMessageException(ParadexErrors.VENUE, null, what + " without a results array");
        }
        return results;
    }

    /**
     * Writes a REST book snapshot into {@code book} (cleared first) and marks it valid unless crossed.
     *
     * @param body          body of {@code GET /orderbook/{market}}
     * @param book          destination, scale 8
     * @param receivedNanos {@link System#nanoTime()} at receipt
     * @throws MalformedMessageException if the arrays are missing or a level is unreadable
     */
    public static void orderBook(final JsonNode body, final OrderBook book, final long receivedNanos) {
        final JsonNode bids = body.get("bids");
        final JsonNode asks = body.get("asks");
        if (bids == null || asks == null || !bids.isArray() || !asks.isArray()) {
            throw new MalformedMessageException(ParadexErrors.VENUE, null, "order book without bids and asks");
        }
        final long seq;
        final long updatedAtMs;
        try {
            seq = OrderResponses.longOr(body, "seq_no", 0);
            updatedAtMs = OrderResponses.longOr(body, "last_updated_at", 0);
            book.clear();
            for (final JsonNode l : bids) {
                book.updateBid(price(l), size(l));
            }
            for (final JsonNode l : asks) {
                book.updateAsk(price(l), size(l));
            }
        } catch (final RuntimeException e) {
            book.invalidate();
            throw new MalformedMessageException(ParadexErrors.VENUE, null, "unreadable order book level or sequence", e);
        }
        book.stamp(seq, updatedAtMs, receivedNanos);
        if (book.isCrossed()) {
            book.invalidate();
        } else {
            book.markValid();
        }
    }

    /** A level's price: positive (a negative one was written into the book; found by fuzzing, RELIABILITY.md). */
    private static long price(final JsonNode level) {
        final long p = FixedPoint.parse(level.get(0).asText(), SCALE);
        if (p <= 0) {
            throw new IllegalArgumentException("non-positive price");
        }
        return p;
    }

    /** A level's size: not negative ({@code "size":-1} became a level of size -1). */
    private static long size(final JsonNode level) {
        final long s = FixedPoint.parse(level.get(1).asText(), SCALE);
        if (s < 0) {
            throw new IllegalArgumentException("negative size");
        }
        return s;
    }
}
