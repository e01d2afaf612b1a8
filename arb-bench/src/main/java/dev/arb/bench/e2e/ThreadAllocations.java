package dev.arb.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bytes allocated on the heap by each live thread of this JVM, by thread name, read through HotSpot's
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}: over a window ({@link #minus}) it shows which
 * threads fill the young generation (the event loop's order path, the pre-signers' refills, the journal), the
 * input to the "0 young GCs" target. A thread that ended during the window is not counted.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param byThread bytes allocated, by thread name
 */
record ThreadAllocations(Map<String, Long> byThread) {
    /** @return the bytes each live thread has allocated since it started */
    static ThreadAllocations now() {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        final Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && bytes[i] >= 0) {
                m.merge(infos[i].getThreadName(), bytes[i], Long::sum);
            }
        }
        return new ThreadAllocations(Map.copyOf(m));
    }

    /**
     * @param before an earlier reading
     * @return what each thread alive at both readings allocated in between
     */
    ThreadAllocations minus(final ThreadAllocations before) {
        final Map<String, Long> m = new HashMap<>();
        byThread.forEach((name, bytes) -> {
            final Long b = before.byThread.get(name);
            if (b != null && bytes - b > 0) {
                m.put(name, bytes - b);
            }
        });
        return new ThreadAllocations(Map.copyOf(m));
    }

    /**
     * @param decisions the window's decisions (0: no per-decision figure)
     * @return e.g. {@code "12.3 MB, 6.1 KB per decision: nioEventLoopGroup-2-1 4.2 MB, vest-nonce-pool 3.0 MB, …"}
     *     (the five largest threads)
     */
    String describe(final long decisions) {
        final long total = byThread.values().stream().mapToLong(Long::longValue).sum();
        final String top = byThread.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(5).map(e -> e.getKey() + " " + mb(e.getValue())).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s, %.1f KB per decision: %s", mb(total),
            decisions == 0 ? 0.0 : total / 1024.0 / decisions, top);
    }

    private static String mb(final long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
