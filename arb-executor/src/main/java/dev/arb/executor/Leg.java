package dev.arb.executor;

import dev.arb.api.ExchangeAdapter;
import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One side of the pair: a venue, its market, the market's rules, the last book seen and the
 * position tracked from our fills.
 *
 * <p><b>Note:</b> not thread-safe; confined to the executor's state thread after start.
 */
final class Leg {
    final ExchangeAdapter venue;
    final String market;
    final String tag;
    final String name;
    final PositionLedger ledger = new PositionLedger();
    MarketSpec spec;
    OrderBook book;

    Leg(final ExchangeAdapter venue, final String market, final String tag) {
        this.venue = venue;
        this.market = market;
        this.tag = tag;
        this.name = venue.venue();
    }

    /** @return a size at this market's size scale as an exact decimal, base units */
    BigDecimal size(final long size) {
        return FixedPoint.toBigDecimal(size, spec.sizeScale());
    }

    /** @return a price at this market's price scale as an exact decimal, USD */
    BigDecimal price(final long price) {
        return FixedPoint.toBigDecimal(price, spec.priceScale());
    }

    /** @return {@code price} at this market's price scale, rounded half up */
    long priceAt(final BigDecimal price) {
        return FixedPoint.fromBigDecimal(price.setScale(spec.priceScale(), RoundingMode.HALF_UP), spec.priceScale());
    }

    /** @return {@code size} at this market's size scale, finer digits dropped */
    long sizeDown(final BigDecimal size) {
        return FixedPoint.fromBigDecimal(size.setScale(spec.sizeScale(), RoundingMode.DOWN), spec.sizeScale());
    }
}
