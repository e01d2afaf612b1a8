package dev.arb.vest;

import dev.arb.api.ExchangeException;
import dev.arb.api.MalformedMessageException;
import dev.arb.vest.internal.VestAccountFrameParser;
import dev.arb.vest.internal.VestOrderEvent;
import dev.arb.vest.internal.VestRestClient;
import dev.arb.vest.internal.VestWsClient;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vest {@code account_private} stream: listen key from {@code POST /account/listenKey}, renewed
 * with {@code PUT /account/listenKey} every {@link VestConfig#listenKeyRenewIntervalMs()} (the key
 * lives 60 minutes); a renewal answered {@code 1125} INVALID_LISTEN_KEY, or a close with code 4004
 * LISTEN_KEY_NOT_FOUND / 4005 LISTEN_KEY_EXPIRED, creates a new key and reopens the stream. Any other
 * unexpected close reconnects with exponential backoff and jitter. Each {@code ORDER} event's
 * {@code args} go to the {@link Sink}. Sources: Vest API docs "Listen key", "Private channels"
 * (protocol reference §4, §5).
 *
 * <p>The listen key is a credential: it never reaches a log line (the stream URI is never logged).
 *
 * <p><b>Note:</b> thread-safe; callbacks run on the given event loop.
 */
final class VestAccountStream {
    private static final Logger LOG = LoggerFactory.getLogger(VestAccountStream.class);

    /** Receives the stream's events on the event loop. */
    interface Sink {
        /**
         * @param event         the ORDER event's {@code args} (reused: valid only during the call)
         * @param receivedNanos {@link System#nanoTime()} at receipt
         */
        void onOrderEvent(VestOrderEvent event, long receivedNanos);

        /**
         * @param content       raw frame (valid only during the call)
         * @param receivedNanos receipt time
         */
        void onRawFrame(ByteBuf content, long receivedNanos);
    }

    private final VestConfig config;
    private final VestRestClient rest;
    private final EventLoop loop;
    private final String baseUri;
    private final Sink sink;
    private final AtomicLong keysCreated = new AtomicLong();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicBoolean malformedLogged = new AtomicBoolean();
    private final AtomicBoolean recreating = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean open;
    private volatile VestWsClient ws;
    private volatile io.netty.util.concurrent.ScheduledFuture<?> renewal;
    private int reconnectAttempt;
    /** Reads each frame into a reused event (event loop only). */
    private final VestAccountFrameParser parser = new VestAccountFrameParser();
    /** The bytes of a frame held off-heap, copied for the parser (event loop only). */
    private byte[] frameCopy = new byte[1024];

    VestAccountStream(final VestConfig config, final VestRestClient rest, final EventLoop loop, final String baseUri, final Sink sink) {
        this.config = config;
        this.rest = rest;
        this.loop = loop;
        this.baseUri = baseUri;
        this.sink = sink;
    }

    /** @return completes when the stream is open and subscribed; fails with an {@link ExchangeException} */
    CompletableFuture<Void> start() {
        running = true;
        final CompletableFuture<Void> started = createKeyAndOpen();
        if (renewal == null) {
            renewal = loop.scheduleAtFixedRate(this::renew, config.listenKeyRenewIntervalMs(),
                config.listenKeyRenewIntervalMs(), TimeUnit.MILLISECONDS);
        }
        return started;
    }

    /** @return completes when closed; no reconnect follows */
    CompletableFuture<Void> stop() {
        running = false;
        open = false;
        final io.netty.util.concurrent.ScheduledFuture<?> r = renewal;
        renewal = null;
        if (r != null) {
            r.cancel(false);
        }
        final VestWsClient current = ws;
        ws = null;
        return current == null ? CompletableFuture.completedFuture(null) : current.close();
    }

    boolean isOpen() {
        return open;
    }

    long listenKeysCreated() {
        return keysCreated.get();
    }

    long listenKeyRenewals() {
        return renewals.get();
    }

    long orderEvents() {
        return events.get();
    }

    long malformedMessages() {
        return malformed.get();
    }

    private CompletableFuture<Void> createKeyAndOpen() {
        return rest.sendPrivate("POST", "/account/listenKey", null).thenCompose(answer -> {
            final String key = answer.path("listenKey").asText(null);
            if (key == null || key.isEmpty()) {
                throw new MalformedMessageException("vest", null, "listenKey answer without a key");
            }
            keysCreated.incrementAndGet();
            return open(key);
        });
    }

