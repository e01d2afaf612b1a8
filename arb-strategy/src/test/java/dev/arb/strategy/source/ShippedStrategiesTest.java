package dev.arb.strategy.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.data.Offset.offset;

import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ready-to-run strategies in {@code strategies/} at the repository root compile and behave. */
class ShippedStrategiesTest {
    private static final Path STRATEGIES = Path.of("..", "strategies");
    private static final long MS = 1_000_000L;

    private final StrategyCompiler compiler = new StrategyCompiler();

    private static List<Path> sources() throws IOException {
        assumeThat(Files.isDirectory(STRATEGIES)).as("strategies/ next to the module").isTrue();
        try (Stream<Path> files = Files.list(STRATEGIES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private Strategy load(final String fileName) throws IOException {
        final Path src = STRATEGIES.resolve(fileName);
        assumeThat(Files.exists(src)).as(src + " exists").isTrue();
        return compiler.compile(src).strategy();
    }

    @Test
    void shouldCompileEveryShippedStrategy() throws IOException {
        final List<Path> sources = sources();
        assertThat(sources).isNotEmpty();
        for (Path src : sources) {
            final CompiledStrategy c = compiler.compile(src);
            final String simple = src.getFileName().toString().replace(".java", "");
            assertThat(c.className()).isEqualTo(simple);
            assertThat(c.strategy().name()).isNotBlank();
            // every strategy's parameters coexist with the engine's (no duplicate names, valid defaults)
            new FakeContext(c.strategy(), Map.of());
        }
    }

    @Test
    void shouldEnterPersistentSpreadOnlyAfterTheSpreadHeldForPersistMs() throws IOException {
        final Strategy s = load("PersistentSpread.java");
        final FakeContext ctx = new FakeContext(s, Map.of("persist_ms", "500"));
        s.configure(ctx);
        final Intent out = new Intent();
        // buy A at 100.01, sell B at 100.50: 0.49 % gross, 0.45 % net of 2 + 2 bps
        ctx.a.quote("100.00", "100.01");
        ctx.b.quote("100.50", "100.51");

        assertThat(call(s, ctx, out, 0).action()).isEqualTo(Intent.Action.HOLD);
        assertThat(call(s, ctx, out, 499 * MS).action()).isEqualTo(Intent.Action.HOLD);
        assertThat(call(s, ctx, out, 500 * MS).action()).isEqualTo(Intent.Action.ENTER);
        assertThat(out.direction()).isEqualTo(Direction.BUY_A_SELL_B);
        assertThat(out.edgePct()).isCloseTo(0.4499, offset(0.001));
        ctx.state = PositionState.BUSY; // the round is in flight: nothing more asked
        assertThat(call(s, ctx, out, 550 * MS).action()).isEqualTo(Intent.Action.HOLD);
        ctx.state = PositionState.FLAT;

        // a dip below the threshold restarts the window
        ctx.b.quote("100.02", "100.03");
        assertThat(call(s, ctx, out, 600 * MS).action()).isEqualTo(Intent.Action.HOLD);
        ctx.b.quote("100.50", "100.51");
        assertThat(call(s, ctx, out, 700 * MS).action()).isEqualTo(Intent.Action.HOLD);
        assertThat(call(s, ctx, out, 1200 * MS).action()).isEqualTo(Intent.Action.ENTER);
    }

    @Test
    void shouldExitPersistentSpreadWhenTheClosingSpreadReachesSpreadExit() throws IOException {
        final Strategy s = load("PersistentSpread.java");
        final FakeContext ctx = new FakeContext(s, Map.of());
        s.configure(ctx);
        ctx.state = PositionState.OPEN;
        ctx.openDirection = Direction.BUY_A_SELL_B;
        final Intent out = new Intent();
        // closing = buy B at 100.51, sell A at 100.00: far below -0.05 %
        ctx.a.quote("100.00", "100.01");
        ctx.b.quote("100.50", "100.51");
        assertThat(call(s, ctx, out, 0).action()).isEqualTo(Intent.Action.HOLD);

        // closing = buy B at 100.03, sell A at 100.05: +0.02 % gross, -0.02 % net ≥ -0.05 %
        ctx.a.quote("100.05", "100.06");
        ctx.b.quote("100.02", "100.03");
        assertThat(call(s, ctx, out, MS).action()).isEqualTo(Intent.Action.EXIT);
    }

    @Test
    void shouldEnterFundingCaptureInTheDirectionThatReceivesFunding() throws IOException {
        final Strategy s = load("FundingCapture.java");
        final FakeContext ctx = new FakeContext(s, Map.of());
        s.configure(ctx);
        final Intent out = new Intent();
        ctx.a.quote("100.00", "100.01");
        ctx.b.quote("100.00", "100.01");

        // unknown funding: nothing
        assertThat(call(s, ctx, out, 0).action()).isEqualTo(Intent.Action.HOLD);

        // longs pay 1 bp/h on A, receive 1 bp/h on B: long B, short A receives 2 bp/h
        ctx.a.funding = 0.0001;
        ctx.b.funding = -0.0001;
        assertThat(call(s, ctx, out, MS).action()).isEqualTo(Intent.Action.ENTER);
        assertThat(out.direction()).isEqualTo(Direction.BUY_B_SELL_A);
        // 0.02 %/h × 8 h − 0.01 % spread − 0.04 % fees
        assertThat(out.edgePct()).isCloseTo(0.11, offset(0.001));

        // the mirror
        ctx.a.funding = -0.0001;
        ctx.b.funding = 0.0001;
        assertThat(call(s, ctx, out, 2 * MS).direction()).isEqualTo(Direction.BUY_A_SELL_B);

        // a differential too small for the cost: nothing
        ctx.a.funding = 0.00001;
        ctx.b.funding = 0.0;
        assertThat(call(s, ctx, out, 3 * MS).action()).isEqualTo(Intent.Action.HOLD);
    }

    @Test
    void shouldHoldFundingCaptureWhileItPaysAndExitOnceTheDifferentialFlips() throws IOException {
        final Strategy s = load("FundingCapture.java");
        final FakeContext ctx = new FakeContext(s, Map.of());
        s.configure(ctx);
        ctx.state = PositionState.OPEN;
        ctx.openDirection = Direction.BUY_B_SELL_A;
        final Intent out = new Intent();
        ctx.a.quote("100.00", "100.01");
        ctx.b.quote("100.00", "100.01");

        ctx.a.funding = 0.0001; // the position (long B, short A) receives 2 bp/h
        ctx.b.funding = -0.0001;
        assertThat(call(s, ctx, out, 0).action()).isEqualTo(Intent.Action.HOLD);

        ctx.a.funding = -0.0001; // flipped: it now pays
        ctx.b.funding = 0.0001;
        assertThat(call(s, ctx, out, MS).action()).isEqualTo(Intent.Action.EXIT);
    }

    private static Intent call(final Strategy s, final FakeContext ctx, final Intent out, final long afterNanos) {
        ctx.nowNanos = 1_000_000_000L + afterNanos;
        out.hold();
        s.onBook(ctx, out);
        return out;
    }
}
