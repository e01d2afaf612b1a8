package dev.arb.strategy.source;

import dev.arb.api.BookView;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.LegView;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Parameters;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A minimal engine context for calling a strategy in tests: two legs with settable books and funding. */
final class FakeContext implements StrategyContext {
    /** The engine's own parameters, as the engine declares them. */
    static final List<ParamSpec> ENGINE_PARAMS = List.of(
        ParamSpec.decimal("position_size", "base", "0", null, "0.01", "leg size per entry"),
        ParamSpec.decimal("slippage_bps", "bps", "0", "1000", "10", "IOC limit beyond the touch"));

    final Leg a;
    final Leg b;
    PositionState state = PositionState.FLAT;
    Direction openDirection;
    long nowNanos = 1_000_000_000L;
    Parameters parameters;

    FakeContext(final Strategy s, final Map<String, String> overrides) {
        a = new Leg(MarketSpec.builder().venue("vest").symbol("BTC-PERP").priceScale(2).sizeScale(4)
            .tickSize(1).stepSize(1).takerFeeRate(new BigDecimal("0.0002")).build());
        b = new Leg(MarketSpec.builder().venue("paradex").symbol("BTC-USD-PERP").priceScale(3).sizeScale(3)
            .tickSize(1).stepSize(1).takerFeeRate(new BigDecimal("0.0002")).build());
        final List<ParamSpec> specs = new ArrayList<>(ENGINE_PARAMS);
        specs.addAll(s.parameters());
        parameters = Parameters.of(specs, overrides);
    }

    @Override
    public String botId() {
        return "test";
    }

    @Override
    public LegView legA() {
        return a;
    }

    @Override
    public LegView legB() {
        return b;
    }

    @Override
    public PositionState state() {
        return state;
    }

    @Override
    public Direction openDirection() {
        return openDirection;
    }

    @Override
    public int sizeScale() {
        return 4;
    }

    @Override
    public long positionSize() {
        return 100; // 0.01 at scale 4
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /** One leg: a one-level-per-side book, deep enough for the position size. */
    static final class Leg implements LegView {
        final MarketSpec spec;
        final OrderBook book;
        double funding = Double.NaN;

        Leg(final MarketSpec spec) {
            this.spec = spec;
            this.book = OrderBook.forMarket(spec, 4);
        }

        /** Replaces the book by one bid and one ask (decimal prices), size 1 base unit each, received at t = 0. */
        void quote(final String bid, final String ask) {
            book.clear();
            final long one = BigDecimal.ONE.movePointRight(spec.sizeScale()).longValueExact();
            book.updateBid(new BigDecimal(bid).movePointRight(spec.priceScale()).longValueExact(), one);
            book.updateAsk(new BigDecimal(ask).movePointRight(spec.priceScale()).longValueExact(), one);
            book.stamp(0, 0, 0);
            book.markValid();
        }

        @Override
        public String venue() {
            return spec.venue();
        }

        @Override
        public String market() {
            return spec.symbol();
        }

        @Override
        public MarketSpec spec() {
            return spec;
        }

        @Override
        public BookView book() {
            return book;
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public double fundingRatePerHour() {
            return funding;
        }
    }
}
