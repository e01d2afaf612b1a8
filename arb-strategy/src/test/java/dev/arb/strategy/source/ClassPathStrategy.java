package dev.arb.strategy.source;

import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.util.List;

/** A compiled strategy on the test class path, for {@link StrategyCompiler#loadClass(String)}. */
public class ClassPathStrategy implements Strategy {
    /** Creates it. */
    public ClassPathStrategy() {
    }

    @Override
    public String name() {
        return "class-path";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of();
    }

    @Override
    public void configure(final StrategyContext context) {
    }

    @Override
    public void onBook(final StrategyContext context, final Intent out) {
    }

    /** No public no-argument constructor. */
    public static final class NeedsArgument extends ClassPathStrategy {
        /** @param x anything */
        public NeedsArgument(final int x) {
        }
    }

    /** Its constructor throws. */
    public static final class Throwing extends ClassPathStrategy {
        /** Throws {@code IllegalStateException("boom")}. */
        public Throwing() {
            throw new IllegalStateException("boom");
        }
    }
}