    private CompletableFuture<Void> open(final String key) {
        if (!running) {
            return CompletableFuture.completedFuture(null);
        }
        final URI uri = URI.create(baseUri + "&listenKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        final Handler handler = new Handler();
        final VestWsClient client = new VestWsClient(loop, uri, handler, config.pingIntervalMs(),
            config.transport().requestTimeoutMs(), config.pongTimeoutMs(), config.transport().idleTimeoutMs());
        handler.client = client;
        final VestWsClient previous = ws;
        ws = client;
        if (previous != null) {
            previous.close();
        }
        return client.open().handle((v, err) -> {
            if (err != null) {
                final Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause()
                    : err;
                throw new dev.arb.api.TransportException("vest", null,
                    "Vest account stream connect failed: " + cause.getClass().getSimpleName(), cause);
            }
            return null;
        });
    }

    private void renew() {
        if (!running) {
            return;
        }
        rest.sendPrivate("PUT", "/account/listenKey", null).whenComplete((answer, err) -> {
            if (err == null) {
                renewals.incrementAndGet();
                return;
            }
            final Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof ExchangeException ee && "1125".equals(ee.venueCode())) {
                LOG.info("Vest listen key expired (1125): creating a new one");
                recreate(0);
            } else {
                LOG.warn("Vest listen key renewal failed: {}", cause.getMessage());
            }
        });
    }

    private void recreate(final int attempt) {
        if (!running || !recreating.compareAndSet(false, true)) {
            return; // a new key is already on its way (renewal 1125 and close 4005 often come together)
        }
        createKeyAndOpen().whenComplete((v, err) -> {
            recreating.set(false);
            if (err != null && running) {
                scheduleReconnect(attempt + 1, null);
            }
        });
    }

    /** Reconnects after a delay: with the same key if given, else with a new key. */
    private void scheduleReconnect(final int attempt, final String key) {
        if (!running) {
            return;
        }
        final long delay = config.reconnectBackoff().apply(attempt + 1);
        loop.schedule(() -> {
            if (!running || open) {
                return; // stopped, or another path (a renewal answered 1125) already reopened the stream
            }
            if (key == null) {
                recreate(attempt);
                return;
            }
            open(key).whenComplete((v, err) -> {
                if (err != null) {
                    scheduleReconnect(attempt + 1, null);
                }
            });
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void onFrame(final ByteBuf content, final long receivedNanos) {
        sink.onRawFrame(content, receivedNanos);
        final int length = content.readableBytes();
        final int result;
        if (content.hasArray()) {
            result = parser.parse(content.array(), content.arrayOffset() + content.readerIndex(), length);
        } else {
            if (frameCopy.length < length) {
                frameCopy = new byte[Math.max(length, frameCopy.length * 2)];
            }
            content.getBytes(content.readerIndex(), frameCopy, 0, length);
            result = parser.parse(frameCopy, 0, length);
        }
        switch (result) {
            case VestAccountFrameParser.NOT_JSON -> countMalformed("account frame is not JSON");
            case VestAccountFrameParser.PONG -> {
                final VestWsClient current = ws;
                if (current != null) {
                    current.pongReceived();
                }
            }
            case VestAccountFrameParser.ERROR ->
                LOG.warn("Vest account stream error answer: code {}", parser.errorCode().asText());
            case VestAccountFrameParser.ORDER_WITHOUT_ARGS -> countMalformed("ORDER event without args");
            case VestAccountFrameParser.ORDER -> {
                events.incrementAndGet();
                try {
                    sink.onOrderEvent(parser.event(), receivedNanos);
                } catch (MalformedMessageException e) {
                    countMalformed(e.getMessage());
                }
            }
            default -> {
                // another channel or event
            }
        }
    }

    private void countMalformed(final String what) {
        malformed.incrementAndGet();
        if (malformedLogged.compareAndSet(false, true)) {
            LOG.warn("malformed Vest account frame ignored (logged once): {}", dev.arb.api.UntrustedText.forLog(what));
        }
    }

    /** Callbacks of one connection; events of a superseded connection are ignored. */
    private final class Handler implements VestWsClient.Handler {
        volatile VestWsClient client;

        @Override
        public void onFrame(final ByteBuf content, final long receivedNanos) {
            if (client == ws) {
                VestAccountStream.this.onFrame(content, receivedNanos);
            }
        }

        @Override
        public void onOpen() {
            final VestWsClient current = client;
            if (current != null && current == ws) {
                open = true;
                reconnectAttempt = 0;
                current.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"account_private\"],\"id\":" + current.nextRequestId()
                    + "}");
            }
        }

        @Override
        public void onClose() {
            final VestWsClient current = client;
            if (current != ws) {
                return;
            }
            open = false;
            if (!running || !config.autoReconnect()) {
                return;
            }
            final int code = current.closeCode();
            final boolean keyGone = code == 4003 || code == 4004 || code == 4005;
            if (keyGone) {
                LOG.info("Vest account stream closed with code {}: new listen key", code);
            } else {
                LOG.info("Vest account stream closed (code {}{}): reconnecting", code,
                    current.closedAsStale() ? ", stale" : "");
            }
            final String key = keyGone ? null : keyOf(current);
            scheduleReconnect(reconnectAttempt++, key);
        }
    }

    private String keyOf(final VestWsClient client) {
        final String q = client.uri().getRawQuery();
        final int i = q == null ? -1 : q.indexOf("listenKey=");
        if (i < 0) {
            return null;
        }
        final int end = q.indexOf('&', i);
        return java.net.URLDecoder.decode(q.substring(i + "listenKey=".length(), end < 0 ? q.length() : end),
            StandardCharsets.UTF_8);
    }
}
