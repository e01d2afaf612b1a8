package dev.arb.executor.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arb.api.OrderRequest;
import dev.arb.executor.DeltaNeutralExecutor;
import dev.arb.executor.ExecutorConfig;
import dev.arb.executor.ExecutorContext;
import dev.arb.executor.ReconcilePolicy;
import dev.arb.executor.RiskGuard;
import dev.arb.executor.RiskLimits;
import dev.arb.executor.RoundResult;
import dev.arb.executor.alert.Alert;
import dev.arb.executor.alert.AlertKind;
import dev.arb.executor.journal.Journal;
import dev.arb.executor.journal.SqliteJournal;
import dev.arb.strategy.api.Direction;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor and the real adapters against both simulators through {@link dev.arb.sim.chaos.ChaosProxy},
 * one network fault per test. Under every fault: a stale book is never traded on (no entry order is sent
 * on a book its venue already called stale when the engine decided to send it, {@link StaleBookWitness}; one
 * that only went stale between the decision and the send is counted, not failed), no client order id reaches a
 * venue twice, every round ends hedged (the venues' own net position within dust) or halted with a critical
 * alert, and once the fault heals both adapters reconnect (with backoff) and a clean round trades again. The
 * counts (faults injected, rounds affected, naked exposure seconds, duplicate orders, entries whose book went
 * stale after the decision) are printed and written to {@code target/network-chaos.json}.
 */
class NetworkChaosTest {
    private static final BigDecimal SIZE = new BigDecimal("0.01");
    private static final Map<String, String> REPORT = new ConcurrentSkipListMap<>();

    @TempDir
    Path dir;

    private ChaosVenues venues;
    private Journal journal;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private DeltaNeutralExecutor executor;
    private ExposureMeter meter;
    private int rounds;
    private int affected;
    private int halts;

    @BeforeEach
    void setUp() throws Exception {
        venues = new ChaosVenues(23);
        journal = SqliteJournal.open(dir.resolve("journal.db"), Journal.Synchronous.NORMAL);
        final ExecutorConfig config = ExecutorConfig.builder().positionSizeBase(SIZE).entryThresholdPct(1_000)
            .exitThresholdPct(999).slippageBps(30)
            .maxQuoteAgeMs(ChaosVenues.MAX_BOOK_AGE_MS).maxSkewMs(2_000).orderTimeoutMs(3_000).orderRetries(1)
            .unwindMaxAttempts(3).build();
        final RiskGuard risk = new RiskGuard(RiskLimits.errorsOnly(50), alerts::add, journal, Clock.systemUTC());
        executor = new DeltaNeutralExecutor(venues.vest, ChaosVenues.VEST_MARKET, venues.paradex,
            ChaosVenues.PARADEX_MARKET, config, venues.loop(), venues.staleBooks,
            new ExecutorContext("chaos", journal, alerts::add, risk, ReconcilePolicy.REFUSE));
        executor.start();
        await().atMost(Duration.ofSeconds(20)).until(venues::bothFresh);
        meter = new ExposureMeter(() -> venues.vestPosition().add(venues.paradexPosition()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (meter != null) {
            meter.close();
        }
        if (executor != null) {
            executor.stop();
        }
        venues.close();
        journal.close();
    }

    @AfterAll
    static void publish() throws IOException {
        final String table = REPORT.entrySet().stream().map(e -> String.format("%-22s %s", e.getKey(), e.getValue()))
            .collect(Collectors.joining("\n"));
        System.out.println("network chaos (fault: faults injected, rounds, rounds affected, halts, naked exposure s, "
            + "longest naked s, re-sends with the same id, duplicate orders, entries whose book went stale after the "
            + "decision)\n" + table);
        final String json = REPORT.entrySet().stream().map(e -> "  \"" + e.getKey() + "\": {" + e.getValue()
            .replaceAll("([a-z_]+)=([^ ,]+)", "\"$1\": $2") + "}").collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "network-chaos.json"), json, StandardCharsets.UTF_8);
    }

    /**
     * One round: an entry, then (if it opened) an exit, retried while the books are stale. Checks the
     * round ended hedged or halted with a critical alert; a halted executor is flattened once the
     * network healed, by the caller's {@link #heal()}.
     */
    private RoundResult round(final Direction d) throws Exception {
        final long oneSidedBefore = executor.stats().oneSidedFills();
        final RoundResult entry = executor.tryEnter(d).get(60, TimeUnit.SECONDS);
        RoundResult exit = RoundResult.NOTHING_TO_DO;
        if (!executor.isHalted() && "OPEN".equals(executor.stats().state())) {
            final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            do {
                exit = executor.tryExit().get(60, TimeUnit.SECONDS);
            } while (exit == RoundResult.BLOCKED_STALE && System.nanoTime() < until && !executor.isHalted());
        }
        rounds++;
        final boolean clean = entry == RoundResult.DONE && exit == RoundResult.DONE
            && executor.stats().oneSidedFills() == oneSidedBefore;
        if (!clean) {
            affected++;
        }
        assertHedgedOrHalted();
        return entry;
    }

    private void assertHedgedOrHalted() {
        if (executor.isHalted()) {
            assertThat(alerts).as("a halt comes with a critical alert").anySatisfy(a -> {
                assertThat(a.kind()).isIn(AlertKind.HALT, AlertKind.UNWIND_FAILED);
                assertThat(a.critical()).isTrue();
            });
            return;
        }
        if ("OPEN".equals(executor.stats().state())) {
            return; // hedged and open: the exit is still blocked by a stale book; checked at the end
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
            venues.vestPosition().add(venues.paradexPosition()).abs()).as("net position after a round")
            .isLessThanOrEqualTo(ExposureMeter.DUST));
    }

    /** Heals both proxies, waits for fresh books, flattens a halted executor (counted) and trades one clean round. */
    private void healAndRecover() throws Exception {
        venues.vestProxy.heal();
        venues.paradexProxy.heal();
        await().atMost(Duration.ofSeconds(30)).until(venues::bothFresh);
        if (executor.isHalted()) {
            halts++;
            executor.flatten().get(60, TimeUnit.SECONDS);
        } else if ("OPEN".equals(executor.stats().state())) {
            executor.tryExit().get(60, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(venues.vestPosition()).isEqualByComparingTo("0");
            assertThat(venues.paradexPosition()).isEqualByComparingTo("0");
        });
        if (!executor.isHalted()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                final RoundResult r = executor.tryEnter(Direction.BUY_A_SELL_B).get(60, TimeUnit.SECONDS);
                return r != RoundResult.BLOCKED_STALE;
            });
            assertThat(executor.stats().state()).as("a clean round after the fault healed").isEqualTo("OPEN");
            await().atMost(Duration.ofSeconds(20)).until(() -> executor.tryExit().get(60, TimeUnit.SECONDS)
                != RoundResult.BLOCKED_STALE);
            assertThat(executor.stats().state()).isEqualTo("FLAT");
        }
    }

    /** The invariants every test ends with; records the test's row of the report. */
    private void finish(final String fault) throws Exception {
        healAndRecover();
        // a re-send after a lost ack carries the same id and, on Vest, the same signed body (the venue takes it
        // once): counted apart; a duplicate is a second order the venue itself took for one client order id
        final List<String> resends = new java.util.ArrayList<>(resends(venues.vest));
        resends.addAll(resends(venues.paradex));
        final List<String> dup = new java.util.ArrayList<>();
        venues.paradexDuplicateClientIds().forEach(id -> dup.add("paradex received " + id + " twice"));
        final long vestDistinct = venues.vest.requests().stream().map(OrderRequest::clientOrderId).distinct().count();
        if (venues.vestOrdersReceived() > vestDistinct) {
            dup.add("vest received " + venues.vestOrdersReceived() + " orders for " + vestDistinct + " client order ids");
        }
        final int duplicates = dup.size();
        assertThat(dup).as("orders a venue took twice for one client order id").isEmpty();
        assertThat(venues.staleBooks.entriesOnStaleBook()).as("entry orders sent on a book stale at the decision")
            .isEmpty();
        assertThat(executor.stats().illegalTransitions()).isZero();
        meter.close();
        REPORT.put(fault, String.format("faults=%d, rounds=%d, affected=%d, halts=%d, naked_s=%.3f, longest_naked_s=%.3f, "
                + "resends_same_id=%d, duplicates=%d, stale_after_decision=%d", venues.faultsInjected(), rounds, affected,
            halts, meter.nakedSeconds(), meter.longestSeconds(), resends.size(), duplicates,
            venues.staleBooks.entriesStaleAfterDecision()));
    }

    private static List<String> resends(final FaultInjectingAdapter venue) {
        final Map<String, Long> perId = venue.requests().stream()
            .collect(Collectors.groupingBy(OrderRequest::clientOrderId, Collectors.counting()));
        return perId.entrySet().stream().filter(e -> e.getValue() > 1)
            .map(e -> venue.venue() + " requested " + e.getKey() + " x" + e.getValue()).toList();
    }

    private static Function<Integer, Direction> alternate() {
        return i -> i % 2 == 0 ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A;
    }

    @Test
    void latencyAndJitter() throws Exception {
        venues.vestProxy.latency(Duration.ofMillis(40), Duration.ofMillis(60));
        venues.paradexProxy.latency(Duration.ofMillis(40), Duration.ofMillis(60));
        int done = 0;
        for (int i = 0; i < 3; i++) {
            done += round(alternate().apply(i)) == RoundResult.DONE ? 1 : 0;
        }
        assertThat(done).as("rounds trade through 40-100 ms of latency").isPositive();
        finish("latency_jitter");
    }

    @Test
    void bandwidthLimit() throws Exception {
        venues.vestProxy.bandwidth(32_000);
        venues.paradexProxy.bandwidth(32_000);
        for (int i = 0; i < 3; i++) {
            round(alternate().apply(i));
        }
        finish("bandwidth_32kBps");
    }

    @Test
    void stallKeepsTheSocketOpenButSilent() throws Exception {
        final int sentBefore = venues.vest.requests().size() + venues.paradex.requests().size();
        venues.paradexProxy.stall(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> venues.paradex.isStale(ChaosVenues.PARADEX_MARKET));
        assertThat(round(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.BLOCKED_STALE);
        assertThat(venues.vest.requests().size() + venues.paradex.requests().size())
            .as("no order on a stale book").isEqualTo(sentBefore);
        healAndRecover();
        // a stall that starts while the orders of a round are in flight
        final var entry = executor.tryEnter(Direction.BUY_B_SELL_A);
        venues.vestProxy.stall(true);
        venues.paradexProxy.stall(true);
        entry.get(60, TimeUnit.SECONDS);
        rounds++;
        affected++;
        venues.vestProxy.stall(false);
        venues.paradexProxy.stall(false);
        assertHedgedOrHalted();
        finish("stall");
    }

    @Test
    void halfClosedConnections() throws Exception {
        final long reconnects = venues.reconnects();
        venues.vestProxy.halfClose();
        venues.paradexProxy.halfClose();
        await().atMost(Duration.ofSeconds(10)).until(() -> venues.reconnects() >= reconnects + 2);
        await().atMost(Duration.ofSeconds(20)).until(venues::bothFresh);
        for (int i = 0; i < 2; i++) {
            round(alternate().apply(i));
        }
        finish("half_close");
    }

    @Test
    void resetsInTheMiddleOfAFrame() throws Exception {
        // with no order in flight the next chunk is a market-data push: the streams are cut mid-frame and reconnect
        final long reconnects = venues.reconnects();
        venues.vestProxy.resetNextFrame();
        venues.paradexProxy.resetNextFrame();
        await().atMost(Duration.ofSeconds(10)).until(() -> !venues.vestProxy.resetPending()
            && !venues.paradexProxy.resetPending());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(venues.reconnects())
            .as("the adapters reconnected after the resets").isGreaterThan(reconnects));
        await().atMost(Duration.ofSeconds(20)).until(venues::bothFresh);
        // armed just before a round, the cut chunk is whichever comes first: often an order's answer (ack lost,
        // found by lookup), sometimes a push; either way each round must end hedged or halted
        for (int i = 0; i < 4; i++) {
            venues.vestProxy.resetNextFrame();
            venues.paradexProxy.resetNextFrame();
            round(alternate().apply(i));
        }
        finish("reset_mid_frame");
    }

    @Test
    void framesSplitAtEveryByte() throws Exception {
        venues.vestProxy.tinyWrites(true);
        venues.paradexProxy.tinyWrites(true);
        int done = 0;
        for (int i = 0; i < 3; i++) {
            done += round(alternate().apply(i)) == RoundResult.DONE ? 1 : 0;
        }
        assertThat(done).as("decoders reassemble frames split at every byte").isPositive();
        assertThat(venues.vestAdapter.health().decodeErrors() + venues.paradexAdapter.health().decodeErrors()).isZero();
        finish("tiny_writes");
    }

    @Test
    void venueRestartsWithADifferentBook() throws Exception {
        final long bidBefore = bestBid();
        venues.paradexProxy.restart(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> venues.paradex.isStale(ChaosVenues.PARADEX_MARKET));
        // while it is down the venue's market moves on (30 steps of its timer; arb.chaos.advance adds manual steps):
        // it comes back with another book
        for (int i = 0; i < Integer.getInteger("arb.chaos.advance", 0); i++) {
            venues.paradexSim.advance();
        }
        assertThat(round(Direction.BUY_A_SELL_B)).isEqualTo(RoundResult.BLOCKED_STALE);
        await().atMost(Duration.ofSeconds(20)).until(venues::bothFresh);
        assertThat(bestBid()).as("the book after the restart is the venue's new one").isNotEqualTo(bidBefore);
        finish("restart_new_book");
    }

    @Test
    void reconnectsBackOffWithJitterOnBothVenues() throws Exception {
        final long t0 = System.nanoTime();
        venues.vestProxy.restart(Duration.ofSeconds(6));
        venues.paradexProxy.restart(Duration.ofSeconds(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(6)
            && venues.bothFresh());
        final long end = t0 + TimeUnit.SECONDS.toNanos(6);
        final long vestAttempts = venues.vestProxy.connectTimesNanos().stream().filter(t -> t > t0 && t < end).count();
        final long paradexAttempts = venues.paradexProxy.connectTimesNanos().stream().filter(t -> t > t0 && t < end)
            .count();
        System.out.printf("reconnect attempts in a 6 s outage: vest %d, paradex %d%n", vestAttempts, paradexAttempts);
        // 100 ms doubling to 1.6 s: about 100+200+400+800+1600+1600 ms, 6 attempts a stream; a fixed 100 ms delay
        // would make ~60. Vest has three reconnecting clients on that port: the two streams and the order channel's
        // keep-alive connections (one probe per backoff step once an attempt failed, VestOrderChannel), plus the
        // HttpClient's GETs
        assertThat(vestAttempts).as("Vest attempts (streams and order connections)").isBetween(2L, 30L);
        assertThat(paradexAttempts).as("Paradex attempts").isBetween(2L, 12L);
        finish("restart_backoff");
    }

    private long bestBid() throws Exception {
        return venues.loop().submit(() -> venues.paradex.orderBook(ChaosVenues.PARADEX_MARKET).bestBid())
            .get(5, TimeUnit.SECONDS);
    }
}
