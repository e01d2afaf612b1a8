package dev.arb.sim.process;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * This JVM's collections so far, split young / old by the collector's name ({@code G1 Old Generation},
 * {@code PS MarkSweep}, {@code ConcurrentMarkSweep}, {@code MarkSweepCompact} are old; the rest, including
 * ZGC's and Shenandoah's pause and cycle beans, young). Times are the beans' accumulated collection times, ms
 * (for G1 the pause time; concurrent collectors report their cycles' time).
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param youngCount collections of the young kind
 * @param youngMs    their accumulated time, ms
 * @param oldCount   collections of the old kind
 * @param oldMs      their accumulated time, ms
 */
public record GcTotals(long youngCount, long youngMs, long oldCount, long oldMs) {
    /** @return the totals now, from {@link ManagementFactory#getGarbageCollectorMXBeans()} */
    public static GcTotals now() {
        long yc = 0;
        long ym = 0;
        long oc = 0;
        long om = 0;
        for (final GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            final String name = b.getName().toLowerCase(Locale.ROOT);
            final long count = Math.max(0, b.getCollectionCount());
            final long ms = Math.max(0, b.getCollectionTime());
            if (name.contains("old") || name.contains("marksweep")) {
                oc += count;
                om += ms;
            } else {
                yc += count;
                ym += ms;
            }
        }
        return new GcTotals(yc, ym, oc, om);
    }

    /**
     * @param earlier totals taken before
     * @return what happened between {@code earlier} and these
     */
    public GcTotals minus(final GcTotals earlier) {
        return new GcTotals(youngCount - earlier.youngCount, youngMs - earlier.youngMs, oldCount - earlier.oldCount,
            oldMs - earlier.oldMs);
    }

    /** @return {@code young N / M ms, old N / M ms} */
    @Override
    public String toString() {
        return "young " + youngCount + " / " + youngMs + " ms, old " + oldCount + " / " + oldMs + " ms";
    }
}
