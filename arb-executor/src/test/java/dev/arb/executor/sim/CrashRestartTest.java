package dev.arb.executor.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutionListener;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.ReconcilePolicy;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.JournalEvent;
import dev.arb.executor.journal.JournalEventType;
import dev.arb.executor.journal.JournalState;
import dev.arb.executor.journal.SqliteJournal;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process killed between the two legs: a child JVM (started from the test class path) sends leg A
 * to the simulators of this JVM and halts itself as soon as venue A answered; leg B was never answered.
 * The restart with the same journal finds the naked leg by reconciliation and flattens it, whether leg A's
 * intent (written ahead to the journal's queue, committed in parallel with the send) reached the store
 * before the crash or not.
 */
class CrashRestartTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "leg A's intent {0}")
    @ValueSource(strings = {"committed", "lost"})
    void shouldFindAndFlattenTheNakedLegAfterACrashBetweenTheLegs(final String intent) throws Exception {
        try (SimVenues venues = SimVenues.start(23)) {
            final Path journalFile = dir.resolve("journal.db");
            final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingExecutorMain.class.getName(),
                journalFile.toString(), intent));
            command.addAll(List.of(venues.credentials().toArgs()));
            final File log = dir.resolve("child.log").toFile();
            final Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log).start();
            assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child finished").isTrue();
            System.out.println("---- child JVM log ----\n" + Files.readString(log.toPath()) + "---- end of child log ----");
            assertThat(child.exitValue()).as("halted by Runtime.halt after leg A; log:%n%s",
                Files.readString(log.toPath())).isEqualTo(137);

            // the crash left leg A filled on Vest and nothing on Paradex
            assertThat(venues.vestPosition()).isEqualByComparingTo("0.01");
            assertThat(venues.paradexPosition()).isEqualByComparingTo("0");

            final List<Alert> alerts = new CopyOnWriteArrayList<>();
            try (Journal journal = SqliteJournal.open(journalFile, Journal.Synchronous.FULL)) {
                final JournalState before = journal.replay();
                assertThat(journal.events().stream().anyMatch(e -> e.type() == JournalEventType.INTENT
                    && "vest".equals(e.venue()))).as("leg A's intent in the store").isEqualTo("committed".equals(intent));
                assertThat(before.unresolvedOrders()).as("leg B was never answered")
                    .anySatisfy(e -> assertThat(e.venue()).isEqualTo("paradex"));

                final ExecutorConfig config = ExecutorConfig.builder().positionSizeBase(new BigDecimal("0.01"))
                    .entryThresholdPct(1_000).exitThresholdPct(999).slippageBps(20).maxBookAgeMs(5_000)
                    .maxQuoteAgeMs(5_000).maxSkewMs(5_000).build();
                final DeltaNeutralExecutor restarted = new DeltaNeutralExecutor(venues.vest(), SimVenues.VEST_MARKET,
                    venues.paradex(), SimVenues.PARADEX_MARKET, config, venues.loop(), new ExecutionListener() { },
                    new ExecutorContext("restart", journal, alerts::add,
                        new RiskGuard(RiskLimits.errorsOnly(5), alerts::add, journal, Clock.systemUTC()),
                        ReconcilePolicy.FLATTEN));
                restarted.start();
                restarted.stop();

                assertThat(restarted.reconciliation().outcome()).isEqualTo("FLATTENED");
                assertThat(restarted.reconciliation().differences()).anySatisfy(d -> assertThat(d).contains("vest"));
                assertThat(alerts).anySatisfy(a -> {
                    assertThat(a.kind()).isEqualTo(AlertKind.RECONCILIATION_DIFFERENCE);
                    assertThat(a.critical()).isTrue();
                });
                assertThat(venues.vestPosition()).isEqualByComparingTo("0");
                assertThat(venues.paradexPosition()).isEqualByComparingTo("0");
                journal.flush().get(5, TimeUnit.SECONDS);
                final JournalState after = journal.replay();
                assertThat(after.expectedPosition("vest", SimVenues.VEST_MARKET)).isZero();
                assertThat(after.expectedPosition("paradex", SimVenues.PARADEX_MARKET)).isZero();
                assertThat(journal.events()).extracting(JournalEvent::type).contains(JournalEventType.RECONCILE,
                    JournalEventType.BASELINE);
                assertThat(journal.events().stream().map(JournalEvent::runId).distinct().count())
                    .as("two runs, two run ids").isEqualTo(2);
            }
        }
    }
}
