package dev.arb.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arb.api.Fill;
import dev.arb.api.FixedPoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The backtest's self-contained HTML report (no network): the summary, the equity curve, the net spreads
 * of both directions against the thresholds with entries and exits marked, and the fill table. The charts
 * are rendered by XChart to PNG and embedded as data URIs.
 *
 * <p><b>Note:</b> stateless; thread-safe.
 */
final class BacktestReport {
    private static final int MAX_POINTS = 4_000;

    private BacktestReport() {
    }

    /**
     * @param result the run's result document
     * @param s      what the run recorded
     * @return the HTML page
     * @throws IOException if a chart cannot be rendered
     */
    static String html(final JsonNode result, final BacktestSeries s) throws IOException {
        System.setProperty("java.awt.headless", "true");
        final long t0 = s.size() > 0 ? s.time(0) : 0;
        final StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>arb backtest ")
            .append(esc(result.get("bot").asText())).append("</title><style>")
            .append("body{font:14px system-ui,sans-serif;background:#0f1419;color:#d6dde6;margin:24px}")
            .append("h1{font-size:20px}table{border-collapse:collapse;margin:12px 0}td,th{padding:3px 10px;")
            .append("border-bottom:1px solid #2a3440;text-align:right;font-variant-numeric:tabular-nums}")
            .append("th{color:#8b98a8;font-weight:500}.l{text-align:left}.pos{color:#3fb950}.neg{color:#f85149}")
            .append("img{display:block;margin:8px 0;border:1px solid #2a3440}</style></head><body>");
        final JsonNode pnl = result.get("pnl");
        b.append("<h1>Backtest ").append(esc(result.get("bot").asText())).append(" — ")
            .append(esc(result.get("strategy").asText())).append("</h1><table>");
        row(b, "span of the captures", result.get("spanSeconds").asText() + " s, " + result.get("frames").asText()
            + " frames, latency " + result.get("latencyMs").asText() + " ms");
        row(b, "entries / exits", result.get("entries").asText() + " / " + result.get("exits").asText());
        row(b, "one-sided fills / unwinds", result.get("oneSidedFills").asText() + " / "
            + result.get("unwinds").asText());
        row(b, "PnL, USD", money(pnl.get("totalUsd").decimalValue()) + " = spread " + pnl.get("spreadUsd").asText()
            + " + slippage " + pnl.get("slippageUsd").asText() + " + fees " + pnl.get("feesUsd").asText()
            + " + funding " + pnl.get("fundingUsd").asText());
        row(b, "max drawdown, USD", result.get("maxDrawdownUsd").asText());
        b.append("</table>");
        b.append("<h2>Equity</h2>").append(img(equity(s, t0)));
        b.append("<h2>Net spread against the thresholds</h2>").append(img(spread(s, t0)));
        b.append("<h2>Fills</h2><table><tr><th class=\"l\">time, s</th><th class=\"l\">venue</th><th class=\"l\">side"
            + "</th><th>size</th><th>price</th><th>fee, USD</th></tr>");
        for (Fill f : s.fills) {
            b.append("<tr><td class=\"l\">").append(seconds(f.timestampMs() * 1_000_000L - t0)).append("</td><td class=\"l\">")
                .append(esc(f.venue())).append("</td><td class=\"l\">").append(f.side()).append("</td><td>")
                .append(FixedPoint.toBigDecimal(f.size(), 8).stripTrailingZeros().toPlainString()).append("</td><td>")
                .append(FixedPoint.toBigDecimal(f.price(), 8).stripTrailingZeros().toPlainString()).append("</td><td>")
                .append(f.feeUsd().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString()).append("</td></tr>");
        }
        return b.append("</table></body></html>\n").toString();
    }

    private static XYChart equity(final BacktestSeries s, final long t0) {
        final XYChart c = chart("equity (realized, USD)", "USD");
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        x.add(0.0);
        y.add(0.0);
        for (int i = 0; i < s.equity.size(); i++) {
            x.add((s.equityTimes.get(i) - t0) / 1e9);
            y.add(s.equity.get(i).doubleValue());
        }
        c.addSeries("equity", x, y).setMarker(SeriesMarkers.CIRCLE);
        return c;
    }

    private static XYChart spread(final BacktestSeries s, final long t0) {
        final XYChart c = chart("net spread, percent", "%");
        final int step = Math.max(1, s.size() / MAX_POINTS);
        final List<Double> x = new ArrayList<>();
        final List<Double> entry = new ArrayList<>();
        final List<Double> exit = new ArrayList<>();
        for (int i = 0; i < s.size(); i += step) {
            x.add((s.time(i) - t0) / 1e9);
            entry.add(s.entryNet(i));
            exit.add(s.exitNet(i));
        }
        if (x.isEmpty()) {
            x.add(0.0);
            entry.add(0.0);
            exit.add(0.0);
        }
        c.addSeries("buy A sell B, net", x, entry).setMarker(SeriesMarkers.NONE);
        c.addSeries("buy B sell A, net", x, exit).setMarker(SeriesMarkers.NONE);
        final double end = x.get(x.size() - 1);
        if (!Double.isNaN(s.entryThresholdPct)) {
            c.addSeries("spread_entry", new double[] {0, end}, new double[] {s.entryThresholdPct, s.entryThresholdPct})
                .setMarker(SeriesMarkers.NONE);
        }
        marks(c, "entries", s.entryTimes, t0, s.entryThresholdPct);
        marks(c, "exits", s.exitTimes, t0, Double.isNaN(s.exitThresholdPct) ? 0 : s.exitThresholdPct);
        return c;
    }

