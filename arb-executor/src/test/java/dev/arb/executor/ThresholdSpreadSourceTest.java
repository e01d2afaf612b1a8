package dev.arb.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Parameters;
import dev.arb.strategy.api.PositionState;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.source.StrategyCompiler;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code strategies/ThresholdSpread.java}, compiled at run time as a user would run it, makes the same
 * decisions as the built-in {@link ThresholdSpreadStrategy} with the same parameters: 10,000 seeded
 * random cases of books, funding rates (some unknown), position states and parameter values.
 */
class ThresholdSpreadSourceTest {
    private static final Path SOURCE = Path.of("..", "strategies", "ThresholdSpread.java");

    @Test
    void shouldDecideExactlyLikeTheBuiltInStrategy() {
        Assumptions.assumeTrue(Files.exists(SOURCE), "strategies/ThresholdSpread.java not found");
        final Strategy source = new StrategyCompiler().compile(SOURCE).strategy();
        final ThresholdSpreadStrategy builtIn = new ThresholdSpreadStrategy();
        assertThat(source.parameters()).as("same declarations").isEqualTo(builtIn.parameters());

        final ThresholdSpreadStrategyTest.FakeLeg a = new ThresholdSpreadStrategyTest.FakeLeg(ThresholdSpreadStrategyTest.SPEC_A);
        final ThresholdSpreadStrategyTest.FakeLeg b = new ThresholdSpreadStrategyTest.FakeLeg(ThresholdSpreadStrategyTest.SPEC_B);
        final ThresholdSpreadStrategyTest.FakeContext context = new ThresholdSpreadStrategyTest.FakeContext(a, b);
        final SplittableRandom random = new SplittableRandom(20261204);
        final Intent fromSource = new Intent();
        final Intent fromBuiltIn = new Intent();
        int entries = 0;
        int exits = 0;
        for (int i = 0; i < 10_000; i++) {
            if (i % 100 == 0) {
                context.params = Parameters.of(builtIn.parameters(), randomParameters(random, builtIn.parameters()));
                source.configure(context);
                builtIn.configure(context);
            }
            final BigDecimal mid = BigDecimal.valueOf(95 + random.nextDouble() * 10).setScale(2, RoundingMode.HALF_UP);
            a.book(mid.subtract(ticks(random)), mid.add(ticks(random)));
            final BigDecimal midB = mid.multiply(BigDecimal.valueOf(1 + (random.nextDouble() - 0.5) / 100))
                .setScale(2, RoundingMode.HALF_UP);
            b.book(midB.subtract(ticks(random)), midB.add(ticks(random)));
            a.funding = random.nextInt(5) == 0 ? Double.NaN : (random.nextDouble() - 0.5) / 1000;
            b.funding = random.nextInt(5) == 0 ? Double.NaN : (random.nextDouble() - 0.5) / 1000;
            final int state = random.nextInt(4);
            context.state = state == 0 ? PositionState.FLAT : state == 1 ? PositionState.BUSY : PositionState.OPEN;
            context.open = context.state != PositionState.OPEN ? null
                : state == 2 ? Direction.BUY_A_SELL_B : Direction.BUY_B_SELL_A;
            context.now = System.nanoTime();
            fromSource.hold();
            fromBuiltIn.hold();
            source.onBook(context, fromSource);
            builtIn.onBook(context, fromBuiltIn);
            assertThat(fromSource.toString()).as("case %d", i).isEqualTo(fromBuiltIn.toString());
            assertThat(fromSource.edgePct()).as("case %d", i).isEqualTo(fromBuiltIn.edgePct());
            entries += fromBuiltIn.action() == Intent.Action.ENTER ? 1 : 0;
            exits += fromBuiltIn.action() == Intent.Action.EXIT ? 1 : 0;
        }
        assertThat(entries).as("the cases include entries").isGreaterThan(100);
        assertThat(exits).as("the cases include exits").isGreaterThan(100);
    }

    private static BigDecimal ticks(final SplittableRandom random) {
        return BigDecimal.valueOf(1 + random.nextInt(5), 2);
    }

    private static Map<String, String> randomParameters(final SplittableRandom random, final List<ParamSpec> specs) {
        final Map<String, String> p = new HashMap<>();
        p.put(ThresholdSpreadStrategy.SPREAD_ENTRY, BigDecimal.valueOf(random.nextInt(-60, 60), 2).toPlainString());
        p.put(ThresholdSpreadStrategy.SPREAD_EXIT, BigDecimal.valueOf(random.nextInt(-60, 20), 2).toPlainString());
        p.put(ThresholdSpreadStrategy.FUNDING_HORIZON_H, Integer.toString(random.nextInt(0, 48)));
        p.put(ThresholdSpreadStrategy.USE_VWAP, Boolean.toString(random.nextBoolean()));
        assertThat(specs).extracting(ParamSpec::name).containsAll(p.keySet());
        return p;
    }
}
