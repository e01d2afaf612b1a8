package dev.arb.executor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.alert.WebhookAlertSink;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.executor.journal.JournalState;
import dev.arb.executor.journal.SqliteJournal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalAndAlertsTest {
    @TempDir
    Path dir;

    private static JournalEvent order(final String run, final JournalEventType type, final String cid,
        final String side, final String status, final long filled) {
        return new JournalEvent(0, 1L, run, type, "vest", "BTC-PERP", cid, side, status, 100, filled, 6_500_000,
            null);
    }

    @Test
    void shouldKeepEveryRecordAcrossRestartsWithANewRunId() throws Exception {
        final Path file = dir.resolve("j.db");
        final String firstRun;
        try (Journal j = SqliteJournal.open(file, Journal.Synchronous.FULL)) {
            firstRun = j.runId();
            j.append(order(firstRun, JournalEventType.INTENT, "c1", "BUY", "PENDING_NEW", 0));
            j.append(order(firstRun, JournalEventType.ACK, "c1", "BUY", "FILLED", 100)).get(5, TimeUnit.SECONDS);
            j.append(order(firstRun, JournalEventType.INTENT, "c2", "SELL", "PENDING_NEW", 0)).get(5, TimeUnit.SECONDS);
        }
        try (Journal j = SqliteJournal.open(file, Journal.Synchronous.NORMAL)) {
            assertThat(j.runId()).isNotEqualTo(firstRun);
            final JournalState s = j.replay();
            assertThat(s.expectedPosition("vest", "BTC-PERP")).isEqualTo(100);
            assertThat(s.unresolvedOrders()).extracting(JournalEvent::clientOrderId).containsExactly("c2");
            j.append(order(j.runId(), JournalEventType.UPDATE, "c2", "SELL", "CANCELED", 40));
            j.flush().get(5, TimeUnit.SECONDS);
            final JournalState after = j.replay();
            assertThat(after.expectedPosition("vest", "BTC-PERP")).isEqualTo(60);
            assertThat(after.unresolvedOrders()).isEmpty();
            assertThat(j.events()).extracting(JournalEvent::type).startsWith(JournalEventType.RUN_START);
            assertThat(j.events()).extracting(JournalEvent::seq).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldTakeABaselineAsTheNewExpectedPosition() {
        final Journal j = Journal.inMemory();
        j.append(order("r", JournalEventType.INTENT, "c1", "BUY", "PENDING_NEW", 0));
        j.append(order("r", JournalEventType.ACK, "c1", "BUY", "FILLED", 100));
        j.append(new JournalEvent(0, 2L, "r", JournalEventType.BASELINE, "vest", "BTC-PERP", null, null, null, -30, 0,
            0, "adopted"));
        j.append(order("r", JournalEventType.INTENT, "c2", "BUY", "PENDING_NEW", 0));
        j.append(order("r", JournalEventType.ACK, "c2", "BUY", "FILLED", 30));
        assertThat(j.replay().expectedPosition("vest", "BTC-PERP")).isEqualTo(0);
        final JournalState.Replayer r = new JournalState.Replayer();
        r.accept(j.events().subList(0, 3));
        assertThat(r.state().expectedPosition("vest", "BTC-PERP")).isEqualTo(-30);
        r.accept(j.eventsAfter(r.lastSeq()));
        assertThat(r.state().expectedPosition("vest", "BTC-PERP")).isEqualTo(0);
    }

    @Test
    void shouldPostAlertsToTheWebhookAsJson() {
        final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
            final WebhookAlertSink sink = new WebhookAlertSink(URI.create("http://127.0.0.1:" + server.port() + "/hook"),
                Duration.ofSeconds(5));
            sink.alert(new Alert(AlertKind.UNWIND_FAILED, true, "bot-1", "unwind failed on vest", 1_700_000_000_000L));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.sent() == 1);
            server.verify(postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalToJson(
                "{\"kind\":\"UNWIND_FAILED\",\"critical\":true,\"source\":\"bot-1\","
                    + "\"message\":\"unwind failed on vest\",\"timeMs\":1700000000000}")));

            server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
            sink.alert(Alert.of(AlertKind.HALT, true, "bot-1", "halted"));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.failed() == 1);
        } finally {
            server.stop();
        }
    }
}
