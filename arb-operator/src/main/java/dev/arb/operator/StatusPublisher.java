package dev.arb.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.ExchangeAdapter;
import dev.arb.api.FixedPoint;
import dev.arb.api.VenueHealth;
import dev.arb.executor.BreakerStatus;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutorStats;
import dev.arb.executor.MarketSnapshot;
import dev.arb.executor.PnlBreakdown;
import dev.arb.executor.StrategyStatus;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Parameters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the status document ({@code GET /api/status}, SSE {@code status}) from what the engine
 * publishes. Market data is copied on the engine's thread by {@link DeltaNeutralExecutor#captureMarket}
 * into one reused {@link MarketSnapshot} per bot (a task handed to the engine a few times a second,
 * allocation-free there); this class reads those snapshots under their version counter and everything
 * else from the executors' thread-safe accessors, on the publisher's own thread.
 *
 * <p><b>Note:</b> confined to the publisher thread, except {@link #captureTask()}, which runs on the
 * engine's thread.
 */
final class StatusPublisher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OperatorSource source;
    private final OperatorEvents events;
    private final String mutations;
    private final long startedMs = System.currentTimeMillis();
    private final Map<String, MarketSnapshot> snapshots = new LinkedHashMap<>();
    private final MarketSnapshot scratch = new MarketSnapshot();
    private final DeltaNeutralExecutor[] bots;
    private final MarketSnapshot[] live;
    private final Runnable capture = this::captureAll;

    StatusPublisher(final OperatorSource source, final OperatorEvents events, final String mutations) {
        this.source = source;
        this.events = events;
        this.mutations = mutations;
        for (String id : source.bots().keySet()) {
            snapshots.put(id, new MarketSnapshot());
        }
        bots = source.bots().values().toArray(new DeltaNeutralExecutor[0]);
        live = snapshots.values().toArray(new MarketSnapshot[0]);
    }

    /** Runs on the engine's thread: copies every bot's market into its snapshot; allocation-free. */
    private void captureAll() {
        for (int i = 0; i < bots.length; i++) {
            bots[i].captureMarket(live[i]);
        }
    }

    /** @return the task that copies every bot's market snapshot; run it on the engine's thread */
    Runnable captureTask() {
        return capture;
    }

    /** @return the status document as JSON text */
    String build() throws JsonProcessingException {
        final ObjectNode root = JSON.createObjectNode();
        final long now = System.currentTimeMillis();
        root.put("time", Instant.ofEpochMilli(now).toString());
        root.put("mode", source.mode());
        root.put("uptimeMs", now - startedMs);
        root.put("mutations", mutations);
        final BreakerStatus b = source.risk().status();
        final ObjectNode breaker = root.putObject("breaker");
        breaker.put("state", b.state());
        breaker.put("trips", b.trips());
        breaker.put("lastReason", b.lastReason());
        breaker.put("dailyPnlUsd", cents(b.dailyPnlUsd()));
        final ArrayNode venues = root.putArray("venues");
        for (Map.Entry<String, ExchangeAdapter> v : source.venues().entrySet()) {
            final ObjectNode n = venues.addObject();
            n.put("name", v.getKey());
            n.put("connected", v.getValue().isConnected());
            n.put("status", v.getValue().venueStatus().name());
            final VenueHealth h = v.getValue().health();
            n.put("reconnects", h.reconnects());
            n.put("decodeErrors", h.decodeErrors());
            n.put("sequenceGaps", h.sequenceGaps());
            n.put("rateLimited", h.rateLimited());
        }
        final ArrayNode bots = root.putArray("bots");
        source.bots().forEach((id, e) -> bot(bots.addObject(), id, e));
        final ArrayNode alerts = root.putArray("alerts");
        events.recentAlerts().forEach(alerts::add);
        return JSON.writeValueAsString(root);
    }

    private void bot(final ObjectNode n, final String id, final DeltaNeutralExecutor e) {
        final ExecutorStats s = e.stats();
        n.put("id", id);
        n.put("state", s.state());
        n.put("halted", s.halted());
        n.put("haltReason", s.haltReason());
        final StrategyStatus st = e.strategyStatus();
        final ObjectNode strategy = n.putObject("strategy");
        strategy.put("name", st.name());
        strategy.put("source", st.sourceSha256());
        strategy.put("swaps", st.swaps());
        strategy.put("swapFailures", st.swapFailures());
        strategy.put("errors", st.errors());
        final Parameters p = e.parameters();
        final ArrayNode params = n.putArray("parameters");
        for (ParamSpec spec : p.specs()) {
            final ObjectNode q = params.addObject();
            q.put("name", spec.name());
            q.put("value", p.text(spec.name()));
            q.put("unit", spec.unit());
            q.put("type", spec.type().name());
            q.put("min", spec.min() == null ? null : spec.min().toPlainString());
            q.put("max", spec.max() == null ? null : spec.max().toPlainString());
            q.put("live", spec.live());
            q.put("description", spec.description());
        }
        market(n, snapshots.get(id), p);
        n.put("netDelta", s.positionA().add(s.positionB()).stripTrailingZeros().toPlainString());
        final ObjectNode c = n.putObject("counters");
        c.put("opportunities", s.opportunities());
        c.put("entries", s.entries());
        c.put("exits", s.exits());
        c.put("oneSidedFills", s.oneSidedFills());
        c.put("unwinds", s.unwinds());
        c.put("ordersSent", s.ordersSent());
        c.put("ordersRejected", s.ordersRejected());
        c.put("lostAcks", s.lostAcks());
        c.put("droppedInFlight", s.droppedInFlight());
        c.put("staleQuoteSkips", s.staleQuoteSkips());
        c.put("riskBlocked", s.riskBlocked());
        c.put("opportunitiesRefused", s.opportunitiesRefused());
        c.put("marketLimitBlocked", s.marketLimitBlocked());
        final PnlBreakdown pnl = e.pnl().toCents();
        final ObjectNode pn = n.putObject("pnl");
        pn.put("rounds", pnl.rounds());
        pn.put("spreadUsd", pnl.spreadUsd().toPlainString());
        pn.put("slippageUsd", pnl.slippageUsd().toPlainString());
        pn.put("feesUsd", pnl.feesUsd().toPlainString());
        pn.put("fundingUsd", pnl.fundingUsd().toPlainString());
        pn.put("totalUsd", pnl.totalUsd().toPlainString());
        pn.put("unrealizedUsd", cents(s.unrealizedPnlUsd()));
        final ObjectNode lat = n.putObject("latency");
        source.latencyMicros(id).forEach((name, v) -> {
            final ObjectNode h = lat.putObject(name);
            h.put("p50", v[0]);
            h.put("p99", v[1]);
            h.put("p999", v[2]);
            h.put("max", v[3]);
        });
    }

    /** Copies the bot's market snapshot under its version counter, then writes legs and spreads. */
    private void market(final ObjectNode n, final MarketSnapshot live, final Parameters p) {
        final MarketSnapshot m = scratch;
        for (int tries = 0; tries < 100; tries++) {
            final long v = live.version();
            if ((v & 1) == 0) {
                copy(live, m);
                if (live.version() == v) {
                    break;
                }
            }
        }
        n.put("paused", m.entriesPaused);
        final ArrayNode legs = n.putArray("legs");
        for (int i = 0; i < 2; i++) {
            final ObjectNode l = legs.addObject();
            l.put("venue", m.venue[i]);
            l.put("market", m.market[i]);
            l.put("bid", price(m.bid[i], m.priceScale[i]));
            l.put("bidSize", size(m.bidSize[i], m.sizeScale[i]));
            l.put("ask", price(m.ask[i], m.priceScale[i]));
            l.put("askSize", size(m.askSize[i], m.sizeScale[i]));
            l.put("bookAgeMs", m.bookAgeMs[i]);
            l.put("position", size(m.position[i], m.sizeScale[i]));
            if (Double.isNaN(m.fundingRatePerHour[i])) {
                l.putNull("fundingRatePerHour");
            } else {
                l.put("fundingRatePerHour", m.fundingRatePerHour[i]);
            }
        }
        final ObjectNode sp = n.putObject("spread");
        number(sp, "entryPct", m.buyASellBPct);
        number(sp, "exitPct", m.buyBSellAPct);
        number(sp, "entryNetPct", m.buyASellBNetPct);
        number(sp, "exitNetPct", m.buyBSellANetPct);
        number(sp, "entryThresholdPct", p.has("spread_entry") ? p.asDouble("spread_entry") : Double.NaN);
        number(sp, "exitThresholdPct", p.has("spread_exit") ? p.asDouble("spread_exit") : Double.NaN);
    }

    private static void copy(final MarketSnapshot from, final MarketSnapshot to) {
        to.capturedAtMs = from.capturedAtMs;
        to.entriesPaused = from.entriesPaused;
        for (int i = 0; i < 2; i++) {
            to.venue[i] = from.venue[i];
            to.market[i] = from.market[i];
            to.bid[i] = from.bid[i];
            to.bidSize[i] = from.bidSize[i];
            to.ask[i] = from.ask[i];
            to.askSize[i] = from.askSize[i];
            to.bookAgeMs[i] = from.bookAgeMs[i];
            to.priceScale[i] = from.priceScale[i];
            to.sizeScale[i] = from.sizeScale[i];
            to.position[i] = from.position[i];
            to.fundingRatePerHour[i] = from.fundingRatePerHour[i];
        }
        to.buyASellBPct = from.buyASellBPct;
        to.buyBSellAPct = from.buyBSellAPct;
        to.buyASellBNetPct = from.buyASellBNetPct;
        to.buyBSellANetPct = from.buyBSellANetPct;
    }

    private static void number(final ObjectNode n, final String field, final double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static String price(final long v, final int scale) {
        return v == Long.MIN_VALUE ? null : FixedPoint.toBigDecimal(v, scale).stripTrailingZeros().toPlainString();
    }

    private static String size(final long v, final int scale) {
        return FixedPoint.toBigDecimal(v, scale).stripTrailingZeros().toPlainString();
    }

    private static String cents(final BigDecimal v) {
        return v == null ? null : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
