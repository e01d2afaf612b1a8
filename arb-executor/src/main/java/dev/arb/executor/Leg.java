package dev.arb.executor;

import dev.arb.api.BookView;
import dev.arb.api.ExchangeAdapter;
import dev.arb.api.FixedPoint;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.strategy.api.LegView;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One side of the pair: a venue, its market, the market's rules, the last book seen and the
 * position tracked from our fills. It is also the read-only {@link LegView} a strategy sees
 * ({@link #venue()} is the venue's name there; {@link #adapter} the adapter).
 *
 * <p><b>Note:</b> not thread-safe; confined to the executor's state thread after start.
 */
final class Leg implements LegView {
    final ExchangeAdapter adapter;
    final String market;
    final String tag;
    final String name;
    final PositionLedger ledger = new PositionLedger();
    MarketSpec spec;
    OrderBook book;
    /** Smoothed time from hand-over to the venue's answer, ns (1/8 weight to each new answer); 0 = none yet. */
    private long ackNanos;
    private BigDecimal cachedPosition;
    private long cachedPositionUnits;

    Leg(final ExchangeAdapter adapter, final String market, final String tag) {
        this.adapter = adapter;
        this.market = market;
        this.tag = tag;
        this.name = adapter.venue();
    }

    @Override
    public String venue() {
        return name;
    }

    @Override
    public String market() {
        return market;
    }

    @Override
    public MarketSpec spec() {
        return spec;
    }

    @Override
    public BookView book() {
        return book;
    }

    /** Allocation-free while the position is unchanged (the ledger's value is compared by identity). */
    @Override
    public long position() {
        final BigDecimal p = ledger.position();
        if (p != cachedPosition) {
            cachedPositionUnits = FixedPoint.fromBigDecimal(p.setScale(spec.sizeScale(), RoundingMode.DOWN),
                spec.sizeScale());
            cachedPosition = p;
        }
        return cachedPositionUnits;
    }

    @Override
    public double fundingRatePerHour() {
        return adapter.fundingRatePerHour(market);
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

    /** @param nanos one order's time from its hand-over to the venue's answer, ns */
    void recordAckNanos(final long nanos) {
        ackNanos = ackNanos == 0 ? Math.max(1, nanos) : ackNanos + (nanos - ackNanos) / 8;
    }

    /** @return the smoothed time from hand-over to the venue's answer, ns; 0 before the first answer */
    long ackNanos() {
        return ackNanos;
    }
}
