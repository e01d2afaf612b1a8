package dev.arb.paradex;

import dev.arb.api.VenueStatus;
import dev.arb.paradex.internal.ParadexRestClient;
import dev.arb.paradex.internal.RestDecoders;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The venue's status from {@code GET /v1/system/state} (protocol reference §3), read at connect and polled every
 * 30 s after it; {@code cancel_only} and {@code maintenance} make order entry refuse new orders.
 *
 * <p><b>Note:</b> thread-safe: the status is volatile; polls run on the event loop, answers complete on the HTTP
 * client's threads.
 */
final class ParadexVenueStatus {
    private static final long STATUS_POLL_MS = 30_000;

    private final ParadexRestClient rest;
    private final EventLoop loop;
    private volatile VenueStatus status = VenueStatus.UNKNOWN;
    private volatile boolean polling;
    private volatile ScheduledFuture<?> poll;
    private volatile boolean closed;

    /**
     * @param rest the REST client
     * @param loop the event loop the poll runs on
     */
    ParadexVenueStatus(final ParadexRestClient rest, final EventLoop loop) {
        this.rest = rest;
        this.loop = loop;
    }

    /** Reads the status now and every 30 s from then on (once; later calls do nothing). */
    void startPolling() {
        if (polling) {
            return;
        }
        polling = true;
        refresh();
        poll = loop.scheduleWithFixedDelay(() -> {
            if (!closed) {
                refresh();
            }
        }, STATUS_POLL_MS, STATUS_POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** @return the status read ({@link VenueStatus#UNKNOWN} if the request failed) */
    CompletableFuture<VenueStatus> refresh() {
        return rest.getPublic("/system/state").handle((body, e) -> {
            status = e == null ? RestDecoders.venueStatus(body) : VenueStatus.UNKNOWN;
            return status;
        });
    }

    /** @return the last status read, {@link VenueStatus#UNKNOWN} before the first */
    VenueStatus current() {
        return status;
    }

    /** Stops polling. */
    void close() {
        closed = true;
        final ScheduledFuture<?> p = poll;
        if (p != null) {
            p.cancel(false);
        }
    }
}
