package dev.arb.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.MarketSpec;
import dev.arb.capture.CaptureFormatException;
import dev.arb.executor.ExecutorConfig;
import dev.arb.strategy.api.InvalidParameterException;
import dev.arb.strategy.source.StrategyLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb backtest}: the same strategy and engine as {@code run}, over a Paradex and a Vest capture
 * (the {@code record} format), on the captures' clock, with orders filled against the recorded books after
 * {@code --latency-ms}. Prints the main lines and writes the whole result as JSON with {@code --json}.
 *
 * <p><b>Note:</b> a command object; runs on the calling thread.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Run a bot's strategy and the real engine over recorded Paradex and Vest captures.")
public final class BacktestCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BacktestCommand.class);

    @Option(names = "--paradex", required = true, description = "Paradex capture (JSON Lines from 'record').")
    Path paradex;

    @Option(names = "--vest", required = true, description = "Vest capture (JSON Lines from 'record').")
    Path vest;

    @Option(names = "--config", description = "YAML config: the first bot (or --bot) and its parameters. Default: "
        + "the built-in simulation config.")
    Path config;

    @Option(names = "--bot", description = "Which bot of the config to backtest (default: the first).")
    String botId;

    @Option(names = "--strategy", description = "A Java source strategy instead of the configured one.")
    Path strategyFile;

    @Option(names = "--latency-ms", defaultValue = "25", description = "Order latency: an order fills against the "
        + "book as it stands this long after the decision (default ${DEFAULT-VALUE}).")
    BigDecimal latencyMs;

    @Option(names = "--vest-taker-fee", defaultValue = "0.0001", description = "Vest taker fee, fraction of "
        + "notional (default ${DEFAULT-VALUE}).")
    BigDecimal vestFee;

    @Option(names = "--paradex-taker-fee", defaultValue = "0.0003", description = "Paradex taker fee, fraction of "
        + "notional (default ${DEFAULT-VALUE}).")
    BigDecimal paradexFee;

    @Option(names = "--paradex-funding-period-h", defaultValue = "8", description = "The Paradex market's funding "
        + "period, hours (its funding_period_hours in GET /markets; default ${DEFAULT-VALUE}): the recorded "
        + "funding_rate is per this period.")
    double paradexFundingPeriodHours;

    @Option(names = "--json", description = "Write the whole result as JSON to this file.")
    Path json;

    @Option(names = "--report", description = "Write a self-contained HTML report to this file: equity, spreads with "
        + "entries and exits, fills; for a sweep, a PnL heat map (two parameters) or curve (one) and the table.")
    Path report;

    @Option(names = "--sweep", description = "Sweep a parameter: name=start:end:step (inclusive), repeatable; the "
        + "grid runs in parallel on all cores and prints a table sorted by total PnL.")
    List<String> sweeps = new ArrayList<>();

    @Option(names = "--threads", description = "Runs of a sweep at once (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        final SafetyConfig.Loaded loaded;
        final StrategyFactory strategies;
        try {
            loaded = config != null ? SafetyConfig.load(config)
                : new SafetyConfig.Loaded(RunCommand.builtInSimConfig(), SafetyConfig.defaults());
            strategies = StrategyFactory.of(loaded.bots().strategy(), strategyFile);
        } catch (BotConfig.ConfigException | StrategyLoadException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        final BotConfig.Bot bot = loaded.bots().bots().stream().filter(b -> botId == null || b.id().equals(botId))
            .findFirst().orElse(null);
        if (bot == null) {
            System.err.println("error: no bot '" + botId + "' in the config");
            return 2;
        }
        final String vestMarket = loaded.bots().symbol(bot.pair(), "vest");
        final String paradexMarket = loaded.bots().symbol(bot.pair(), "paradex");
        if (vestMarket == null || paradexMarket == null) {
            System.err.println("error: bot " + bot.id() + " must trade a pair with a vest and a paradex symbol");
            return 2;
        }
        final ExecutorConfig executorConfig = loaded.safety().apply(ExecutorConfig.builder()
            .entryThresholdPct(bot.spreadEntry().doubleValue()).exitThresholdPct(bot.spreadExit().doubleValue())
            .positionSizeBase(bot.positionSize()).slippageBps(bot.slippageBpsOrDefault())
            .useVwap(true), bot).deltaCheckIntervalMs(0).build();
        if (!(paradexFundingPeriodHours > 0)) {
            System.err.println("error: --paradex-funding-period-h must be > 0 hours");
            return 2;
        }
        final long latencyNanos = latencyMs.multiply(BigDecimal.valueOf(1_000_000)).longValueExact();
        final BacktestSweep sweep;
        try {
            sweep = new BacktestSweep(sweeps);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        final List<Map<String, String>> grid = sweep.grid();
        final BacktestSeries recorded = report != null && grid.size() == 1 ? new BacktestSeries() : null;
        if (threads != null && threads < 1) {
            System.err.println("error: --threads must be at least 1");
            return 2;
        }
        final ExecutorService pool = Executors.newFixedThreadPool(Math.min(grid.size(),
            threads != null ? threads : Runtime.getRuntime().availableProcessors()));
        final List<Future<ObjectNode>> futures = new ArrayList<>();
        for (Map<String, String> overrides : grid) {
            final BacktestRunner runner = new BacktestRunner(bot, vestMarket, paradexMarket, vestSpec(vestMarket),
                paradexSpec(paradexMarket), strategies, executorConfig, latencyNanos, overrides).recordSeries(recorded)
                .paradexFundingPeriodHours(paradexFundingPeriodHours);
            futures.add(pool.submit(() -> {
                try (InputStream p = Files.newInputStream(paradex);
                     InputStream v = Files.newInputStream(vest)) {
                    return runner.run(p, v);
                }
            }));
        }
        pool.shutdown();
        final List<ObjectNode> results = new ArrayList<>();
        try {
            for (Future<ObjectNode> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof CaptureFormatException || cause instanceof InvalidParameterException) {
                System.err.println("error: " + cause.getMessage());
            } else if (cause instanceof IOException) {
                System.err.println("error: cannot read a capture: " + cause.getMessage());
            } else {
                throw e;
            }
            LOG.debug("backtest failed", cause);
            return 2;
        } finally {
            pool.shutdownNow();
        }
        if (grid.size() > 1) {
            return table(sweep, BacktestSweep.byPnl(results));
        }
        final ObjectNode result = results.get(0);
        System.out.printf("backtest %s (%s) over %s s of captures, %d frames, latency %s ms%n", bot.id(),
            result.get("strategy").asText(), result.get("spanSeconds").asText(), result.get("frames").asLong(),
            result.get("latencyMs").asText());
        System.out.printf("opportunities %d, entries %d, exits %d, one-sided fills %d, unwinds %d, orders %d%n",
            result.get("opportunities").asLong(), result.get("entries").asLong(), result.get("exits").asLong(),
            result.get("oneSidedFills").asLong(), result.get("unwinds").asLong(), result.get("ordersSent").asLong());
        if (result.get("malformedLines").asLong() > 0) {
            System.out.printf("skipped %d capture line(s) that are not frame records (%s)%n",
                result.get("malformedLines").asLong(), result.get("firstMalformedLine").asText());
        }
        final var pnl = result.get("pnl");
        System.out.printf("PnL %s USD over %d round(s) = spread %s + slippage %s + fees %s + funding %s; max drawdown "
            + "%s USD%n", pnl.get("totalUsd").asText(), pnl.get("rounds").asLong(), pnl.get("spreadUsd").asText(),
            pnl.get("slippageUsd").asText(), pnl.get("feesUsd").asText(), pnl.get("fundingUsd").asText(),
            result.get("maxDrawdownUsd").asText());
        if (json != null) {
            Files.writeString(json, BacktestRunner.text(result));
        }
        if (recorded != null) {
            Files.writeString(report, BacktestReport.html(result, recorded));
            System.out.println("report: " + report);
        }
        return result.get("endedFlat").asBoolean() ? 0 : 3;
    }

    /** Prints the sweep's table (and writes it with --json); exit 0 when every run ended flat. */
    private int table(final BacktestSweep sweep, final List<ObjectNode> sorted) throws IOException {
        final StringBuilder head = new StringBuilder();
        for (String n : sweep.names()) {
            head.append(String.format("%-16s", n));
        }
        System.out.println(head + String.format("%8s %8s %12s %12s %12s", "entries", "exits", "pnl USD", "fees USD",
            "max dd USD"));
        boolean flat = true;
        final com.fasterxml.jackson.databind.node.ArrayNode runs = new com.fasterxml.jackson.databind.ObjectMapper()
            .createArrayNode();
        for (ObjectNode r : sorted) {
            final StringBuilder line = new StringBuilder();
            for (String n : sweep.names()) {
                line.append(String.format("%-16s", r.get("parameters").get(n).asText()));
            }
            System.out.println(line + String.format("%8d %8d %12s %12s %12s", r.get("entries").asLong(),
                r.get("exits").asLong(), r.get("pnl").get("totalUsd").asText(), r.get("pnl").get("feesUsd").asText(),
                r.get("maxDrawdownUsd").asText()));
            flat &= r.get("endedFlat").asBoolean();
            runs.add(r);
        }
        if (json != null) {
            final ObjectNode root = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            root.set("runs", runs);
            Files.writeString(json, BacktestRunner.text(root));
        }
        if (report != null) {
            Files.writeString(report, BacktestReport.sweepHtml(sweep, sorted));
            System.out.println("report: " + report);
        }
        return flat ? 0 : 3;
    }

    /** Vest BTC-PERP-like rules at the decoders' scale 8: tick 0.01, step 0.0001 (the simulator's market). */
    private MarketSpec vestSpec(final String market) {
        return MarketSpec.builder().venue("vest").symbol(market).priceScale(8).sizeScale(8).tickSize(1_000_000)
            .stepSize(10_000).takerFeeRate(vestFee).build();
    }

    /** Paradex BTC-USD-PERP rules at scale 8: tick 0.1, step 0.00001, min notional 10 USD (protocol reference §8). */
    private MarketSpec paradexSpec(final String market) {
        return MarketSpec.builder().venue("paradex").symbol(market).priceScale(8).sizeScale(8).tickSize(10_000_000)
            .stepSize(1_000).minNotionalUsd(new BigDecimal("10")).takerFeeRate(paradexFee).build();
    }
}
