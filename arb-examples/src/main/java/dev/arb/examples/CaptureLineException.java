package dev.arb.examples;

import java.io.IOException;

/**
 * A line of one of {@link MergedReplay}'s two captures is not a frame record, or not valid UTF-8: says which
 * capture ({@code paradex} or {@code vest}), which line and what is wrong, so the command can name the file.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
final class CaptureLineException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@code paradex} or {@code vest}. */
    private final String venue;
    /** 1-based line of that capture. */
    private final long lineNumber;

    /**
     * @param venue      {@code paradex} or {@code vest}
     * @param lineNumber 1-based line of that capture
     * @param detail     what is wrong with the line, starting {@code line N …}
     * @param cause      the reader's exception
     */
    CaptureLineException(final String venue, final long lineNumber, final String detail, final Throwable cause) {
        super(detail, cause);
        this.venue = venue;
        this.lineNumber = lineNumber;
    }

    /** @return {@code paradex} or {@code vest} */
    String venue() {
        return venue;
    }

    /** @return 1-based line of that capture */
    long lineNumber() {
        return lineNumber;
    }
}
