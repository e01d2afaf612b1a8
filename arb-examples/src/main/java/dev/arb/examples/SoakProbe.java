package dev.arb.examples;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What the soak samples in its own JVM: heap after a full GC, live threads, open file descriptors,
 * journal bytes, the bots' event-loop lag (a probe every 50 ms on each loop: how late it ran) and GC
 * pauses from the GC notifications. A GC pause is counted as having delayed a decision when it was
 * longer than 10 ms and not one the soak asked for ({@code System.gc()} before a heap reading): the
 * bots' loops handle book updates every 100 ms, so any stop-the-world pause that long holds a decision.
 *
 * <p><b>Note:</b> thread-safe: the GC listener and the loop probes write atomics; {@link #sample} runs on
 * one control thread.
 */
final class SoakProbe implements AutoCloseable {
    /** A GC pause longer than this delayed a decision, ms. */
    static final long DECISION_DELAY_LIMIT_MS = 10;
    private static final long PROBE_MS = 50;

    /**
     * One reading.
     *
     * @param atSeconds        seconds since the start
     * @param heapAfterGcBytes heap in use just after a full GC, bytes
     * @param threads          live threads
     * @param openFds          open file descriptors (-1 if the OS does not tell)
     * @param journalBytes     journal files, bytes (database and write-ahead log)
     * @param loopLagMaxMs     worst event-loop lag since the previous sample, ms
     * @param gcPauses         GC pauses since the previous sample (explicit ones excluded)
     * @param gcPauseMaxMs     longest of them, ms
     * @param delayedDecisions of them, longer than {@link #DECISION_DELAY_LIMIT_MS}
     * @param threadFamilies   live threads by name with its numbers replaced by {@code #}
     *                         ({@code HttpClient-#-Worker-#}), sorted by name: what grew, when threads grew
     */
    record Sample(long atSeconds, long heapAfterGcBytes, int threads, long openFds, long journalBytes,
        double loopLagMaxMs, long gcPauses, long gcPauseMaxMs, long delayedDecisions,
        Map<String, Integer> threadFamilies) {
    }

    private final long startNanos = System.nanoTime();
    private final List<Path> journals;
    private final AtomicLong lagMaxMicros = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong pauseMaxMs = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final List<ScheduledFuture<?>> probes = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener gcListener = this::onGc;

    /**
     * @param loops    the bots' event loops to probe
     * @param journals the bots' journal files
     */
    SoakProbe(final List<EventLoop> loops, final List<Path> journals) {
        this.journals = journals;
        for (EventLoop loop : loops) {
            final long[] expected = {System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_MS)};
            probes.add(loop.scheduleAtFixedRate(() -> {
                final long late = System.nanoTime() - expected[0];
                expected[0] += TimeUnit.MILLISECONDS.toNanos(PROBE_MS);
                lagMaxMicros.accumulateAndGet(Math.max(0, late / 1_000), Math::max);
            }, PROBE_MS, PROBE_MS, TimeUnit.MILLISECONDS));
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(gcListener, null, null);
                emitters.add(e);
            }
        }
    }

    private void onGc(final Notification n, final Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        final GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
            (CompositeData) n.getUserData());
        if ("System.gc()".equals(info.getGcCause()) || info.getGcName().contains("Concurrent")
            || info.getGcName().contains("Cycles")) {
            return; // asked for by the sampler, or concurrent work that does not stop the bots
        }
        final long ms = info.getGcInfo().getDuration();
        pauses.incrementAndGet();
        pauseMaxMs.accumulateAndGet(ms, Math::max);
        if (ms > DECISION_DELAY_LIMIT_MS) {
            delayed.incrementAndGet();
        }
    }

    /**
     * Takes a reading (runs a full GC first, to read the heap after it).
     *
     * @return the reading; the lag and GC figures cover the time since the previous one
     */
    Sample sample() {
        System.gc();
        final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        final int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        final long fds = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u
            ? u.getOpenFileDescriptorCount() : -1;
        long journalBytes = 0;
        for (Path j : journals) {
            for (String suffix : new String[] {"", "-wal"}) {
                final Path f = Path.of(j + suffix);
                try {
                    journalBytes += Files.exists(f) ? Files.size(f) : 0;
                } catch (java.io.IOException e) {
                    // deleted between the check and the read: counts as empty
                }
            }
        }
        return new Sample(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos), heap, threads, fds,
            journalBytes, lagMaxMicros.getAndSet(0) / 1000.0, pauses.getAndSet(0), pauseMaxMs.getAndSet(0),
            delayed.getAndSet(0), threadFamilies());
    }

    private static Map<String, Integer> threadFamilies() {
        final Map<String, Integer> families = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            families.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return families;
    }

    @Override
    public void close() {
        probes.forEach(p -> p.cancel(false));
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(gcListener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // never added
            }
        }
    }
}
