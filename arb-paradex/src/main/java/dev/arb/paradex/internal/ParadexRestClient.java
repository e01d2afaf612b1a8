package dev.arb.paradex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeException;
import dev.arb.api.ExchangeTimeoutException;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.RateLimitedException;
import dev.arb.api.TransportException;
import dev.arb.paradex.ParadexSignature;
import dev.arb.paradex.ParadexSigner;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * The Paradex REST layer: JSON over {@link HttpClient}, {@code Authorization: Bearer} JWTs obtained
 * with {@code POST /v1/auth} and refreshed before expiry (and once on a 401), Resilience4j client-side
 * rate limits, and error mapping through {@link ParadexErrors}.
 *
 * <p>Source: protocol reference §3 (REST, {@code results} wrapping, decimal strings), §3.9 (rate
 * limits), §4.2 (auth headers {@code PARADEX-STARKNET-ACCOUNT}, {@code PARADEX-STARKNET-SIGNATURE},
 * {@code PARADEX-TIMESTAMP} s, {@code PARADEX-SIGNATURE-EXPIRATION} s; response {@code jwt_token}).
 *
 * <p><b>Note:</b> thread-safe. Futures complete on the HTTP client's executor.
 */
public final class ParadexRestClient {
    private final java.util.concurrent.atomic.AtomicLong rateLimited = new java.util.concurrent.atomic.AtomicLong();
    /** Which client-side limiter guards a request. */
    public enum Limit {
        /** Public endpoints: no client-side limit. */
        NONE,
        /** {@code POST/DELETE /orders}. */
        ORDERS,
        /** Private GETs. */
        PRIVATE_GET
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final ParadexSigner signer;
    private final long refreshBeforeMs;
    private final long signatureExpirySeconds;
    private final LongSupplier clockMs;
    private final RateLimiter orderLimiter;
    private final RateLimiter getLimiter;
    private final RateLimiter orderMinuteLimiter;
    private final RateLimiter getMinuteLimiter;
    private final RateLimiter publicMinuteLimiter;
    private volatile long ordersBlockedUntilMs;

    private final Object authLock = new Object();
    private volatile String authPath = "/auth";
    private volatile JwtToken token;
    private CompletableFuture<JwtToken> refreshing;

