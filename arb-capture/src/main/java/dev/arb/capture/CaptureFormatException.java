package dev.arb.capture;

import dev.arb.api.MalformedMessageException;

/**
 * A line of a JSONL capture is not a valid frame record (not JSON, missing or mistyped {@code t_ns},
 * {@code opcode}, {@code text} or {@code b64}, bad base64). The message names the line number.
 *
 * <p>The venue it reports is {@code "paradex"}, whichever venue the capture is of: the format was Paradex's first
 * and its errors have always said so ({@code paradex: capture line 3: …}); the name stays so that messages and
 * the tools that read them are unchanged.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class CaptureFormatException extends MalformedMessageException {
    private static final long serialVersionUID = 1L;

    /** The venue name every capture error carries (see the class comment). */
    static final String VENUE = "paradex";

    /** 1-based line of the capture. */
    private final long lineNumber;

    /**
     * @param lineNumber 1-based line of the capture
     * @param message    what is wrong
     * @param cause      underlying cause, or null
     */
    public CaptureFormatException(final long lineNumber, final String message, final Throwable cause) {
        super(VENUE, null, "capture line " + lineNumber + ": " + message, cause);
        this.lineNumber = lineNumber;
    }

    /** @return 1-based line of the capture */
    public long lineNumber() {
        return lineNumber;
    }
}
