package dev.arb.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Judges a soak's samples. With {@code d} the run's length, the reference is the first sample at or
 * after {@code d / 6} (minute 10 of an hour) and the end is the last sample, taken after the faults
 * stopped and every venue reconnected. It fails when the heap after GC grew by more than 5 % from
 * the reference to the end, when threads grew by more than {@link #THREAD_SLACK} (not counting idle-retiring
 * pool workers, see {@link #idlePoolGrowth}) or open file
 * descriptors by more than {@link #FD_SLACK} (pool threads and sockets come and go; a leak grows
 * without bound), or when any GC pause after the first sample (the start-up window) delayed a decision
 * by more than 10 ms.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 *
 * @param failures what failed, one line each (empty when it passed)
 * @param heapGrowthPct heap after GC, end vs reference, percent
 * @param threadGrowth  threads, end minus reference
 * @param fdGrowth      open file descriptors, end minus reference
 * @param delayedDecisions GC pauses over 10 ms after the first sample
 */
record SoakVerdict(List<String> failures, double heapGrowthPct, int threadGrowth, long fdGrowth,
    long delayedDecisions) {
    /** Largest heap growth between the reference and the end, percent. */
    static final double HEAP_GROWTH_LIMIT_PCT = 5.0;
    /** Threads the end may have above the reference. */
    static final int THREAD_SLACK = 2;
    /** Open file descriptors the end may have above the reference. */
    static final int FD_SLACK = 4;
    /** Thread families (numbers replaced by {@code #}) of pools whose idle workers retire after 60 s. */
    private static final Pattern IDLE_RETIRING_POOLS = Pattern.compile(
        "HttpClient-#-Worker-#|ForkJoinPool\\.commonPool-worker-#");

    /**
     * @param samples         the run's samples, in order (at least two)
     * @param durationSeconds the run's length, s
     * @return the verdict
     * @throws IllegalArgumentException with fewer than two samples
     */
    static SoakVerdict judge(final List<SoakProbe.Sample> samples, final long durationSeconds) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a soak needs at least two samples, got " + samples.size());
        }
        final SoakProbe.Sample ref = reference(samples, durationSeconds);
        final SoakProbe.Sample end = samples.get(samples.size() - 1);
        final List<String> failures = new ArrayList<>();
        final double heapPct = 100.0 * (end.heapAfterGcBytes() - ref.heapAfterGcBytes()) / ref.heapAfterGcBytes();
        if (heapPct > HEAP_GROWTH_LIMIT_PCT) {
            failures.add(String.format("heap after GC grew %.1f %% (%d -> %d bytes, s %d -> %d), limit %.0f %%", heapPct,
                ref.heapAfterGcBytes(), end.heapAfterGcBytes(), ref.atSeconds(), end.atSeconds(), HEAP_GROWTH_LIMIT_PCT));
        }
        final int threads = end.threads() - ref.threads();
        final Map<String, Integer> grown = familyGrowth(ref, end);
        if (threads - idlePoolGrowth(grown) > THREAD_SLACK) {
            failures.add("threads grew from " + ref.threads() + " to " + end.threads() + describe(grown));
        }
        final long fds = ref.openFds() < 0 ? 0 : end.openFds() - ref.openFds();
        if (fds > FD_SLACK) {
            failures.add("open file descriptors grew from " + ref.openFds() + " to " + end.openFds());
        }
        // the first window holds the start-up (class loading, JIT, simulators and journals created): not counted
        final List<SoakProbe.Sample> running = samples.subList(1, samples.size());
        final long delayed = running.stream().mapToLong(SoakProbe.Sample::delayedDecisions).sum();
        if (delayed > 0) {
            final long worst = running.stream().mapToLong(SoakProbe.Sample::gcPauseMaxMs).max().orElse(0);
            failures.add(delayed + " GC pause(s) delayed a decision by more than "
                + SoakProbe.DECISION_DELAY_LIMIT_MS + " ms (longest " + worst + " ms)");
        }
        return new SoakVerdict(List.copyOf(failures), heapPct, threads, fds, delayed);
    }

    /**
     * Growth of pools whose idle workers retire after 60 s (the JDK {@code HttpClient}'s default cached
     * executor and the common fork-join pool): a burst of requests during a fault adds workers that a run
     * shorter than their keep-alive still sees at its end. They are bounded by the requests in flight; a
     * leaked {@code HttpClient} shows as its {@code SelectorManager} thread, which is counted.
     *
     * @param grown the thread families that grew ({@link #familyGrowth})
     * @return workers of those pools at the end above the reference
     */
    static int idlePoolGrowth(final Map<String, Integer> grown) {
        return grown.entrySet().stream().filter(e -> IDLE_RETIRING_POOLS.matcher(e.getKey()).matches())
            .mapToInt(Map.Entry::getValue).sum();
    }

    /**
     * @return the thread families with more threads at the end than at the reference, by name, and how many
     *     more (empty when either sample lacks the families)
     */
    static Map<String, Integer> familyGrowth(final SoakProbe.Sample ref, final SoakProbe.Sample end) {
        final Map<String, Integer> grown = new TreeMap<>();
        if (ref.threadFamilies() != null && end.threadFamilies() != null) {
            end.threadFamilies().forEach((name, n) -> {
                final int diff = n - ref.threadFamilies().getOrDefault(name, 0);
                if (diff > 0) {
                    grown.put(name, diff);
                }
            });
        }
        return grown;
    }

    /** @return {@code " (+2 x-#, +1 y-#)"} for the families that grew, or {@code ""} */
    private static String describe(final Map<String, Integer> grown) {
        final StringBuilder sb = new StringBuilder();
        grown.forEach((name, diff) -> sb.append(sb.length() == 0 ? " (" : ", ").append('+').append(diff).append(' ')
            .append(name));
        return sb.length() == 0 ? "" : sb.append(')').toString();
    }

    /** @return the first sample at or after a sixth of the run (the last but one if none) */
    static SoakProbe.Sample reference(final List<SoakProbe.Sample> samples, final long durationSeconds) {
        for (int i = 0; i < samples.size() - 1; i++) {
            if (samples.get(i).atSeconds() >= durationSeconds / 6) {
                return samples.get(i);
            }
        }
        return samples.get(samples.size() - 2);
    }

    /** @return {@code true} when nothing failed */
    boolean passed() {
        return failures.isEmpty();
    }
}
