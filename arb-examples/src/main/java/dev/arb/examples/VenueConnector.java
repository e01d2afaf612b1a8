package dev.arb.examples;

import dev.arb.api.ExchangeAdapter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a run's venues at start-up, all at once, within one timeout; when that fails, names the
 * venue to blame: the first, in the configured order, whose connection failed, else the first still
 * pending.
 *
 * <p><b>Note:</b> stateless; {@link #connectAll} blocks the calling (control) thread.
 */
final class VenueConnector {
    private static final Logger LOG = LoggerFactory.getLogger(TradingSession.class);

    private VenueConnector() {
    }

    /**
     * @param adapters  adapters keyed by venue name, in the configured order
     * @param timeout   how long all venues together may take (markets, streams, login)
     * @param endpoints per venue, the URLs it connects to, for the error message
     * @throws VenueUnreachableException if a venue fails to connect or does not within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    static void connectAll(final Map<String, ExchangeAdapter> adapters, final Duration timeout,
        final Map<String, String> endpoints) throws VenueUnreachableException, InterruptedException {
        final Map<String, CompletableFuture<Void>> connects = new LinkedHashMap<>();
        adapters.forEach((venue, adapter) -> {
            CompletableFuture<Void> f;
            try {
                f = adapter.connect();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            connects.put(venue, f);
        });
        try {
            CompletableFuture.allOf(connects.values().toArray(new CompletableFuture<?>[0]))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("connect failed", e);
        }
        // allOf fails as soon as one fails: name the first venue (in config order) that failed, else one still pending
        String pending = null;
        for (Map.Entry<String, CompletableFuture<Void>> e : connects.entrySet()) {
            final CompletableFuture<Void> f = e.getValue();
            final String endpoint = endpoints.getOrDefault(e.getKey(), "its configured URLs");
            if (f.isCompletedExceptionally()) {
                try {
                    f.join();
                } catch (CompletionException | CancellationException x) {
                    throw VenueUnreachableException.failed(e.getKey(), endpoint, x);
                }
            }
            if (!f.isDone() && pending == null) {
                pending = e.getKey();
            }
        }
        final String venue = pending != null ? pending : connects.keySet().iterator().next();
        throw VenueUnreachableException.timedOut(venue, endpoints.getOrDefault(venue, "its configured URLs"), timeout);
    }
}
