package dev.arb.paradex.sbe;

import dev.arb.api.OrderBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ParadexSbeDecoder} reports besides decoded events: bad, skipped and unrouted frames are counted,
 * logged once per {@link FrameStatus} (under the {@code ParadexSbeDecoder} logger) and, for bad frames, handed to
 * {@link ParadexSbeListener#onFrameError} as a {@link ParadexSbeFrameException}; book changes and resync signals
 * go to the listener; an exception the listener throws is caught, counted and logged once, so that the feed goes
 * on. The template id of the frame being decoded is kept here for the error it may raise.
 *
 * <p>Allocation-free on the happy path; a bad frame allocates its message and exception.
 *
 * <p><b>Note:</b> not thread-safe; owned by one decoder on its connection's event-loop thread. Counters may be
 * read elsewhere with stale values.
 */
final class FrameReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ParadexSbeDecoder.class);

    private final ParadexSbeListener listener;
    private final boolean[] loggedStatus = new boolean[FrameStatus.values().length];
    private boolean loggedListenerError;
    private int templateId;

    private long malformedFrames;
    private long wrongSchemaFrames;
    private long unknownTemplates;
    private long skippedTemplates;
    private long unroutedFrames;
    private long listenerErrors;

    /** @param listener the decoder's listener, not null */
    FrameReporter(final ParadexSbeListener listener) {
        this.listener = listener;
    }

    /** @param templateId the current frame's template id, -1 before its header is read */
    void templateId(final int templateId) {
        this.templateId = templateId;
    }

    /** @return {@link FrameStatus#MALFORMED}, after counting, logging and reporting {@code message} */
    FrameStatus malformed(final String message) {
        return error(FrameStatus.MALFORMED, message, null);
    }

    /**
     * Counts a dropped frame, logs it once per kind and hands it to {@link ParadexSbeListener#onFrameError}.
     *
     * @param status  {@link FrameStatus#MALFORMED} or {@link FrameStatus#WRONG_SCHEMA}
     * @param message what was wrong
     * @param cause   the exception that revealed it, or null
     * @return {@code status}
     */
    FrameStatus error(final FrameStatus status, final String message, final Throwable cause) {
        if (status == FrameStatus.WRONG_SCHEMA) {
            wrongSchemaFrames++;
        } else {
            malformedFrames++;
        }
        final ParadexSbeFrameException error = new ParadexSbeFrameException(status, templateId, message, cause);
        if (!loggedStatus[status.ordinal()]) {
            loggedStatus[status.ordinal()] = true;
            LOG.warn("dropping Paradex SBE frame ({}); counted, logged once per kind: {}", status, message);
        }
        try {
            listener.onFrameError(error);
        } catch (final RuntimeException e) {
            listenerFailed(e);
        }
        return status;
    }

    /** @return {@link FrameStatus#SKIPPED_TEMPLATE}, counted and logged once: a schema template not handled */
    FrameStatus skippedTemplate() {
        skippedTemplates++;
        logOnce(FrameStatus.SKIPPED_TEMPLATE, "skipping Paradex SBE template {} (not handled); counted, logged once",
            templateId);
        return FrameStatus.SKIPPED_TEMPLATE;
    }

    /** @return {@link FrameStatus#UNKNOWN_TEMPLATE}, counted and logged once: a template the schema does not define */
    FrameStatus unknownTemplate() {
        unknownTemplates++;
        logOnce(FrameStatus.UNKNOWN_TEMPLATE, "skipping unknown Paradex SBE template {}; counted, logged once",
            templateId);
        return FrameStatus.UNKNOWN_TEMPLATE;
    }

    /**
     * @param market the frame's market symbol, or {@code "?"} when the market table is full
     * @return {@link FrameStatus#UNROUTED}, counted and logged once: a book frame of a market with no book
     */
    FrameStatus unrouted(final String market) {
        unroutedFrames++;
        logOnce(FrameStatus.UNROUTED, "dropping a Paradex book frame of a market with no registered book ({});"
            + " counted, logged once", market);
        return FrameStatus.UNROUTED;
    }

    /** @param book a registered book a frame changed or invalidated, handed to {@link ParadexSbeListener#onBook} */
    void book(final OrderBook book) {
        try {
            listener.onBook(book);
        } catch (final RuntimeException e) {
            listenerFailed(e);
        }
    }

    /** Forwards a {@link SequencedBookApplier}'s resync signal; the parameters are {@link BookResyncListener}'s. */
    void resyncNeeded(final OrderBook book, final ResyncReason reason, final long expected, final long got) {
        try {
            listener.onResyncNeeded(book, reason, expected, got);
        } catch (final RuntimeException e) {
            listenerFailed(e);
        }
    }

    /** @param e what the listener threw; counted, logged once */
    void listenerFailed(final RuntimeException e) {
        listenerErrors++;
        if (!loggedListenerError) {
            loggedListenerError = true;
            LOG.warn("Paradex SBE listener threw; counted, feed continues, logged once", e);
        }
    }

    private void logOnce(final FrameStatus status, final String format, final Object arg) {
        if (!loggedStatus[status.ordinal()]) {
            loggedStatus[status.ordinal()] = true;
            LOG.info(format, arg);
        }
    }

    /** @return frames dropped as {@link FrameStatus#MALFORMED} */
    long malformedFrames() {
        return malformedFrames;
    }

    /** @return frames dropped as {@link FrameStatus#WRONG_SCHEMA} */
    long wrongSchemaFrames() {
        return wrongSchemaFrames;
    }

    /** @return frames of {@link FrameStatus#UNKNOWN_TEMPLATE} */
    long unknownTemplates() {
        return unknownTemplates;
    }

    /** @return frames of {@link FrameStatus#SKIPPED_TEMPLATE} */
    long skippedTemplates() {
        return skippedTemplates;
    }

    /** @return frames of {@link FrameStatus#UNROUTED} */
    long unroutedFrames() {
        return unroutedFrames;
    }

    /** @return exceptions thrown by the listener */
    long listenerErrors() {
        return listenerErrors;
    }
}
