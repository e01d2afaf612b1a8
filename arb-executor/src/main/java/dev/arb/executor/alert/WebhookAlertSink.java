package dev.arb.executor.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert as a JSON object ({@code kind}, {@code critical}, {@code source}, {@code message},
 * {@code timeMs}) to a webhook URL with the JDK {@link HttpClient}, asynchronously; a failed post is
 * counted and logged, never retried (the log sink should run alongside).
 *
 * <p><b>Note:</b> thread-safe; {@link #alert} returns at once.
 */
public final class WebhookAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient client;
    private final Duration timeout;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param url     where to POST (its query string may carry a token: it is never logged)
     * @param timeout per request
     * @throws NullPointerException if an argument is null
     */
    public WebhookAlertSink(final URI url, final Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void alert(final Alert a) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("kind", a.kind().name());
        body.put("critical", a.critical());
        body.put("source", a.source());
        body.put("message", a.message());
        body.put("timeMs", a.timeMs());
        final String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            failed.incrementAndGet();
            return;
        }
        final HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() / 100 == 2) {
                sent.incrementAndGet();
            } else {
                final long n = failed.incrementAndGet();
                if (n == 1 || n % 100 == 0) {
                    LOG.warn("alert webhook to {} failed ({} so far): {}", url.getHost(), n,
                        e != null ? e.toString() : "HTTP " + r.statusCode());
                }
            }
        });
    }

    /** @return alerts the webhook accepted (2xx) */
    public long sent() {
        return sent.get();
    }

    /** @return alerts that could not be delivered */
    public long failed() {
        return failed.get();
    }
}
