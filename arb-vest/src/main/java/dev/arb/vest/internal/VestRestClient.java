package dev.arb.vest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.RateLimitedException;
import dev.arb.api.Secret;
import dev.arb.api.TransportException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Vest REST transport on the JDK {@link HttpClient}: headers, {@code ?time=} on private GETs,
 * client-side rate limiting (Resilience4j), timeouts and error mapping ({@link VestErrors}).
 *
 * <p>Every request carries {@code xrestservermm: restserver{accountGroup}}; private ones also
 * {@code X-API-KEY}; bodies are {@code application/json}. Source: Vest API docs "General API
 * Information", "Authentication" (protocol reference §1, §4, §8.8). Rate limits are undocumented,
 * so the client-side limits are conservative guesses (protocol reference §4 Rate limits).
 *
 * <p><b>Note:</b> thread-safe. Futures complete on the HTTP client's executor.
 */
public final class VestRestClient {
    private final String baseUrl;
    private final String accountGroupHeader;
    private final Secret apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private final RateLimiter orderLimiter;
    private final RateLimiter restLimiter;
    private final LongSupplier clockMs;

    /**
     * @param baseUrl           REST base URL without trailing slash
     * @param accountGroup      account group for {@code xrestservermm}
     * @param apiKey            API key, or null (public calls only)
     * @param timeoutMs         per-request timeout, ms
     * @param ordersPerSecond   client-side limit on order/cancel calls per second
     * @param callsPerSecond    client-side limit on other calls per second
     * @param json              shared mapper
     * @param clockMs           wall clock, ms since the epoch
     */
    public VestRestClient(final String baseUrl, final int accountGroup, final Secret apiKey, final long timeoutMs,
        final int ordersPerSecond, final int callsPerSecond, final ObjectMapper json, final LongSupplier clockMs) {
        this.baseUrl = baseUrl;
        this.accountGroupHeader = "restserver" + accountGroup;
        this.apiKey = apiKey;
        this.timeout = Duration.ofMillis(timeoutMs);
        this.json = json;
        this.clockMs = clockMs;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.orderLimiter = RateLimiter.of("vest-orders", RateLimiterConfig.custom()
            .limitForPeriod(ordersPerSecond).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(timeout).build());
        this.restLimiter = RateLimiter.of("vest-rest", RateLimiterConfig.custom()
            .limitForPeriod(callsPerSecond).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(timeout).build());
    }

    /**
     * @param pathAndQuery e.g. {@code /exchangeInfo}
     * @return the parsed body
     */
    public CompletableFuture<JsonNode> getPublic(final String pathAndQuery) {
        return send(request(pathAndQuery, false).GET().build(), restLimiter, false);
    }

    /**
     * @param path  e.g. {@code /account}
     * @param query extra query without {@code time}, e.g. {@code id=0x1}, or empty
     * @return the parsed body; {@code time=<ms>} is appended
     */
    public CompletableFuture<JsonNode> getPrivate(final String path, final String query) {
        final String q = "?time=" + clockMs.getAsLong() + (query.isEmpty() ? "" : "&" + query);
        return send(request(path + q, true).GET().build(), restLimiter, false);
    }