    /**
     * @param baseUrl                REST base URL including {@code /v1}
     * @param timeoutMs              per-request timeout, ms
     * @param signer                 signer of the auth request, or null (public only)
     * @param refreshBeforeMs        refresh the JWT this many ms before its expiry
     * @param signatureExpirySeconds lifetime of the auth signature, s
     * @param ordersPerSecond        client-side order request limit per second
     * @param getsPerSecond          client-side private GET limit per second
     * @param clockMs                wall clock, ms since the epoch
     */
    public ParadexRestClient(final String baseUrl, final long timeoutMs, final ParadexSigner signer,
        final long refreshBeforeMs, final long signatureExpirySeconds, final int ordersPerSecond, final int getsPerSecond,
        final LongSupplier clockMs) {
        this.baseUrl = baseUrl;
        this.timeout = Duration.ofMillis(timeoutMs);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.signer = signer;
        this.refreshBeforeMs = refreshBeforeMs;
        this.signatureExpirySeconds = signatureExpirySeconds;
        this.clockMs = clockMs;
        this.orderLimiter = RateLimiter.of("paradex-orders", RateLimiterConfig.custom()
            .limitForPeriod(ordersPerSecond).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
        this.getLimiter = RateLimiter.of("paradex-private-get", RateLimiterConfig.custom()
            .limitForPeriod(getsPerSecond).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
        // per-minute ceilings of §3.9: orders 17250/min per account, private GETs 600/min per account
        this.orderMinuteLimiter = RateLimiter.of("paradex-orders-minute", RateLimiterConfig.custom()
            .limitForPeriod(17_250).limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build());
        // public endpoints: 1500 req/min per IP (§3.9)
        this.publicMinuteLimiter = RateLimiter.of("paradex-public-minute", RateLimiterConfig.custom()
            .limitForPeriod(1_500).limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build());
        this.getMinuteLimiter = RateLimiter.of("paradex-private-get-minute", RateLimiterConfig.custom()
            .limitForPeriod(600).limitRefreshPeriod(Duration.ofMinutes(1)).timeoutDuration(Duration.ZERO).build());
    }

    /**
     * Takes one permit of a client-side limit (per second and per minute, protocol reference §3.9), and
     * refuses orders while the venue's last 429 asks to wait ({@code Retry-After}).
     *
     * @param limit the limit
     * @return null if allowed, else the exception to fail with
     */
    public RateLimitedException acquire(final Limit limit) {
        if (limit == Limit.NONE) {
            return null;
        }
        final RateLimitedException refused = acquirePermit(limit);
        if (refused != null) {
            rateLimited.incrementAndGet();
        }
        return refused;
    }

    /** @return requests refused by a rate limit so far (client-side, or while the venue's 429 asks to wait) */
    public long rateLimited() {
        return rateLimited.get();
    }

    private RateLimitedException acquirePermit(final Limit limit) {
        if (limit == Limit.ORDERS) {
            final long wait = ordersBlockedUntilMs - clockMs.getAsLong();
            if (wait > 0) {
                return new RateLimitedException(ParadexErrors.VENUE, "429", "venue rate limit: retry in " + wait + " ms", wait);
            }
        }
        final RateLimiter second = limit == Limit.ORDERS ? orderLimiter : getLimiter;
        final RateLimiter minute = limit == Limit.ORDERS ? orderMinuteLimiter : getMinuteLimiter;
        if (!second.acquirePermission()) {
            return new RateLimitedException(ParadexErrors.VENUE, null, "client-side rate limit " + second.getName(), 1000);
        }
        if (!minute.acquirePermission()) {
            return new RateLimitedException(ParadexErrors.VENUE, null, "client-side rate limit " + minute.getName(), 60_000);
        }
        return null;
    }

    /**
     * Honours a venue rate-limit answer (HTTP 429 or JSON-RPC 42901): orders are refused client-side for the
     * time the venue asked for.
     *
     * @param e the rate-limit exception received
     */
    public void onRateLimited(final RateLimitedException e) {
        rateLimited.incrementAndGet();
        if (e.retryAfterMs() > 0) {
            ordersBlockedUntilMs = Math.max(ordersBlockedUntilMs, clockMs.getAsLong() + e.retryAfterMs());
        }
    }

    /**
     * Public GET.
     *
     * @param path path after the base URL, e.g. {@code /markets}
     * @return the JSON body
     */
    public CompletableFuture<JsonNode> getPublic(final String path) {
        if (!publicMinuteLimiter.acquirePermission()) {
            return CompletableFuture.failedFuture(new RateLimitedException(ParadexErrors.VENUE, null,
                "client-side rate limit " + publicMinuteLimiter.getName(), 60_000));
        }
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /**
     * Authenticated request, retried once with a fresh JWT if the token is refused.
     *
     * @param method HTTP method
     * @param path   path after the base URL
     * @param body   JSON body or null
     * @param limit  client-side limiter
     * @return the JSON body ({@link NullNode} for an empty body such as 204)
     */
    public CompletableFuture<JsonNode> sendPrivate(final String method, final String path, final String body,
        final Limit limit) {
        final RateLimitedException refused = acquire(limit);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return attempt(method, path, body, false).handle((r, e) -> {
            final Throwable cause = unwrap(e);
            if (cause instanceof RateLimitedException rl && limit == Limit.ORDERS) {
                onRateLimited(rl);
            }
            if (cause != null && ParadexErrors.isTokenRejected(cause)) {
                invalidateToken();
                return attempt(method, path, body, true);
            }
            return cause == null ? CompletableFuture.completedFuture(r) : CompletableFuture.<JsonNode>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<JsonNode> attempt(final String method, final String path, final String body,
        final boolean retried) {
        return token().thenCompose(jwt -> {
            final HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + jwt.token().reveal())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return send(b);
        });
    }

    /**
     * Authenticates with a subkey: the JWT is requested with {@code POST /v1/auth/{subkeyPublicKey}}, the
     * account header stays the main account and the subkey signs (protocol reference §4.2).
     *
     * @param subkeyPublicKey the subkey's STARK public key ({@code 0x} hex), or null for {@code POST /v1/auth}
     */
    public void subkey(final String subkeyPublicKey) {
        authPath = subkeyPublicKey == null ? "/auth" : "/auth/" + subkeyPublicKey;
    }

    /** @return the current JWT, or null before the first authentication */
    public JwtToken currentToken() {
        return token;
    }

    /**
     * Requests a new JWT now, whatever the current one's expiry (proactive refresh).
     *
     * @return the new token
     */
    public CompletableFuture<JwtToken> refresh() {
        if (signer == null) {
            return CompletableFuture.failedFuture(new AuthenticationException(ParadexErrors.VENUE, null,
                "no account and private key configured"));
        }
        synchronized (authLock) {
            if (refreshing != null && !refreshing.isDone()) {
                return refreshing;
            }
            refreshing = authenticate();
            refreshing.whenComplete((t, e) -> {
                if (t != null) {
                    token = t;
                }
            });
            return refreshing;
        }
    }

    /** Forgets the current JWT so the next private call authenticates again. */
    public void invalidateToken() {
        token = null;
    }

    /**
     * @return a JWT valid for at least the refresh margin, authenticating with {@code POST /v1/auth}
     *     when needed (one request at a time)
     */
    public CompletableFuture<JwtToken> token() {
        final JwtToken current = token;
        if (current != null && clockMs.getAsLong() < current.expiresAtMs() - refreshBeforeMs) {
            return CompletableFuture.completedFuture(current);
        }
        return refresh();
    }

    private CompletableFuture<JwtToken> authenticate() {
        final long nowS = clockMs.getAsLong() / 1000L;
        final long expS = nowS + signatureExpirySeconds;
        final ParadexSignature sig;
        try {
            sig = signer.signAuth(nowS, expS);
        } catch (final RuntimeException e) {
            return CompletableFuture.failedFuture(new AuthenticationException(ParadexErrors.VENUE, null,
                "signing the auth request failed", e));
        }
        final HttpRequest.Builder b = HttpRequest.newBuilder(uri(authPath)).POST(HttpRequest.BodyPublishers.noBody())
            .header("PARADEX-STARKNET-ACCOUNT", signer.accountAddress())
            .header("PARADEX-STARKNET-SIGNATURE", sig.wireString())
            .header("PARADEX-TIMESTAMP", Long.toString(nowS))
            .header("PARADEX-SIGNATURE-EXPIRATION", Long.toString(expS));
        return send(b).thenApply(node -> {
            final JsonNode jwt = node.get("jwt_token");
            if (jwt == null || !jwt.isTextual()) {
                throw new CompletionException(new AuthenticationException(ParadexErrors.VENUE, null,
                    "auth response without jwt_token"));
            }
            try {
                return JwtToken.parse(jwt.asText());
            } catch (final IllegalArgumentException e) {
                throw new CompletionException(new AuthenticationException(ParadexErrors.VENUE, null, e.getMessage()));
            }
        });
    }

    private CompletableFuture<JsonNode> send(final HttpRequest.Builder builder) {
        final HttpRequest request = builder.timeout(timeout).header("Accept", "application/json").build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((resp, e) -> {
            if (e != null) {
                final Throwable cause = unwrap(e);
                if (cause instanceof HttpTimeoutException) {
                    throw new CompletionException(new ExchangeTimeoutException(ParadexErrors.VENUE, null,
                        request.method() + ' ' + request.uri().getPath() + " timed out after " + timeout.toMillis() + " ms",
                        cause));
                }
                throw new CompletionException(new TransportException(ParadexErrors.VENUE, null,
                    request.method() + ' ' + request.uri().getPath() + " failed: " + cause, cause));
            }
            final int status = resp.statusCode();
            if (status < 200 || status >= 300) {
                final long retryAfterMs = resp.headers().firstValue("Retry-After").map(ParadexRestClient::seconds)
                    .orElse(0L);
                throw new CompletionException(ParadexErrors.fromResponse(status, resp.body(), retryAfterMs));
            }
            final String body = resp.body();
            if (body == null || body.isBlank()) {
                return NullNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (final Exception ex) {
                throw new CompletionException(new MalformedMessageException(ParadexErrors.VENUE, null,
                    request.uri().getPath() + " answered invalid JSON", ex));
            }
        });
    }

    private static long seconds(final String v) {
        try {
            return Long.parseLong(v.trim()) * 1000L;
        } catch (final NumberFormatException e) {
            return 0L;
        }
    }

    private URI uri(final String path) {
        return URI.create(baseUrl + path);
    }

    /**
     * @param e a throwable from a future
     * @return the cause inside {@link CompletionException} wrappers
     */
    public static Throwable unwrap(final Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * @param e a throwable from a future
     * @return it as an {@link ExchangeException}, wrapping anything else in a {@link TransportException}
     */
    public static ExchangeException asExchangeException(final Throwable e) {
        final Throwable t = unwrap(e);
        if (t instanceof ExchangeException x) {
            return x;
        }
        return new TransportException(ParadexErrors.VENUE, null, String.valueOf(t), t);
    }
}
