package dev.arb.operator.metrics;

import dev.arb.executor.ExecutorStats;
import dev.arb.strategy.api.Direction;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Registers the meters of one bot over its {@link BotView}: counters as {@link FunctionCounter}s and
 * gauges, all reading the view (filled once per scrape), so nothing is recorded on the engine's thread.
 *
 * <p><b>Note:</b> call on the scraping thread (under the {@link OperatorMetrics} lock).
 */
final class BotMeters {
    private BotMeters() {
    }

    /**
     * Registers the bot's counters and its gauges without per-leg labels.
     *
     * @param r the registry
     * @param v the bot's view
     */
    static void bind(final MeterRegistry r, final BotView v) {
        final Tags bot = Tags.of("bot", v.id);
        counter(r, "arb.opportunities", "ticks whose net spread reached the entry threshold", bot, v,
            ExecutorStats::opportunities);
        counter(r, "arb.entries", "entry rounds that left a hedged position open", bot, v, ExecutorStats::entries);
        counter(r, "arb.exits", "exit rounds that closed some or all of the position", bot, v, ExecutorStats::exits);
        counter(r, "arb.one.sided.fills", "rounds whose legs filled unequally", bot, v, ExecutorStats::oneSidedFills);
        counter(r, "arb.unwinds", "reduce-only unwind sequences started", bot, v, ExecutorStats::unwinds);
        counter(r, "arb.orders.sent", "orders sent to either venue", bot, v, ExecutorStats::ordersSent);
        counter(r, "arb.orders.rejected", "orders refused by a venue", bot, v, ExecutorStats::ordersRejected);
        counter(r, "arb.orders.lost.ack", "orders whose acknowledgement was lost", bot, v, ExecutorStats::lostAcks);
        counter(r, "arb.orders.illegal.transitions", "order states reported out of lifecycle order", bot, v,
            ExecutorStats::illegalTransitions);
        counter(r, "arb.alerts", "alerts raised by the bot", bot, v, ExecutorStats::alerts);
        final String skipped = "opportunities not taken, by reason";
        counter(r, "arb.opportunities.skipped", skipped, bot.and("reason", "in_flight"), v, ExecutorStats::droppedInFlight);
        counter(r, "arb.opportunities.skipped", skipped, bot.and("reason", "stale_quote"), v, ExecutorStats::staleQuoteSkips);
        counter(r, "arb.opportunities.skipped", skipped, bot.and("reason", "risk_blocked"), v, ExecutorStats::riskBlocked);
        counter(r, "arb.opportunities.skipped", skipped, bot.and("reason", "halted"), v,
            ExecutorStats::opportunitiesRefused);
        counter(r, "arb.market.limit.blocked", "entries refused by a venue market's position limit across every bot "
            + "of the process (also counted in risk_blocked)", bot, v, ExecutorStats::marketLimitBlocked);
        FunctionCounter.builder("arb.rounds", v, x -> x.pnl.rounds())
            .description("rounds closed (flat to flat)").tags(bot).register(r);
        FunctionCounter.builder("arb.strategy.errors", v, x -> x.strategy.errors())
            .description("throws of the strategy while deciding").tags(bot).register(r);
        FunctionCounter.builder("arb.strategy.swaps", v, x -> x.strategy.swaps())
            .description("strategies that took over while running").tags(bot).register(r);

        gauge(r, "arb.net.delta", "base", "position A + position B from fills, base units", bot, v,
            x -> x.stats.positionA().add(x.stats.positionB()).doubleValue());
        gauge(r, "arb.fees", "usd", "fees paid, USD (negative = rebates)", bot, v, x -> x.stats.feesUsd().doubleValue());
        gauge(r, "arb.unrealized.pnl", "usd", "open positions marked at venue A's mid against their entry, USD", bot, v,
            x -> x.stats.unrealizedPnlUsd().doubleValue());
        gauge(r, "arb.realized.pnl", "usd", "realized PnL from fills, fees subtracted, USD", bot, v,
            x -> x.stats.realizedPnlUsd().doubleValue());
        gauge(r, "arb.halted", null, "1 once the bot halted (no new entries), else 0", bot, v, x -> x.stats.halted() ? 1 : 0);
        final String pnl = "realized PnL attribution, USD (costs negative): spread + slippage + fees + funding = total";
        gauge(r, "arb.pnl", "usd", pnl, bot.and("part", "spread"), v, x -> x.pnl.spreadUsd().doubleValue());
        gauge(r, "arb.pnl", "usd", pnl, bot.and("part", "slippage"), v, x -> x.pnl.slippageUsd().doubleValue());
        gauge(r, "arb.pnl", "usd", pnl, bot.and("part", "fees"), v, x -> x.pnl.feesUsd().doubleValue());
        gauge(r, "arb.pnl", "usd", pnl, bot.and("part", "funding"), v, x -> x.pnl.fundingUsd().doubleValue());
        gauge(r, "arb.pnl", "usd", pnl, bot.and("part", "total"), v, x -> x.pnl.totalUsd().doubleValue());
        final String spread = "net spread after both taker fees at the last capture, ratio (0.001 = 0.1 %)";
        gauge(r, "arb.net.spread", "ratio", spread, bot.and("direction", Direction.BUY_A_SELL_B.name()), v,
            x -> x.buyASellBNetPct / 100.0);
        gauge(r, "arb.net.spread", "ratio", spread, bot.and("direction", Direction.BUY_B_SELL_A.name()), v,
            x -> x.buyBSellANetPct / 100.0);
        gauge(r, "arb.market.capture.age", "seconds", "time since the market data was copied on the engine's thread",
            bot, v, BotView::captureAgeSeconds);
    }

    /**
     * Registers the bot's per-leg gauges once both legs' names are known.
     *
     * @param r       the registry
     * @param v       the bot's view ({@link BotView#legsKnown()})
     * @param funding venue/market pairs whose funding gauge exists (shared by bots on the same market)
     */
    static void bindLegs(final MeterRegistry r, final BotView v, final Set<String> funding) {
        for (int i = 0; i < 2; i++) {
            final int leg = i;
            final Tags venue = Tags.of("bot", v.id, "venue", v.venue[leg]);
            gauge(r, "arb.position", "base", "position from fills, signed base units", venue.and("market", v.market[leg]),
                v, x -> x.position(leg));
            gauge(r, "arb.book.age", "seconds", "age of the leg's order book (since its last change)", venue, v,
                x -> x.bookAgeSeconds(leg));
            if (funding.add(v.venue[leg] + '\u0000' + v.market[leg])) {
                gauge(r, "arb.funding.rate.per.hour", null, "funding rate per hour, fraction (positive = longs pay)",
                    Tags.of("venue", v.venue[leg], "market", v.market[leg]), v, x -> x.fundingRatePerHour[leg]);
            }
        }
        v.legsBound = true;
    }

    private static void counter(final MeterRegistry r, final String name, final String help, final Tags tags,
        final BotView v, final ToLongFunction<ExecutorStats> f) {
        FunctionCounter.builder(name, v, x -> f.applyAsLong(x.stats)).description(help).tags(tags).register(r);
    }

    private static void gauge(final MeterRegistry r, final String name, final String unit, final String help,
        final Tags tags, final BotView v, final ToDoubleFunction<BotView> f) {
        Gauge.builder(name, v, f).description(help).baseUnit(unit).tags(tags).strongReference(true).register(r);
    }
}
