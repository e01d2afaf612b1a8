package dev.arb.examples;

/**
 * Counts of one {@link ParadexReplay#run} pass.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
final class ReplaySummary {
    private final long textFrames;
    private final long binaryFrames;
    private final long topOfBookChanges;
    private final long gaps;
    private final long badFrames;

    ReplaySummary(final long textFrames, final long binaryFrames, final long topOfBookChanges, final long gaps,
        final long badFrames) {
        this.textFrames = textFrames;
        this.binaryFrames = binaryFrames;
        this.topOfBookChanges = topOfBookChanges;
        this.gaps = gaps;
        this.badFrames = badFrames;
    }

    /** @return text frames skipped (acks, errors) */
    long textFrames() {
        return textFrames;
    }

    /** @return binary frames fed to the decoder */
    long binaryFrames() {
        return binaryFrames;
    }

    /** @return top-of-book lines printed */
    long topOfBookChanges() {
        return topOfBookChanges;
    }

    /** @return {@code GAP} lines printed */
    long gaps() {
        return gaps;
    }

    /** @return binary frames dropped as malformed or of the wrong schema */
    long badFrames() {
        return badFrames;
    }

    @Override
    public String toString() {
        return "ReplaySummary{text=" + textFrames + " binary=" + binaryFrames + " topOfBookChanges=" + topOfBookChanges
            + " gaps=" + gaps + " badFrames=" + badFrames + '}';
    }
}
