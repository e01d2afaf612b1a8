package dev.arb.paradex;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters one {@link ParadexAdapter} keeps itself, shared by its parts: reconnect attempts of the WebSocket,
 * JSON control frames that could not be read, and private-channel pushes that could not be decoded or whose listener
 * threw (the first unreadable push logged once). The book feeds ({@code BookFeed}, {@code SbeBookFeed}) keep their
 * own counters, summed by {@link ParadexMarketDataFeed}; the adapter's public getters read both.
 *
 * <p><b>Note:</b> thread-safe: every count is atomic; written mostly on the event-loop thread, read from any.
 */
final class ParadexCounters {
    private static final Logger LOG = LoggerFactory.getLogger(ParadexCounters.class);

    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong controlErrors = new AtomicLong();
    private final AtomicLong privateMessageErrors = new AtomicLong();
    private final AtomicBoolean privateErrorLogged = new AtomicBoolean();

    /** Counts one scheduled reconnect attempt. */
    void reconnect() {
        reconnects.incrementAndGet();
    }

    /** @return reconnect attempts scheduled since the adapter was made */
    long reconnects() {
        return reconnects.get();
    }

    /** Counts a text frame that is not a JSON object, or a binary frame without SBE market data. */
    void controlError() {
        controlErrors.incrementAndGet();
    }

    /** @return control frames that could not be read */
    long controlErrors() {
        return controlErrors.get();
    }

    /** Counts a private message whose listener threw, without logging. */
    void privateMessageError() {
        privateMessageErrors.incrementAndGet();
    }

    /**
     * Counts a private push that could not be decoded or whose listener threw; the first one is logged.
     *
     * @param channel the push's channel (a venue channel name, not a secret)
     * @param e       what was thrown
     */
    void privateMessageError(final String channel, final RuntimeException e) {
        privateMessageErrors.incrementAndGet();
        if (privateErrorLogged.compareAndSet(false, true)) {
            LOG.warn("paradex: private {} push unreadable or listener threw (logged once; see privateMessageErrors())",
                channel, e);
        }
    }

    /** @return private messages that could not be decoded or whose listener threw */
    long privateMessageErrors() {
        return privateMessageErrors.get();
    }
}
