package dev.arb.paradex.sbe;

import dev.arb.api.MalformedMessageException;

/**
 * A line of a JSONL capture is not a valid frame record (not JSON, missing or mistyped {@code t_ns},
 * {@code opcode}, {@code text} or {@code b64}, bad base64). The message names the line number.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class CaptureFormatException extends MalformedMessageException {
    private static final long serialVersionUID = 1L;

    /** 1-based line of the capture. */
    private final long lineNumber;

    /**
     * @param lineNumber 1-based line of the capture
     * @param message    what is wrong
     * @param cause      underlying cause, or null
     */
    public CaptureFormatException(final long lineNumber, final String message, final Throwable cause) {
        super(ParadexSbe.VENUE, null, "capture line " + lineNumber + ": " + message, cause);
        this.lineNumber = lineNumber;
    }

    /** @return 1-based line of the capture */
    public long lineNumber() {
        return lineNumber;
    }
}