    private static void marks(final XYChart c, final String name, final List<Long> times, final long t0,
        final double y) {
        if (times.isEmpty()) {
            return;
        }
        final double[] xs = new double[times.size()];
        final double[] ys = new double[times.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (times.get(i) - t0) / 1e9;
            ys[i] = Double.isNaN(y) ? 0 : y;
        }
        c.addSeries(name, xs, ys).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    private static XYChart chart(final String title, final String unit) {
        final XYChart c = new XYChartBuilder().width(1000).height(340).title(title).xAxisTitle("s").yAxisTitle(unit)
            .build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        return c;
    }

    private static void row(final StringBuilder b, final String name, final String value) {
        b.append("<tr><th class=\"l\">").append(esc(name)).append("</th><td class=\"l\">").append(value).append("</td></tr>");
    }

    private static String money(final BigDecimal v) {
        return "<span class=\"" + (v.signum() >= 0 ? "pos" : "neg") + "\">" + v.toPlainString() + "</span>";
    }

    private static String seconds(final long ns) {
        return BigDecimal.valueOf(ns, 9).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String esc(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * The sweep's page: a heat map of total PnL over the two swept parameters (a line over one), and the runs
     * sorted by PnL.
     *
     * @param sweep  the grid
     * @param sorted the runs' results, best first
     * @return the HTML page
     * @throws IOException if a chart cannot be rendered
     */
    static String sweepHtml(final BacktestSweep sweep, final List<com.fasterxml.jackson.databind.node.ObjectNode> sorted)
        throws IOException {
        System.setProperty("java.awt.headless", "true");
        final List<String> names = sweep.names();
        final StringBuilder b = new StringBuilder(32 * 1024);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>arb backtest sweep</title>")
            .append("<style>body{font:14px system-ui,sans-serif;background:#0f1419;color:#d6dde6;margin:24px}")
            .append("table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #2a3440;")
            .append("text-align:right;font-variant-numeric:tabular-nums}th{color:#8b98a8;font-weight:500}")
            .append(".pos{color:#3fb950}.neg{color:#f85149}img{display:block;margin:8px 0}</style></head><body>")
            .append("<h1>Backtest sweep: ").append(esc(String.join(" × ", names))).append("</h1>");
        if (names.size() == 2) {
            final List<String> xs = sweep.values(names.get(0));
            final List<String> ys = sweep.values(names.get(1));
            final List<Number[]> heat = new ArrayList<>();
            for (com.fasterxml.jackson.databind.node.ObjectNode r : sorted) {
                final int x = xs.indexOf(r.get("parameters").get(names.get(0)).asText());
                final int y = ys.indexOf(r.get("parameters").get(names.get(1)).asText());
                heat.add(new Number[] {x, y, r.get("pnl").get("totalUsd").doubleValue()});
            }
            final org.knowm.xchart.HeatMapChart c = new org.knowm.xchart.HeatMapChartBuilder().width(900).height(420)
                .title("total PnL, USD").xAxisTitle(names.get(0)).yAxisTitle(names.get(1)).build();
            c.addSeries("pnl", xs, ys, heat);
            b.append(img(c));
        } else if (names.size() == 1) {
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            final List<com.fasterxml.jackson.databind.node.ObjectNode> byValue = new ArrayList<>(sorted);
            byValue.sort(java.util.Comparator.comparing(r -> r.get("parameters").get(names.get(0)).decimalValue()));
            for (com.fasterxml.jackson.databind.node.ObjectNode r : byValue) {
                x.add(new BigDecimal(r.get("parameters").get(names.get(0)).asText()).doubleValue());
                y.add(r.get("pnl").get("totalUsd").doubleValue());
            }
            final XYChart c = chart("total PnL, USD", "USD");
            c.setXAxisTitle(names.get(0));
            c.addSeries("pnl", x, y).setMarker(SeriesMarkers.CIRCLE);
            b.append(img(c));
        }
        b.append("<table><tr>");
        for (String n : names) {
            b.append("<th>").append(esc(n)).append("</th>");
        }
        b.append("<th>entries</th><th>exits</th><th>PnL, USD</th><th>fees, USD</th><th>max drawdown, USD</th></tr>");
        for (com.fasterxml.jackson.databind.node.ObjectNode r : sorted) {
            b.append("<tr>");
            for (String n : names) {
                b.append("<td>").append(esc(r.get("parameters").get(n).asText())).append("</td>");
            }
            b.append("<td>").append(r.get("entries").asLong()).append("</td><td>").append(r.get("exits").asLong())
                .append("</td><td>").append(money(r.get("pnl").get("totalUsd").decimalValue())).append("</td><td>")
                .append(r.get("pnl").get("feesUsd").asText()).append("</td><td>").append(r.get("maxDrawdownUsd").asText())
                .append("</td></tr>");
        }
        return b.append("</table></body></html>\n").toString();
    }

    private static String img(final org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) throws IOException {
        return "<img alt=\"" + esc(chart.getTitle()) + "\" src=\"data:image/png;base64,"
            + Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG))
            + "\">";
    }
}
