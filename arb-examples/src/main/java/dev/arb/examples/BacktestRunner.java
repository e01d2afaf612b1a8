package dev.arb.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderBook;
import dev.arb.api.TimeSource;
import dev.arb.backtest.BacktestVenue;
import dev.arb.backtest.VirtualTime;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.ExecutorStats;
import dev.arb.executor.PnlBreakdown;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.journal.Journal;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.MarketBookState;
import dev.arb.paradex.sbe.CaptureReader;
import dev.arb.paradex.sbe.CapturedFrame;
import dev.arb.paradex.sbe.MarketSummaryUpdate;
import dev.arb.paradex.sbe.ParadexSbe;
import dev.arb.paradex.sbe.ParadexSbeDecoder;
import dev.arb.paradex.sbe.ParadexSbeListener;
import dev.arb.strategy.api.Strategy;
import dev.arb.vest.internal.VestDepthDecoder;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;

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
    private static final long END_GRACE_NS = TimeUnit.SECONDS.toNanos(30);
    private static final String TICKERS = "{\"channel\":\"tickers\"";
    /** Paradex's default funding period, hours (the docs' Funding Mechanism page; markets may differ). */
    private static final double PARADEX_FUNDING_PERIOD_H = 8;

    private final BotConfig.Bot bot;
    private final String vestMarket;
    private final String paradexMarket;
    private final MarketSpec vestSpec;
    private final MarketSpec paradexSpec;
    private final StrategyFactory strategies;
    private final ExecutorConfig config;
    private final long latencyNanos;
    private final java.util.Map<String, String> overrides;
    private BacktestSeries series;

    BacktestRunner(final BotConfig.Bot bot, final String vestMarket, final String paradexMarket,
        final MarketSpec vestSpec, final MarketSpec paradexSpec, final StrategyFactory strategies,
        final ExecutorConfig config, final long latencyNanos, final java.util.Map<String, String> overrides) {
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
     * @param recorded where to record the report's series (spreads, entries, exits, equity, fills), or null
     * @return this
     */
    BacktestRunner recordSeries(final BacktestSeries recorded) {
        this.series = recorded;
        return this;
    }

    /**
     * @param paradex the Paradex capture (record format: SBE binary or JSON text frames)
     * @param vest    the Vest capture
     * @return the result document (counters, PnL attribution, rounds, drawdown)
     * @throws IOException if reading fails
     * @throws dev.arb.paradex.sbe.CaptureFormatException naming the line of a malformed record
     */
    ObjectNode run(final Reader paradex, final Reader vest) throws IOException {
        final VirtualTime time = new VirtualTime(0L);
        final TimeSource clock = time.asTimeSource();
        final BacktestVenue v = BacktestVenue.builder().venue("vest").time(time).market(vestSpec)
            .latencyNanos(latencyNanos).build();
        final BacktestVenue p = BacktestVenue.builder().venue("paradex").time(time).market(paradexSpec)
            .latencyNanos(latencyNanos).build();
        final List<PnlBreakdown> rounds = new ArrayList<>();
        final long[] exposure = new long[2]; // [0] open since (ns, or -1 when flat), [1] total exposed ns
        exposure[0] = -1;
        final ExecutionListener listener = new ExecutionListener() {
            @Override
            public void onRoundClosed(final PnlBreakdown round) {
                rounds.add(round);
                if (exposure[0] >= 0) {
                    exposure[1] += time.nanoTime() - exposure[0];
                    exposure[0] = -1;
                }
                if (series != null) {
                    series.equityTimes.add(time.nanoTime());
                    series.equity.add(series.equity.isEmpty() ? round.totalUsd()
                        : series.equity.get(series.equity.size() - 1).add(round.totalUsd()));
                }
            }

            @Override
            public void onEntry(final dev.arb.strategy.api.Direction d, final BigDecimal size) {
                if (exposure[0] < 0) {
                    exposure[0] = time.nanoTime();
                }
                if (series != null) {
                    series.entryTimes.add(time.nanoTime());
                }
            }

            @Override
            public void onExit(final dev.arb.strategy.api.Direction d, final BigDecimal size, final BigDecimal pnl) {
                if (series != null) {
                    series.exitTimes.add(time.nanoTime());
                }
            }
        };
        final Journal journal = Journal.inMemory();
        final RiskGuard risk = new RiskGuard(RiskLimits.errorsOnly(config.maxConsecutiveErrors()), a -> { }, journal,
            time.clock());
        final Strategy strategy = strategies.create();
        final java.util.Map<String, String> params = new java.util.LinkedHashMap<>(strategies.parametersFor(bot, strategy));
        params.putAll(overrides);
        final DeltaNeutralExecutor executor = new DeltaNeutralExecutor(v, vestMarket, p, paradexMarket, config,
            time.executor(), listener, new ExecutorContext(bot.id(), journal, a -> { }, risk, null, clock), strategy,
            strategies.source(), params);
        executor.start();
        time.runUntilIdle();

        final dev.arb.executor.MarketSnapshot market = new dev.arb.executor.MarketSnapshot();
        if (series != null) {
            final dev.arb.strategy.api.Parameters params0 = executor.parameters();
            series.entryThresholdPct = params0.has("spread_entry") ? params0.asDouble("spread_entry") : Double.NaN;
            series.exitThresholdPct = params0.has("spread_exit") ? params0.asDouble("spread_exit") : Double.NaN;
        }
        final OrderBook vBook = v.book(vestMarket);
        final OrderBook pBook = p.book(paradexMarket);
        final ParadexSbeDecoder sbe = new ParadexSbeDecoder(new ParadexSbeListener() {
            @Override
            public void onMarketSummary(final MarketSummaryUpdate summary) {
                // Paradex funding_rate is per the market's funding period (8 h by default): normalised to 1 h
                final long precise = summary.fundingRatePrecise();
                final double perPeriod = precise != ParadexSbe.NULL_VALUE
                    ? precise / Math.pow(10, ParadexSbe.PRECISE_RATE_SCALE)
                    : summary.fundingRate() / Math.pow(10, ParadexSbe.RATE_SCALE);
                if (paradexMarket.equals(summary.market())) {
                    p.setFundingRatePerHour(paradexMarket, perPeriod / PARADEX_FUNDING_PERIOD_H);
                }
            }
        });
        sbe.addBook(pBook);
        final MarketBookState pJson = new MarketBookState(paradexMarket, "order_book." + paradexMarket, 256);
        final BookFeed json = new BookFeed(s -> { });
        json.add(pJson);
        final VestDepthDecoder vestDecoder = new VestDepthDecoder();
        vestDecoder.rejectUnsorted(false);
        final byte[] vestChannel = (vestMarket + "@depth").getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        final CaptureReader pr = new CaptureReader(paradex);
        final CaptureReader vr = new CaptureReader(vest);
        CapturedFrame pf = pr.next();
        CapturedFrame vf = vr.next();
        long frames = 0;
        long malformed = 0;
        long first = Long.MIN_VALUE;
        long last = 0;
        while (pf != null || vf != null) {
            final boolean takeParadex = vf == null || pf != null && pf.receivedNanos() <= vf.receivedNanos();
            final CapturedFrame f = takeParadex ? pf : vf;
            final long now = f.receivedNanos();
            if (first == Long.MIN_VALUE) {
                first = now;
            }
            last = now;
            time.advanceTo(Math.max(now, time.nanoTime()));
            frames++;
            if (takeParadex) {
                final long seq = pBook.sequence();
                if (f.opcode() == CapturedFrame.Opcode.BINARY) {
                    view.wrap(f.payload());
                    sbe.decode(view, 0, f.payload().length, now);
                } else {
                    final byte[] bytes = f.text().getBytes(StandardCharsets.UTF_8);
                    final long jsonSeq = pJson.book().sequence();
                    final boolean jsonValid = pJson.book().isValid();
                    json.onFrame(bytes, 0, bytes.length, now);
                    if (pJson.book().sequence() != jsonSeq || pJson.book().isValid() != jsonValid) {
                        pBook.copyFrom(pJson.book()); // a JSON book frame (the SBE path writes pBook itself)
                    }
                }
                if (pBook.sequence() != seq || !pBook.isValid()) {
                    p.publish(paradexMarket);
                }
                pf = pr.next();
            } else {
                final byte[] bytes = f.text() == null ? f.payload() : f.text().getBytes(StandardCharsets.UTF_8);
                if (f.text() != null && f.text().startsWith(TICKERS)) {
                    vestFunding(f.text(), v);
                }
                try {
                    if (vestDecoder.scan(bytes, 0, bytes.length) == VestDepthDecoder.FRAME_CHANNEL
                        && vestDecoder.isDepthChannel() && vestDecoder.channelEquals(vestChannel)) {
                        vestDecoder.applyDepth(vBook, now);
                        v.publish(vestMarket);
                    }
                } catch (final MalformedMessageException e) {
                    malformed++;
                }
                vf = vr.next();
            }
            time.runUntilIdle();
            if (series != null) {
                executor.captureMarket(market);
                if (!Double.isNaN(market.entryNetPct)) {
                    series.spread(now, market.entryNetPct, market.exitNetPct);
                }
            }
        }
        // the run ends flat, as the live bot does on stop
        final CompletableFuture<Void> flat = executor.flatten();
        time.runUntilIdle();
        final long deadline = time.nanoTime() + END_GRACE_NS;
        while (!flat.isDone() && time.nanoTime() < deadline) {
            time.advanceTo(time.nanoTime() + latencyNanos + 1);
        }
        final ObjectNode result = result(executor, rounds, frames, malformed + json.malformedMessages()
            + sbe.malformedFrames(), first == Long.MIN_VALUE ? 0 : last - first,
            flat.isDone() && !flat.isCompletedExceptionally());
        if (series != null) {
            series.fills.addAll(v.recentFills(vestMarket, 0).join());
            series.fills.addAll(p.recentFills(paradexMarket, 0).join());
            series.fills.sort(java.util.Comparator.comparingLong(dev.arb.api.Fill::timestampMs));
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

    /** Vest {@code tickers}: {@code oneHrFundingRate} is already per hour (Vest API docs: funding is hourly). */
    private void vestFunding(final String text, final BacktestVenue v) {
        try {
            for (com.fasterxml.jackson.databind.JsonNode t : JSON.readTree(text).path("data")) {
                if (vestMarket.equals(t.path("symbol").asText()) && t.hasNonNull("oneHrFundingRate")) {
                    v.setFundingRatePerHour(vestMarket, new BigDecimal(t.get("oneHrFundingRate").asText()).doubleValue());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a malformed tickers frame: the last known rate stays (counted with the decoder's malformed frames)
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
