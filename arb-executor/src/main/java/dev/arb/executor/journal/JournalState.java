package dev.arb.executor.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state a journal implies: per venue and market the expected position (the last
 * {@link JournalEventType#BASELINE} plus the signed filled size of every order after it) and the
 * orders whose outcome is not known (an intent with no terminal answer: the process died, or the ack
 * was lost and never resolved).
 *
 * <p><b>Note:</b> immutable after {@link #replay}; thread-safe.
 */
public final class JournalState {
    private final Map<String, Long> expectedPositions;
    private final List<JournalEvent> unresolved;
    private final int events;

    private JournalState(final Map<String, Long> expectedPositions, final List<JournalEvent> unresolved,
        final int events) {
        this.expectedPositions = Collections.unmodifiableMap(expectedPositions);
        this.unresolved = Collections.unmodifiableList(unresolved);
        this.events = events;
    }

    /** Per-order replay state. */
    private static final class OrderTrack {
        final JournalEvent intent;
        long filled;
        boolean terminal;

        OrderTrack(final JournalEvent intent) {
            this.intent = intent;
        }
    }

    /**
     * @param events records in journal order
     * @return the implied state
     */
    public static JournalState replay(final List<JournalEvent> events) {
        final Replayer r = new Replayer();
        r.accept(events);
        return r.state();
    }

    /**
     * Replays a journal incrementally: feed records as they are committed, read the state at any time.
     * Orders that reached a terminal state are folded into the running position and forgotten.
     *
     * <p><b>Note:</b> not thread-safe.
     */
    public static final class Replayer {
        private final Map<String, Long> settled = new LinkedHashMap<>();
        private final Map<String, OrderTrack> open = new LinkedHashMap<>();
        private int events;
        private long lastSeq;

        /** @param batch records in journal order, after those already accepted */
        public void accept(final List<JournalEvent> batch) {
            for (JournalEvent e : batch) {
                accept(e);
            }
        }

        /** @return the {@code seq} of the last record accepted (0 before any) */
        public long lastSeq() {
            return lastSeq;
        }

        private void accept(final JournalEvent e) {
            events++;
            lastSeq = Math.max(lastSeq, e.seq());
            switch (e.type()) {
                case BASELINE: {
                    final String key = key(e.venue(), e.market());
                    settled.put(key, e.size());
                    open.values().removeIf(o -> key(o.intent.venue(), o.intent.market()).equals(key));
                    break;
                }
                case INTENT:
                    open.putIfAbsent(e.clientOrderId(), new OrderTrack(e));
                    break;
                case ACK:
                case UPDATE:
                case ERROR: {
                    final OrderTrack o = e.clientOrderId() == null ? null : open.get(e.clientOrderId());
                    if (o == null || e.status() == null || "UNKNOWN".equals(e.status())) {
                        break;
                    }
                    o.filled = Math.max(o.filled, e.filledSize());
                    o.terminal = isTerminal(e.status());
                    if (o.terminal) {
                        final long signed = "BUY".equals(o.intent.side()) ? o.filled : -o.filled;
                        settled.merge(key(o.intent.venue(), o.intent.market()), signed, Long::sum);
                        open.remove(e.clientOrderId());
                    }
                    break;
                }
                default:
                    break;
            }
        }

        /** @return the state implied by the records accepted so far */
        public JournalState state() {
            final Map<String, Long> expected = new LinkedHashMap<>(settled);
            final List<JournalEvent> unresolved = new ArrayList<>();
            for (OrderTrack o : open.values()) {
                final long signed = "BUY".equals(o.intent.side()) ? o.filled : -o.filled;
                expected.merge(key(o.intent.venue(), o.intent.market()), signed, Long::sum);
                unresolved.add(o.intent);
            }
            return new JournalState(expected, unresolved, events);
        }
    }

    private static boolean isTerminal(final String status) {
        return "FILLED".equals(status) || "CANCELED".equals(status) || "REJECTED".equals(status)
            || "EXPIRED".equals(status);
    }

    /**
     * @param venue  venue name
     * @param market venue symbol
     * @return the map key used by {@link #expectedPositions()}
     */
    public static String key(final String venue, final String market) {
        return venue + ':' + market;
    }

    /**
     * @param venue  venue name
     * @param market venue symbol
     * @return expected signed position, size scale (0 when the journal knows nothing)
     */
    public long expectedPosition(final String venue, final String market) {
        return expectedPositions.getOrDefault(key(venue, market), 0L);
    }

    /** @return expected signed positions by {@code venue:market}, size scale */
    public Map<String, Long> expectedPositions() {
        return expectedPositions;
    }

    /** @return intents of orders with no terminal answer in the journal */
    public List<JournalEvent> unresolvedOrders() {
        return unresolved;
    }

    /** @return number of records replayed */
    public int eventCount() {
        return events;
    }
}