    /**
     * @param path      e.g. {@code /orders}
     * @param body      the JSON body (signed strings inside must stay byte-identical)
     * @return the parsed body
     */
    public CompletableFuture<JsonNode> postOrder(final String path, final String body) {
        return send(request(path, true).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), orderLimiter, true);
    }

    /**
     * A private, non-order call with a JSON body or none ({@code POST/PUT/DELETE /account/listenKey},
     * {@code POST /account/leverage}), under the general client-side limit.
     *
     * @param method {@code POST}, {@code PUT} or {@code DELETE}
     * @param path   e.g. {@code /account/listenKey}
     * @param body   JSON body, or null for none
     * @return the parsed body
     */
    public CompletableFuture<JsonNode> sendPrivate(final String method, final String path, final String body) {
        final HttpRequest.Builder b = request(path, true);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build(), restLimiter, false);
    }

    /**
     * A public POST ({@code POST /register}): no {@code X-API-KEY}.
     *
     * @param path e.g. {@code /register}
     * @param body JSON body
     * @return the parsed body
     */
    public CompletableFuture<JsonNode> postPublic(final String path, final String body) {
        return send(request(path, false).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), restLimiter, false);
    }

    private HttpRequest.Builder request(final String pathAndQuery, final boolean authenticated) {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(timeout)
            .header("xrestservermm", accountGroupHeader).header("Accept", "application/json");
        if (authenticated) {
            if (apiKey == null) {
                throw new IllegalStateException("no Vest API key configured");
            }
            b.header("X-API-KEY", apiKey.reveal());
        }
        return b;
    }

    private CompletableFuture<JsonNode> send(final HttpRequest req, final RateLimiter limiter, final boolean orderCall) {
        return throttle(limiter, () -> http.sendAsync(req, HttpResponse.BodyHandlers.ofString()))
            .handle((resp, err) -> {
                if (err != null) {
                    throw new CompletionException(mapFailure(err, req));
                }
                return parse(resp, orderCall);
            });
    }

    /**
     * Runs an order or cancel call under the same client-side limit as {@link #postOrder}: at once, after the
     * limiter's wait, or not at all (a {@link RateLimitedException} when the limit is exhausted for the timeout).
     * The Netty order path ({@link VestOrderChannel}) shares the limit through this.
     *
     * @param call sends the request
     * @param <T>  the answer type
     * @return the call's future, or a failed one
     */
    <T> CompletableFuture<T> throttleOrder(final Supplier<CompletableFuture<T>> call) {
        return throttle(orderLimiter, call);
    }

    private static <T> CompletableFuture<T> throttle(final RateLimiter limiter,
        final Supplier<CompletableFuture<T>> call) {
        final long waitNanos = limiter.reservePermission();
        if (waitNanos < 0) {
            return CompletableFuture.failedFuture(new RateLimitedException(VestErrors.VENUE, null,
                "client-side rate limit " + limiter.getName() + " exhausted", 1000));
        }
        return waitNanos == 0 ? call.get() : CompletableFuture.supplyAsync(() -> null,
            CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS)).thenCompose(x -> call.get());
    }

    private JsonNode parse(final HttpResponse<String> resp, final boolean orderCall) {
        JsonNode body = null;
        final String text = resp.body();
        if (text != null && !text.isBlank()) {
            try {
                body = json.readTree(text);
            } catch (IOException e) {
                body = null;
            }
        }
        try {
            return checkAnswer(resp.statusCode(), body, resp.headers().firstValue("Retry-After").orElse(null),
                orderCall);
        } catch (ExchangeException e) {
            throw new CompletionException(e);
        }
    }

    /**
     * The error mapping of every Vest answer, shared by this client and {@link VestOrderChannel}: a 2xx JSON body
     * that is not an error body is the answer; anything else is a typed exception ({@link VestErrors}).
     *
     * @param status         HTTP status code
     * @param body           the parsed body, or null if empty or not JSON
     * @param retryAfter     the {@code Retry-After} header (seconds), or null
     * @param orderCall      {@code true} for {@code POST /orders} and {@code /orders/cancel}
     * @return the body
     * @throws ExchangeException the mapped error ({@link MalformedMessageException} for a 2xx non-JSON answer)
     */
    static JsonNode checkAnswer(final int status, final JsonNode body, final String retryAfter,
        final boolean orderCall) {
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new MalformedMessageException(VestErrors.VENUE, null, "Vest HTTP " + status
                    + " answer is not JSON");
            }
            if (VestErrors.errorNode(body) == null) {
                return body;
            }
        }
        throw VestErrors.toException(status, body, retryAfter == null ? 0L : retryAfterMs(retryAfter), orderCall);
    }

    private static long retryAfterMs(final String v) {
        try {
            return Long.parseLong(v.trim()) * 1000L;
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static ExchangeException mapFailure(final Throwable err, final HttpRequest req) {
        final Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause instanceof ExchangeException ee) {
            return ee;
        }
        final String where = req.method() + " " + req.uri().getPath();
        if (cause instanceof HttpTimeoutException) {
            return new ExchangeTimeoutException(VestErrors.VENUE, null, "timeout on " + where, cause);
        }
        return new TransportException(VestErrors.VENUE, null, "transport failure on " + where + ": " + cause, cause);
    }
}
