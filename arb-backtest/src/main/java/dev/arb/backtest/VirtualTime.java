package dev.arb.backtest;

import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * A deterministic single-threaded scheduler on a virtual clock: the backtest's only source of time.
 *
 * <p>Time is a {@code long} count of virtual nanoseconds ({@link #nanoTime()}), starting at the
 * {@code startNanos} given to the constructor and moving only when the driver calls
 * {@link #advanceTo(long)} (or while it runs the tasks due). Wall-clock readings
 * ({@link #currentTimeMillis()}, {@link #instant()}, {@link #clock()}) are the epoch origin plus the
 * virtual time elapsed since {@code startNanos}. The system clock is never read.
 *
 * <p>Tasks are ordered by due time, and FIFO (by submission order) among tasks due at the same time,
 * so a replay of the same inputs runs the same tasks in the same order. A task scheduled for a time
 * already past runs at the current time, after the tasks already queued for it.
 *
 * <p><b>Note:</b> not thread-safe; confined to the backtest driver's thread. The first call binds the
 * instance to the calling thread; with assertions enabled ({@code -ea}) a call from any other thread
 * fails with an {@link AssertionError}, which catches a component that escaped to a real thread pool.
 */
public final class VirtualTime implements InstantSource {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final long originEpochMillis;
    private final long startNanos;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Executor executor = this::execute;
    private long now;
    private long nextSeq;
    private Thread owner;

    /**
     * @param originEpochMillis wall-clock time at {@code startNanos}, ms since the epoch
     * @param startNanos        the initial {@link #nanoTime()} reading, virtual ns (e.g. the first
     *                          recorded frame's receive time)
     */
    public VirtualTime(final long originEpochMillis, final long startNanos) {
        this.originEpochMillis = originEpochMillis;
        this.startNanos = startNanos;
        this.now = startNanos;
    }

    /**
     * A clock whose {@link #nanoTime()} starts at 0.
     *
     * @param originEpochMillis wall-clock time at virtual time 0, ms since the epoch
     */
    public VirtualTime(final long originEpochMillis) {
        this(originEpochMillis, 0L);
    }

    /** @return the current virtual time, ns (the backtest's {@code System.nanoTime()}) */
    public long nanoTime() {
        assert confined();
        return now;
    }

    /**
     * @return the current virtual wall-clock time, ms since the epoch: the origin plus the elapsed
     *     virtual time, rounded down to the ms
     */
    public long currentTimeMillis() {
        assert confined();
        return originEpochMillis + Math.floorDiv(now - startNanos, NANOS_PER_MILLI);
    }

    /** @return the current virtual wall-clock time, ns precision */
    @Override
    public Instant instant() {
        assert confined();
        return Instant.ofEpochMilli(originEpochMillis).plusNanos(now - startNanos);
    }

    /** @return same as {@link #currentTimeMillis()} */
    @Override
    public long millis() {
        return currentTimeMillis();
    }

    /** @return a UTC {@link Clock} reading this virtual time, for code that takes a {@code Clock} */
    public Clock clock() {
        return withZone(ZoneOffset.UTC);
    }

    /**
     * Schedules a task. It runs during a later {@link #advanceTo}/{@link #runUntilIdle} once the clock
     * reaches {@code atNanos}, after every task already scheduled for the same time.
     *
     * @param atNanos due time, virtual ns; a time already past means "now"
     * @param task    the task; an exception it throws propagates out of {@link #advanceTo}
     */
    public void schedule(final long atNanos, final Runnable task) {
        assert confined();
        Objects.requireNonNull(task, "task");
        queue.add(new Task(Math.max(atNanos, now), nextSeq++, task));
    }

    /**
     * @return an {@link Executor} whose {@code execute(r)} schedules {@code r} at the current virtual
     *     time, after the tasks already queued for now (FIFO): it never runs {@code r} inline, so a
     *     {@code thenApplyAsync(..., executor)} hop is deferred deterministically until the driver
     *     advances or calls {@link #runUntilIdle()}
     */
    public Executor executor() {
        return executor;
    }

    private void execute(final Runnable r) {
        schedule(now, r);
    }

    /**
     * Runs, in time order (FIFO among equal times), every task due at or before {@code nanos},
     * including tasks those tasks schedule for times up to {@code nanos}; the clock reads each task's
     * due time while it runs. Then sets the clock to {@code nanos}.
     *
     * @param nanos target virtual time, ns; not before {@link #nanoTime()}
     * @throws IllegalArgumentException if {@code nanos} is in the past
     */
    public void advanceTo(final long nanos) {
        assert confined();
        if (nanos < now) {
            throw new IllegalArgumentException("virtual time cannot go back: " + nanos + " < " + now);
        }
        Task t;
        while ((t = queue.peek()) != null && t.atNanos <= nanos) {
            queue.poll();
            now = t.atNanos;
            t.task.run();
        }
        now = nanos;
    }

    /**
     * Advances by a duration.
     *
     * @param deltaNanos ns to advance, not negative
     */
    public void advanceBy(final long deltaNanos) {
        advanceTo(Math.addExact(now, deltaNanos));
    }

    /** Runs every task due now (and those they schedule for now), without moving the clock. */
    public void runUntilIdle() {
        advanceTo(now);
    }

    /** @return the number of tasks waiting, due now or later */
    public int pendingTasks() {
        return queue.size();
    }

    /** @return the due time of the earliest waiting task, virtual ns, or {@link Long#MAX_VALUE} if none */
    public long nextTaskNanos() {
        final Task t = queue.peek();
        return t == null ? Long.MAX_VALUE : t.atNanos;
    }

    private boolean confined() {
        final Thread current = Thread.currentThread();
        if (owner == null) {
            owner = current;
        }
        if (owner != current) {
            throw new AssertionError("VirtualTime is confined to " + owner.getName() + ", called from "
                + current.getName());
        }
        return true;
    }

    /** A queued task: ordered by due time, then by submission. */
    private record Task(long atNanos, long seq, Runnable task) implements Comparable<Task> {
        @Override
        public int compareTo(final Task o) {
            final int c = Long.compare(atNanos, o.atNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /**
     * @return this clock as the engine's {@link dev.arb.api.TimeSource}: readings are virtual, and
     *     {@code schedule} runs the task on this scheduler at the virtual due time (cancellable until then)
     */
    public dev.arb.api.TimeSource asTimeSource() {
        final VirtualTime self = this;
        return new dev.arb.api.TimeSource() {
            @Override
            public long nanoTime() {
                return self.nanoTime();
            }

            @Override
            public long currentTimeMillis() {
                return self.currentTimeMillis();
            }

            @Override
            public Cancellable schedule(final long delayNanos, final Runnable task) {
                final boolean[] cancelled = new boolean[1];
                self.schedule(self.nanoTime() + Math.max(0, delayNanos), () -> {
                    if (!cancelled[0]) {
                        task.run();
                    }
                });
                return () -> cancelled[0] = true;
            }
        };
    }
}
