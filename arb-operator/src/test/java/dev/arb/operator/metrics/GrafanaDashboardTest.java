package dev.arb.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.operator.metrics.PrometheusText.Sample;
import dev.arb.strategy.api.Direction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample dashboard at the repository's root, {@code grafana/arb-dashboard.json}. */
class GrafanaDashboardTest {
    private static final Pattern ARB_METRIC = Pattern.compile("arb_[a-z_]+");

    @Test
    void shouldParseAndQueryOnlyMetricsTheBotExports() throws Exception {
        final JsonNode dashboard = new ObjectMapper().readTree(Files.readString(dashboardFile()));
        final List<String> exprs = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        final Set<String> queried = new TreeSet<>();
        exprs.forEach(e -> {
            final Matcher m = ARB_METRIC.matcher(e);
            while (m.find()) {
                queried.add(m.group());
            }
        });

        final Set<String> exported;
        try (MetricsFixture f = new MetricsFixture()) {
            f.wideSpread();
            f.drain();
            f.executor.tryEnter(Direction.BUY_A_SELL_B).get(10, TimeUnit.SECONDS);
            exported = PrometheusText.parse(f.metrics.scrape()).stream().map(Sample::name).collect(Collectors.toSet());
        }

        assertThat(dashboard.get("title").asText()).isNotBlank();
        assertThat(exprs).anyMatch(e -> e.startsWith("histogram_quantile(0.99, ") && e.contains("arb_tick_to_decision_seconds_bucket"))
            .anyMatch(e -> e.startsWith("histogram_quantile(0.5, ") && e.contains("arb_decision_to_ack_seconds_bucket"));
        assertThat(queried).contains("arb_pnl_usd", "arb_position_base", "arb_net_delta_base", "arb_opportunities_total",
            "arb_entries_total", "arb_exits_total", "arb_breaker_state", "arb_venue_connected", "arb_book_age_seconds",
            "arb_decision_to_send_seconds_bucket", "arb_journal_commit_seconds_bucket", "arb_unrealized_pnl_usd",
            "arb_ws_reconnects_total", "arb_sequence_gaps_total", "arb_decode_errors_total", "arb_rate_limited_total");
        assertThat(exported).containsAll(queried);
    }

    private static Path dashboardFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path p = dir.resolve("grafana/arb-dashboard.json");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("grafana/arb-dashboard.json not found above " + Path.of("").toAbsolutePath());
    }
}
