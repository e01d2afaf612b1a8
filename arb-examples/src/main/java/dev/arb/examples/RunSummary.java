package dev.arb.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.executor.BreakerStatus;
import dev.arb.executor.LiquidationStatus;
import dev.arb.executor.ParamChange;
import dev.arb.executor.PnlBreakdown;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run did, for the human summary and {@code --summary-json}.
 *
 * <p>Amounts: positions in base units (as the venues report them, on the market's step), PnL and fees in
 * USD rounded to the cent, latencies in ns. The PnL is the sum of the rounds' lines
 * ({@code spreadUsd + slippageUsd + feesUsd + fundingUsd = totalUsd}), the same lines the log and the
 * journal carry.
 *
 * <p><b>Note:</b> immutable once built; thread-safe.
 *
 * @param mode             {@code sim} or {@code live}
 * @param durationMs       wall time traded, ms
 * @param opportunities    opportunities seen above the entry threshold while entries were allowed
 * @param opportunitiesRefused opportunities seen while entries were refused wholesale (halted, breaker open,
 *                         paused, stopping)
 * @param entries          entries with a matched size
 * @param exits            exits
 * @param oneSidedFills    entries or exits where one leg filled more than the other
 * @param unwinds          unwind orders sent
 * @param ordersSent       orders sent to both venues
 * @param ordersRejected   orders the venues rejected
 * @param netPositionBase  per venue after shutdown, base units (signed), plus {@code "sum"}
 * @param pnl              realized PnL explained, USD in cents: spread, slippage, fees (negative), funding, total
 * @param halt             who halted trading and why (a bot, the operator, the risk guard), or null
 * @param tickToDecision   tick-to-decision latency histogram, ns
 * @param decisionToAck    decision-to-ack latency histogram, ns
 * @param breaker          the shared circuit breaker at the end of the run
 * @param alerts           alerts raised during the run
 * @param reconciliation   per bot, the start-up reconciliation outcome
 * @param strategy         the strategy's name
 * @param strategySha256   SHA-256 of its source file, its class name, or {@code built-in}
 * @param strategySwaps    strategies that took over while running (summed over bots)
 * @param strategySwapFailures replacements refused: compile errors, throws on construction or dry run
 * @param paramChanges     parameters changed while running, oldest first
 * @param liquidation      per bot, the liquidation guard's view just before the final flatten (empty when off)
 */
record RunSummary(String mode, long durationMs, long opportunities, long opportunitiesRefused, long entries, long exits,
    long oneSidedFills, long unwinds, long ordersSent, long ordersRejected, Map<String, BigDecimal> netPositionBase,
    PnlBreakdown pnl, Halt halt, Histogram tickToDecision, Histogram decisionToAck,
    BreakerStatus breaker, long alerts, Map<String, String> reconciliation, String strategy, String strategySha256,
    long strategySwaps, long strategySwapFailures, List<ParamChange> paramChanges,
    Map<String, LiquidationStatus> liquidation) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Who stopped new entries, and why.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     *
     * @param by     {@code bot <id>} (the bot halted itself: unwind failed, drift, unknown outcome ...),
     *               {@code operator} ({@code halt} command or API) or {@code risk} (daily loss limit)
     * @param reason the halt's reason, or null if unknown
     */
    record Halt(String by, String reason) {
        /** @return {@code true} unless the operator asked for it (then the run ended as asked) */
        boolean unexpected() {
            return !"operator".equals(by);
        }
    }

    /** @return whether trading was halted at the end of the run, by anyone */
    boolean halted() {
        return halt != null;
    }

    /** @return whether a bot or the risk guard halted (not the operator): exit code 3 */
    boolean haltedUnexpectedly() {
        return halt != null && halt.unexpected();
    }

    /** @return the JSON document written by {@code --summary-json} */
    ObjectNode toJson() {
        final ObjectNode root = JSON.createObjectNode();
        root.put("mode", mode);
        root.put("durationMs", durationMs);
        root.put("opportunities", opportunities);
        root.put("opportunitiesRefused", opportunitiesRefused);
        root.put("entries", entries);
        root.put("exits", exits);
        root.put("oneSidedFills", oneSidedFills);
        root.put("unwinds", unwinds);
        root.put("ordersSent", ordersSent);
        root.put("ordersRejected", ordersRejected);
        final ObjectNode positions = root.putObject("netPositionBase");
        netPositionBase.forEach((venue, size) -> positions.put(venue, size));
        root.put("realizedPnlUsd", pnl.totalUsd());
        root.put("feesUsd", pnl.feesUsd().negate());
        final ObjectNode p = root.putObject("pnl");
        p.put("rounds", pnl.rounds());
        p.put("spreadUsd", pnl.spreadUsd());
        p.put("slippageUsd", pnl.slippageUsd());
        p.put("feesUsd", pnl.feesUsd());
        p.put("fundingUsd", pnl.fundingUsd());
        p.put("totalUsd", pnl.totalUsd());
        final ObjectNode st = root.putObject("strategy");
        st.put("name", strategy);
        st.put("sha256", strategySha256);
        root.put("strategySwaps", strategySwaps);
        root.put("strategySwapFailures", strategySwapFailures);
        final ArrayNode changes = root.putArray("paramChanges");
        for (ParamChange c : paramChanges) {
            final ObjectNode n = changes.addObject();
            n.put("time", java.time.Instant.ofEpochMilli(c.timeMs()).toString());
            n.put("bot", c.bot());
            n.put("param", c.param());
            n.put("old", c.oldValue());
            n.put("new", c.newValue());
        }
        root.put("halted", halted());
        root.put("haltedBy", halt == null ? null : halt.by());
        root.put("haltReason", halt == null ? null : halt.reason());
        final ObjectNode b = root.putObject("breaker");
        b.put("state", breaker.state());
        b.put("trips", breaker.trips());
        b.put("lastReason", breaker.lastReason());
        b.put("dailyPnlUsd", breaker.dailyPnlUsd());
        b.put("haltedBy", breaker.haltedBy());
        root.put("alerts", alerts);
        final ObjectNode liq = root.putObject("liquidation");
        liquidation.forEach((bot, guard) -> {
            final ObjectNode n = liq.putObject(bot);
            n.put("closestVenue", guard.closestVenue());
            putPct(n, "distancePct", guard.minDistancePct());
            putPct(n, "lowestDistancePct", guard.lowestSeenPct());
            n.put("alerts", guard.alerts());
            n.put("reductions", guard.reductions());
            n.put("readFailures", guard.readFailures());
        });
        final ObjectNode rec = root.putObject("reconciliation");
        reconciliation.forEach(rec::put);
        percentiles(root.putObject("tickToDecisionNanos"), tickToDecision);
        percentiles(root.putObject("decisionToAckNanos"), decisionToAck);
        return root;
    }

    /**
     * @param file where to write the JSON
     * @throws IOException if writing fails
     */
    void writeJson(final Path file) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writeValueAsString(toJson()) + System.lineSeparator());
    }

    /** @param out where to print the human summary */
    void print(final PrintStream out) {
        out.println();
        out.println("=== arb run summary (" + mode + ", " + durationMs / 1000.0 + " s) ===");
        out.printf("opportunities %d (and %d refused while halted), entries %d, exits %d, one-sided fills %d, "
            + "unwinds %d%n", opportunities, opportunitiesRefused, entries, exits, oneSidedFills, unwinds);
        out.printf("orders sent %d, rejected %d%n", ordersSent, ordersRejected);
        final StringBuilder pos = new StringBuilder();
        netPositionBase.forEach((venue, size) -> pos.append(pos.length() == 0 ? "" : ", ").append(venue).append(' ')
            .append(size.toPlainString()));
        out.println("net position (base units) " + pos);
        out.println("realized PnL " + pnl.totalUsd().toPlainString() + " USD over " + pnl.rounds() + " round(s): "
            + pnl.describe());
        out.println("strategy " + strategy + " (" + strategySha256 + "), swaps " + strategySwaps + ", refused "
            + strategySwapFailures + ", parameter changes " + paramChanges.size());
        for (ParamChange c : paramChanges) {
            out.println("  " + java.time.Instant.ofEpochMilli(c.timeMs()) + " " + c.bot() + " " + c.param() + " "
                + c.oldValue() + " -> " + c.newValue());
        }
        out.printf("tick-to-decision p50 %s, p99 %s; decision-to-ack p50 %s, p99 %s%n",
            micros(tickToDecision, 50), micros(tickToDecision, 99), micros(decisionToAck, 50), micros(decisionToAck, 99));
        out.println("breaker " + breaker.state() + " (trips " + breaker.trips() + (breaker.lastReason() != null
            ? ", last: " + breaker.lastReason() : "") + "), alerts " + alerts + ", reconciliation " + reconciliation);
        liquidation.forEach((bot, st) -> out.println("margin " + bot + ": " + st.describe()));
        if (halt != null) {
            out.println("HALTED by " + halt.by() + (halt.reason() == null ? "" : ": " + halt.reason())
                + (halt.unexpected() ? " (see the log; exit code 3)" : ""));
        }
    }

    /** Writes a distance in percent to 2 decimals; null when flat (infinite) or unknown. */
    private static void putPct(final ObjectNode n, final String field, final double pct) {
        if (Double.isFinite(pct)) {
            n.put(field, BigDecimal.valueOf(pct).setScale(2, java.math.RoundingMode.HALF_EVEN));
        } else {
            n.putNull(field);
        }
    }

    private static void percentiles(final ObjectNode node, final Histogram h) {
        node.put("count", h.getTotalCount());
        node.put("p50", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50));
        node.put("p99", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99));
        node.put("max", h.getMaxValue());
    }

    private static String micros(final Histogram h, final double percentile) {
        if (h.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format("%.1f µs", h.getValueAtPercentile(percentile) / 1000.0);
    }

    /** @return an empty per-venue position map in insertion order */
    static Map<String, BigDecimal> positions() {
        return new LinkedHashMap<>();
    }
}
