package dev.arb.paradex.sbe;

import dev.arb.api.MalformedMessageException;

/**
 * A binary frame that could not be decoded (wrong schema id, truncated, inconsistent). Never thrown out of
 * {@link ParadexSbeDecoder}: it is counted, logged once per kind and handed to
 * {@link ParadexSbeListener#onFrameError}.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class ParadexSbeFrameException extends MalformedMessageException {
    private static final long serialVersionUID = 1L;

    /** Why the frame was dropped. */
    private final FrameStatus status;
    /** The header's template id, or -1. */
    private final int templateId;

    /**
     * @param status     why the frame was dropped ({@link FrameStatus#WRONG_SCHEMA} or {@link FrameStatus#MALFORMED})
     * @param templateId the header's template id, or -1 when the header itself was unreadable
     * @param message    description (frame facts only, no secrets)
     * @param cause      underlying cause, or null
     */
    public ParadexSbeFrameException(final FrameStatus status, final int templateId, final String message,
        final Throwable cause) {
        super(ParadexSbe.VENUE, null, message, cause);
        this.status = status;
        this.templateId = templateId;
    }

    /** @return why the frame was dropped */
    public FrameStatus status() {
        return status;
    }

    /** @return the header's template id, or -1 when the header was unreadable */
    public int templateId() {
        return templateId;
    }
}
