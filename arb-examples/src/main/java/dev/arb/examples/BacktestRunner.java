package dev.arb.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.MarketSpec;
import dev.arb.backtest.BacktestSession;
import dev.arb.backtest.BacktestVenue;
import dev.arb.backtest.PairedCaptureFeed;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorStats;
import dev.arb.executor.PnlBreakdown;
import dev.arb.strategy.api.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs one bot's strategy and the real engine over a Paradex and a Vest capture, merged by receive time, on
 * the captures' clock: every frame goes through the real decoders into the backtest venues' books
 * (Paradex SBE or JSON, Vest {@code @depth}), the engine decides on each book change exactly as live, and
 * its orders fill against the recorded books after the configured latency ({@link BacktestVenue}). Funding
 * rates come from the recorded Paradex markets summaries (SBE; the period's rate over 8 h) and Vest
 * {@code tickers} (hourly). The run ends flat (a flatten after the last frame). Deterministic: the same inputs
 * give the same result.
 *
 * <p><b>Note:</b> one run per instance, on the calling thread (the engine's thread is the virtual clock's
 * executor, drained by this loop).
 */
final class BacktestRunner {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BotConfig.Bot bot;
    private final String vestMarket;
    private final String paradexMarket;
    private final MarketSpec vestSpec;
    private final MarketSpec paradexSpec;
    private final StrategyFactory strategies;
    private final ExecutorConfig config;
    private final long latencyNanos;
    private final Map<String, String> overrides;
    private BacktestSeries series;
    private double paradexFundingPeriodHours = PairedCaptureFeed.DEFAULT_PARADEX_FUNDING_PERIOD_HOURS;

    BacktestRunner(final BotConfig.Bot bot, final String vestMarket, final String paradexMarket,
        final MarketSpec vestSpec, final MarketSpec paradexSpec, final StrategyFactory strategies,
        final ExecutorConfig config, final long latencyNanos, final Map<String, String> overrides) {
        this.bot = bot;
        this.vestMarket = vestMarket;
        this.paradexMarket = paradexMarket;
        this.vestSpec = vestSpec;
        this.paradexSpec = paradexSpec;
        this.strategies = strategies;
        this.config = config;
        this.latencyNanos = latencyNanos;
        this.overrides = overrides;
    }

    /**
     * @param hours the Paradex market's funding period (its {@code funding_period_hours}), &gt; 0
     * @return this
     */
    BacktestRunner paradexFundingPeriodHours(final double hours) {
        this.paradexFundingPeriodHours = hours;
        return this;
    }

    /**
     * @param recorded where to record the report's series (spreads, entries, exits, equity, fills), or null
     * @return this
     */
    BacktestRunner recordSeries(final BacktestSeries recorded) {
        this.series = recorded;
        return this;
    }

    /**
     * @param paradex the Paradex capture bytes (record format: SBE binary or JSON text frames)
     * @param vest    the Vest capture bytes
     * @return the result document (counters, PnL attribution, rounds, drawdown)
     * @throws IOException if reading fails
     * @throws dev.arb.capture.CaptureFormatException naming the line of a malformed record
     */
    ObjectNode run(final InputStream paradex, final InputStream vest) throws IOException {
        final BacktestSession[] session = new BacktestSession[1];
        final LongSupplier now = () -> session[0].time().nanoTime();
        final List<PnlBreakdown> rounds = new ArrayList<>();
        final long[] exposure = new long[2]; // [0] open since (ns, or -1 when flat), [1] total exposed ns
        exposure[0] = -1;
        final ExecutionListener listener = new ExecutionListener() {
            @Override
            public void onRoundClosed(final PnlBreakdown round) {
                rounds.add(round);
                if (exposure[0] >= 0) {
                    exposure[1] += now.getAsLong() - exposure[0];
                    exposure[0] = -1;
                }
                if (series != null) {
                    series.equityTimes.add(now.getAsLong());
                    series.equity.add(series.equity.isEmpty() ? round.totalUsd()
                        : series.equity.get(series.equity.size() - 1).add(round.totalUsd()));
                }
            }

            @Override
            public void onEntry(final dev.arb.strategy.api.Direction d, final BigDecimal size) {
                if (exposure[0] < 0) {
                    exposure[0] = now.getAsLong();
                }
                if (series != null) {
                    series.entryTimes.add(now.getAsLong());
                }
            }

            @Override
            public void onExit(final dev.arb.strategy.api.Direction d, final BigDecimal size, final BigDecimal pnl) {
                if (series != null) {
                    series.exitTimes.add(now.getAsLong());
                }
            }
        };
        final Strategy strategy = strategies.create();
        final Map<String, String> params = new LinkedHashMap<>(strategies.parametersFor(bot, strategy));
        params.putAll(overrides);
        session[0] = BacktestSession.builder().markets(vestSpec, paradexSpec).config(config)
            .strategy(strategy, strategies.source(), params).listener(listener).botId(bot.id())
            .latencyNanos(latencyNanos).paradexFundingPeriodHours(paradexFundingPeriodHours).build();
        final DeltaNeutralExecutor executor = session[0].executor();
        final dev.arb.executor.MarketSnapshot market = new dev.arb.executor.MarketSnapshot();
        if (series != null) {
            final dev.arb.strategy.api.Parameters params0 = executor.parameters();
            series.entryThresholdPct = params0.has("spread_entry") ? params0.asDouble("spread_entry") : Double.NaN;
            series.exitThresholdPct = params0.has("spread_exit") ? params0.asDouble("spread_exit") : Double.NaN;
        }
        session[0].run(paradex, vest, series == null ? null : t -> {
            executor.captureMarket(market);
            if (!Double.isNaN(market.buyASellBNetPct)) {
                series.spread(t, market.buyASellBNetPct, market.buyBSellANetPct);
            }
        });
        final PairedCaptureFeed feed = session[0].feed();
        final ObjectNode result = result(executor, rounds, feed.frames(), feed.malformed(),
            feed.firstNanos() == Long.MIN_VALUE ? 0 : feed.lastNanos() - feed.firstNanos(), session[0].endedFlat());
        final BacktestVenue v = session[0].vest();
        final BacktestVenue p = session[0].paradex();
        if (series != null) {
            series.fills.addAll(v.recentFills(vestMarket, 0).join());
            series.fills.addAll(p.recentFills(paradexMarket, 0).join());
            series.fills.sort(java.util.Comparator.comparingLong(dev.arb.api.Fill::timestampMs));
        }
        result.put("malformedLines", feed.malformedLines());
        if (feed.firstMalformedLine() != null) {
            result.put("firstMalformedLine", feed.firstMalformedLine());
        }
        result.put("exposureSeconds", BigDecimal.valueOf(exposure[1], 9).setScale(3, java.math.RoundingMode.HALF_UP));
        final ObjectNode funding = result.putObject("lastFundingRatePerHour");
        rate(funding, "vest", v.fundingRatePerHour(vestMarket));
        rate(funding, "paradex", p.fundingRatePerHour(paradexMarket));
        return result;
    }

    private static void rate(final ObjectNode n, final String venue, final double rate) {
        if (Double.isNaN(rate)) {
            n.putNull(venue);
        } else {
            n.put(venue, BigDecimal.valueOf(rate).round(new java.math.MathContext(6)).toPlainString());
        }
    }

    private ObjectNode result(final DeltaNeutralExecutor executor, final List<PnlBreakdown> rounds, final long frames,
        final long malformed, final long spanNanos, final boolean endedFlat) {
        final ExecutorStats s = executor.stats();
        final ObjectNode root = JSON.createObjectNode();
        root.put("bot", bot.id());
        root.put("strategy", executor.strategyStatus().name());
        root.put("source", executor.strategyStatus().sourceSha256());
        root.put("latencyMs", BigDecimal.valueOf(latencyNanos, 6).stripTrailingZeros().toPlainString());
        root.put("frames", frames);
        root.put("malformed", malformed);
        root.put("spanSeconds", BigDecimal.valueOf(spanNanos, 9).setScale(3, java.math.RoundingMode.HALF_UP));
        final ObjectNode params = root.putObject("parameters");
        executor.parameters().asText().forEach(params::put);
        root.put("opportunities", s.opportunities());
        root.put("entries", s.entries());
        root.put("exits", s.exits());
        root.put("oneSidedFills", s.oneSidedFills());
        root.put("unwinds", s.unwinds());
        root.put("ordersSent", s.ordersSent());
        root.put("ordersRejected", s.ordersRejected());
        root.put("endedFlat", endedFlat);
        final PnlBreakdown total = executor.pnl().toCents();
        final ObjectNode pnl = root.putObject("pnl");
        pnl.put("rounds", total.rounds());
        pnl.put("spreadUsd", total.spreadUsd());
        pnl.put("slippageUsd", total.slippageUsd());
        pnl.put("feesUsd", total.feesUsd());
        pnl.put("fundingUsd", total.fundingUsd());
        pnl.put("totalUsd", total.totalUsd());
        BigDecimal equity = BigDecimal.ZERO;
        BigDecimal peak = BigDecimal.ZERO;
        BigDecimal drawdown = BigDecimal.ZERO;
        final ArrayNode lines = root.putArray("rounds");
        for (PnlBreakdown r : rounds) {
            equity = equity.add(r.totalUsd());
            peak = peak.max(equity);
            drawdown = drawdown.max(peak.subtract(equity));
            final ObjectNode n = lines.addObject();
            n.put("spreadUsd", r.spreadUsd());
            n.put("slippageUsd", r.slippageUsd());
            n.put("feesUsd", r.feesUsd());
            n.put("fundingUsd", r.fundingUsd());
            n.put("totalUsd", r.totalUsd());
            n.put("equityUsd", equity);
        }
        root.put("maxDrawdownUsd", drawdown);
        return root;
    }

    /** @return the document as the JSON text {@code --json} writes (stable field order, two-space indent) */
    static String text(final ObjectNode result) throws IOException {
        return JSON.writeValueAsString(result) + "\n";
    }
}
