package dev.arb.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid of a parameter sweep: {@code --sweep name=start:end:step} per parameter (inclusive, exact
 * decimals), their product in a stable order, and the results sorted by total PnL (highest first; ties in
 * grid order).
 *
 * <p><b>Note:</b> immutable once parsed; thread-safe.
 */
final class BacktestSweep {
    private final Map<String, List<String>> axes = new LinkedHashMap<>();

    /**
     * @param specs {@code name=start:end:step} each
     * @throws IllegalArgumentException naming the spec when it is not of that form, the step is not positive,
     *     or the grid exceeds 10,000 runs
     */
    BacktestSweep(final List<String> specs) {
        long runs = 1;
        for (String spec : specs) {
            final int eq = spec.indexOf('=');
            final String[] r = eq < 0 ? new String[0] : spec.substring(eq + 1).split(":");
            if (eq <= 0 || r.length != 3) {
                throw new IllegalArgumentException("--sweep must be name=start:end:step: '" + spec + "'");
            }
            final BigDecimal start;
            final BigDecimal end;
            final BigDecimal step;
            try {
                start = new BigDecimal(r[0]);
                end = new BigDecimal(r[1]);
                step = new BigDecimal(r[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sweep values must be numbers: '" + spec + "'");
            }
            if (step.signum() <= 0 || end.compareTo(start) < 0) {
                throw new IllegalArgumentException("--sweep needs start ≤ end and a positive step: '" + spec + "'");
            }
            final List<String> values = new ArrayList<>();
            for (BigDecimal x = start; x.compareTo(end) <= 0; x = x.add(step)) {
                values.add(x.toPlainString());
            }
            axes.put(spec.substring(0, eq).trim(), values);
            runs *= values.size();
            if (runs > 10_000) {
                throw new IllegalArgumentException("--sweep grid has more than 10,000 runs");
            }
        }
    }

    /** @return every combination of the axes' values, by parameter name, in grid order */
    List<Map<String, String>> grid() {
        List<Map<String, String>> grid = new ArrayList<>();
        grid.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            final List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> g : grid) {
                for (String v : axis.getValue()) {
                    final Map<String, String> m = new LinkedHashMap<>(g);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            grid = next;
        }
        return grid;
    }

    /**
     * @param name a swept parameter
     * @return its values, in order
     */
    List<String> values(final String name) {
        return axes.get(name);
    }

    /** @return the swept parameters' names */
    List<String> names() {
        return new ArrayList<>(axes.keySet());
    }

    /**
     * @param results results in grid order
     * @return the same, sorted by {@code pnl.totalUsd} descending (stable)
     */
    static List<ObjectNode> byPnl(final List<ObjectNode> results) {
        final List<ObjectNode> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((ObjectNode r) -> r.get("pnl").get("totalUsd").decimalValue()).reversed());
        return sorted;
    }
}
