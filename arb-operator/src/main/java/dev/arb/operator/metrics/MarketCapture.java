package dev.arb.operator.metrics;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies every bot's market data on the engine's thread ({@code captureMarket} must run there) and waits
 * for it a bounded time. The task handed to the engine is built once and allocates nothing (each
 * {@code captureMarket} is allocation-free); at most one is queued at a time, so a stuck engine does not
 * pile scrapes up. When the wait times out, the meters show the last capture (its age is exported).
 *
 * <p><b>Note:</b> {@link #capture} is called by one thread at a time (the scraping thread, under the
 * {@link OperatorMetrics} lock); the task runs on the engine's thread.
 */
final class MarketCapture {
    private final Executor engine;
    private final long waitMs;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable task;
    private volatile BotView[] bots = new BotView[0];
    private volatile CountDownLatch done;

    MarketCapture(final Executor engine, final long waitMs) {
        this.engine = engine;
        this.waitMs = waitMs;
        this.task = () -> {
            try {
                for (BotView b : bots) {
                    b.executor.captureMarket(b.snapshot);
                }
            } finally {
                queued.set(false);
                final CountDownLatch d = done;
                if (d != null) {
                    d.countDown();
                }
            }
        };
    }

    /** @param views the bots to capture from now on */
    void bots(final BotView[] views) {
        bots = views;
    }

    /**
     * Hands the capture to the engine (unless one is still queued) and waits for it.
     *
     * @return {@code true} if a capture finished within the wait
     */
    boolean capture() {
        if (engine == null || bots.length == 0) {
            return false;
        }
        final CountDownLatch latch = new CountDownLatch(1);
        done = latch;
        if (queued.compareAndSet(false, true)) {
            try {
                engine.execute(task);
            } catch (RejectedExecutionException e) {
                queued.set(false);
                return false; // the engine has stopped: keep the last capture
            }
        }
        try {
            return latch.await(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
