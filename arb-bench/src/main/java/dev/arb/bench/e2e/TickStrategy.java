package dev.arb.bench.e2e;

import dev.arb.api.BookView;
import dev.arb.sim.process.TickBoard;
import dev.arb.strategy.api.Direction;
import dev.arb.strategy.api.Intent;
import dev.arb.strategy.api.ParamSpec;
import dev.arb.strategy.api.Strategy;
import dev.arb.strategy.api.StrategyContext;
import java.util.List;

/**
 * The harness's strategy: every paced tick is an opportunity. On the first book change that carries a new tick
 * (the {@link TickBoard} moved and venue A's, Vest's, book was received at or after the tick's planned time: a
 * Paradex update in between does not count) it enters ({@link Direction#BUY_A_SELL_B}) when flat and exits when
 * open, so the position alternates and ends flat; while a round is in flight the tick is counted as skipped.
 * The decision's time is the engine's ({@link StrategyContext#nowNanos()}, the timestamp the executor measures
 * its own latencies from), handed to the {@link RoundRecorder} with the tick's planned time.
 *
 * <p><b>Note:</b> confined to the executor's state thread, like any strategy.
 */
final class TickStrategy implements Strategy {
    private final TickBoard board;
    private final RoundRecorder recorder;
    private final long[] tick = new long[2];
    private long lastTick;

    /**
     * @param board    the simulator process's tick board
     * @param recorder where decisions are recorded
     */
    TickStrategy(final TickBoard board, final RoundRecorder recorder) {
        this.board = board;
        this.recorder = recorder;
        this.lastTick = board.tick();
    }

    @Override
    public String name() {
        return "e2e-every-tick";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of();
    }

    @Override
    public void configure(final StrategyContext context) {
        // no parameters
    }

    @Override
    public void onBook(final StrategyContext context, final Intent out) {
        board.read(tick);
        if (tick[0] == lastTick) {
            return;
        }
        final BookView vest = context.legA().book();
        if (vest == null || vest.receivedNanos() - tick[1] < 0) {
            return; // the tick's frame has not arrived yet: this is another book's change
        }
        lastTick = tick[0];
        recorder.seen(lastTick);
        switch (context.state()) {
            case FLAT -> {
                out.enter(Direction.BUY_A_SELL_B, 0);
                recorder.decided(context.nowNanos(), tick[1]);
            }
            case OPEN -> {
                out.exit(0);
                recorder.decided(context.nowNanos(), tick[1]);
            }
            default -> recorder.skipped();
        }
    }
}
