package dev.arb.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String HISTOGRAM = """
        # HELP t_seconds latency
        # TYPE t_seconds histogram
        t_seconds_bucket{bot="a",le="0.001"} 1.0
        t_seconds_bucket{bot="a",le="+Inf"} 2.0
        t_seconds_count{bot="a"} 2.0
        t_seconds_sum{bot="a"} 0.5
        """;

    @Test
    void shouldAcceptWellFormedText() {
        assertThat(PrometheusText.parse(HISTOGRAM + "# TYPE c_total counter\nc_total{x=\"q\\\"\\\\\\n\"} 1 123\n"))
            .hasSize(5).last().satisfies(s -> assertThat(s.labels().get("x")).isEqualTo("q\"\\\n"));
    }

    @Test
    void shouldRejectMalformedText() {
        assertRejected("x 1\n", "undeclared");
        assertRejected("# TYPE x gauge\nx{a=\"b\\t\"} 1\n", "bad escape");
        assertRejected("# TYPE x gauge\nx{a=\"b\",a=\"c\"} 1\n", "duplicate label");
        assertRejected("# TYPE x gauge\nx one\n", "bad value");
        assertRejected("# TYPE x gauge\nx 1", "newline");
        assertRejected("# TYPE x gauge\n\nx 1\n", "blank line");
        assertRejected("# TYPE x gauge\n# TYPE y gauge\ny 1\nx 2\n", "contiguous");
        assertRejected("# TYPE c counter\nc 1\n", "_total");
        assertRejected(HISTOGRAM.replace("le=\"+Inf\"} 2.0", "le=\"+Inf\"} 3.0"), "_count");
        assertRejected(HISTOGRAM.replace("le=\"0.001\"} 1.0", "le=\"0.001\"} 5.0"), "cumulative");
        assertRejected(HISTOGRAM.replace("le=\"+Inf\"", "le=\"1\""), "+Inf");
    }

    private static void assertRejected(final String text, final String why) {
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(why);
    }
}
