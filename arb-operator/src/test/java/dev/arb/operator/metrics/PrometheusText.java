package dev.arb.operator.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4: every line is {@code # HELP name text},
 * {@code # TYPE name type} or a sample {@code name{label="value",...} value [timestamp]}; no other
 * comments, no blank lines, text ends with a newline; names and label names valid, label values escaped
 * ({@code \\}, {@code \"}, {@code \n} only), no duplicate label; HELP and TYPE at most once per family and
 * before its samples; every sample belongs to a declared family (counters end in {@code _total}; histograms
 * {@code _bucket}/{@code _sum}/{@code _count}; summaries the family, {@code _sum}, {@code _count}); a
 * family's lines are contiguous; counters non-negative; each histogram series' buckets ascend in {@code le},
 * are cumulative, end with {@code le="+Inf"} equal to {@code _count}, and have a {@code _sum}.
 */
final class PrometheusText {
    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern VALUE = Pattern.compile("[+-]?(Inf|NaN|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");
    private static final Pattern TIMESTAMP = Pattern.compile("-?\\d+");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusText() {
    }

    /**
     * @param text a scrape
     * @return its samples in order
     * @throws IllegalArgumentException on the first violation, with its line number
     */
    static List<Sample> parse(final String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("text does not end with a newline");
        }
        final Map<String, String> types = new HashMap<>();
        final Set<String> helps = new HashSet<>();
        final Set<String> closed = new HashSet<>();
        final List<Sample> samples = new ArrayList<>();
        String current = null;
        final String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final String line = lines[i];
            final String where = "line " + (i + 1) + ": " + line;
            final String family;
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                final String[] parts = line.substring(7).split(" ", 2);
                family = parts[0];
                check(NAME.matcher(family).matches() && parts.length == 2, "bad name or missing text", where);
                check(!samplesSeen(samples, family, types), "HELP/TYPE after the family's samples", where);
                if (line.startsWith("# HELP ")) {
                    check(helps.add(family), "second HELP", where);
                    check(!parts[1].replace("\\\\", "").replace("\\n", "").contains("\\"), "bad escape in HELP", where);
                } else {
                    check(TYPES.contains(parts[1]), "unknown type", where);
                    check(types.put(family, parts[1]) == null, "second TYPE", where);
                    check(!parts[1].equals("counter") || family.endsWith("_total"), "counter not named _total", where);
                }
            } else {
                check(!line.isEmpty() && !line.startsWith("#"), "blank line or stray comment", where);
                final Sample s;
                try {
                    s = sample(line, where);
                } catch (StringIndexOutOfBoundsException e) {
                    throw new IllegalArgumentException("truncated sample (" + where + ")", e);
                }
                family = familyOf(s.name(), types);
                check(family != null, "sample of an undeclared family", where);
                if (types.get(family).equals("counter")) {
                    check(s.value() >= 0, "negative counter", where);
                }
                samples.add(s);
            }
            if (!family.equals(current)) {
                check(closed.add(family), "family's lines not contiguous", where);
                current = family;
            }
        }
        checkHistograms(samples, types);
        return samples;
    }

    private static boolean samplesSeen(final List<Sample> samples, final String family, final Map<String, String> types) {
        return samples.stream().anyMatch(s -> family.equals(familyOf(s.name(), types)));
    }

    private static String familyOf(final String name, final Map<String, String> types) {
        final String t = types.get(name);
        if (t != null && !t.equals("histogram")) {
            return name;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                final String base = name.substring(0, name.length() - suffix.length());
                final String bt = types.get(base);
                if ("histogram".equals(bt) || ("summary".equals(bt) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Sample sample(final String line, final String where) {
        final Matcher m = NAME.matcher(line);
        check(m.lookingAt(), "bad metric name", where);
        final String name = m.group();
        int p = m.end();
        final Map<String, String> labels = new LinkedHashMap<>();
        if (p < line.length() && line.charAt(p) == '{') {
            p++;
            while (line.charAt(p) != '}') {
                final Matcher ln = LABEL_NAME.matcher(line).region(p, line.length());
                check(ln.lookingAt(), "bad label name", where);
                p = ln.end();
                check(line.startsWith("=\"", p), "expected =\"", where);
                p += 2;
                final StringBuilder value = new StringBuilder();
                while (line.charAt(p) != '"') {
                    char c = line.charAt(p++);
                    if (c == '\\') {
                        c = line.charAt(p++);
                        check(c == '\\' || c == '"' || c == 'n', "bad escape in label value", where);
                        c = c == 'n' ? '\n' : c;
                    }
                    value.append(c);
                }
                p++;
                check(labels.put(ln.group(), value.toString()) == null, "duplicate label", where);
                if (line.charAt(p) == ',') {
                    p++;
                } else {
                    check(line.charAt(p) == '}', "expected , or }", where);
                }
            }
            p++;
        }
        check(p < line.length() && line.charAt(p) == ' ', "expected a space before the value", where);
        final String[] rest = line.substring(p + 1).split(" ", -1);
        check(rest.length <= 2 && VALUE.matcher(rest[0]).matches(), "bad value", where);
        check(rest.length == 1 || TIMESTAMP.matcher(rest[1]).matches(), "bad timestamp", where);
        final String v = rest[0].replace("Inf", "Infinity");
        return new Sample(name, labels, Double.parseDouble(v));
    }

    private static void checkHistograms(final List<Sample> samples, final Map<String, String> types) {
        final Map<String, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        final Map<String, Double> counts = new HashMap<>();
        final Set<String> sums = new HashSet<>();
        for (Sample s : samples) {
            final String family = familyOf(s.name(), types);
            if (!"histogram".equals(types.get(family))) {
                continue;
            }
            final Map<String, String> series = new TreeMap<>(s.labels());
            final String le = series.remove("le");
            final String key = family + series;
            if (s.name().endsWith("_bucket")) {
                check(le != null, "bucket without le", s.toString());
                final double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                final TreeMap<Double, Double> b = buckets.computeIfAbsent(key, k -> new TreeMap<>());
                check(b.isEmpty() || b.lastKey() < bound, "buckets not ascending", s.toString());
                check(b.isEmpty() || b.lastEntry().getValue() <= s.value(), "buckets not cumulative", s.toString());
                b.put(bound, s.value());
            } else if (s.name().endsWith("_count")) {
                counts.put(key, s.value());
            } else {
                sums.add(key);
            }
        }
        check(!buckets.isEmpty() || counts.isEmpty(), "histogram without buckets", counts.toString());
        for (Map.Entry<String, TreeMap<Double, Double>> e : buckets.entrySet()) {
            final Map.Entry<Double, Double> last = e.getValue().lastEntry();
            check(last.getKey() == Double.POSITIVE_INFINITY, "no le=\"+Inf\" bucket", e.getKey());
            check(last.getValue().equals(counts.get(e.getKey())), "+Inf bucket differs from _count", e.getKey());
            check(sums.contains(e.getKey()), "histogram without _sum", e.getKey());
        }
    }

    private static void check(final boolean ok, final String what, final String where) {
        if (!ok) {
            throw new IllegalArgumentException(what + " (" + where + ")");
        }
    }
}
