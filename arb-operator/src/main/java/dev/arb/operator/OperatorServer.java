package dev.arb.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.executor.DeltaNeutralExecutor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's embedded HTTP server: the dashboard ({@code GET /}), the status ({@code GET /api/status}),
 * live events ({@code GET /api/events}, server-sent events), Prometheus metrics ({@code GET /metrics}) and
 * authenticated control ({@code POST /api/bots/{id}/params}, {@code /api/halt}, {@code /api/resume},
 * {@code /api/flatten}, and per bot {@code /api/bots/{id}/halt|resume|flatten}).
 *
 * <p>It binds first ({@link #start}: a port in use fails before any venue is contacted), then serves
 * {@code 503} until {@link #attach} hands it the running bots. A publisher thread refreshes the status
 * four times a second: it asks the engine's thread to copy each bot's market snapshot (allocation-free
 * there) and builds the JSON on its own thread, so a slow or stuck browser never delays a decision.
 * No CORS headers: only pages from this server may call it.
 *
 * <p><b>Note:</b> thread-safe; Jetty's threads serve requests, one daemon thread publishes.
 */
public final class OperatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PUBLISH_MS = 250;

    private final Javalin app;
    private final BearerAuth auth;
    private final OperatorEvents events;
    private final Supplier<String> metrics;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "arb-operator-status");
        t.setDaemon(true);
        return t;
    });
    private final String url;
    private volatile OperatorSource source;
    private volatile StatusPublisher status;
    private volatile String latest;

    private OperatorServer(final OperatorSettings settings, final OperatorEvents events, final Supplier<String> metrics) {
        this.auth = new BearerAuth(settings.tokenEnv(), System.getenv(settings.tokenEnv()));
        this.events = events;
        this.metrics = metrics;
        this.app = Javalin.create(config -> {
            config.staticFiles.add("/dev/arb/operator/web", Location.CLASSPATH);
            config.startup.showJavalinBanner = false;
            config.routes.get("/api/status", this::status);
            config.routes.get("/metrics", this::metrics);
            config.routes.sse("/api/events", client -> {
                client.keepAlive();
                clients.add(client);
                client.onClose(() -> clients.remove(client));
                final String s = latest;
                if (s != null) {
                    client.sendEvent("status", s);
                }
            });
            config.routes.post("/api/bots/{id}/params", guarded(this::params));
            config.routes.post("/api/halt", guarded(ctx -> answer(ctx, all(s -> s.risk().halt("operator halt (HTTP)")),
                "halted: no new entries on any bot")));
            config.routes.post("/api/resume", guarded(ctx -> answer(ctx, all(s -> s.risk().resume()), "resumed")));
            config.routes.post("/api/flatten", guarded(ctx -> answer(ctx, all(OperatorSource::flattenAll),
                "flattening every bot and stopping")));
            config.routes.post("/api/bots/{id}/halt", guarded(ctx -> bot(ctx, "halt")));
            config.routes.post("/api/bots/{id}/resume", guarded(ctx -> bot(ctx, "resume")));
            config.routes.post("/api/bots/{id}/flatten", guarded(ctx -> bot(ctx, "flatten")));
        });
        app.start(settings.host(), settings.port());
        final String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        this.url = "http://" + host + ":" + app.port() + "/";
    }

    /**
     * Binds the server (the bots are attached later).
     *
     * @param settings where to listen, the token variable
     * @param events   the event feed the bots write to
     * @param metrics  Prometheus text of the metrics, or null for none ({@code /metrics} answers 404)
     * @return the running server
     * @throws IllegalStateException naming the address when it cannot bind (port in use, address not local)
     */
    public static OperatorServer start(final OperatorSettings settings, final OperatorEvents events,
        final Supplier<String> metrics) {
        try {
            return new OperatorServer(settings, events, metrics);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot serve HTTP on " + settings.host() + ":" + settings.port() + " ("
                + rootMessage(e) + "): choose another with --http HOST:PORT, or --http off", e);
        }
    }

    /**
     * Starts serving the status and control of the running bots.
     *
     * @param running the bots
     */
    public void attach(final OperatorSource running) {
        this.source = running;
        this.status = new StatusPublisher(running, events, auth.mutationsText());
        publisher.scheduleAtFixedRate(this::publish, 0, PUBLISH_MS, TimeUnit.MILLISECONDS);
    }

    /** @return the URL served, e.g. {@code http://127.0.0.1:8080/} */
    public String url() {
        return url;
    }

    /** @return requests refused for a wrong or missing token */
    public long authFailures() {
        return auth.failures();
    }

    private void publish() {
        try {
            final OperatorSource s = source;
            s.engineThread().execute(status.captureTask());
            final String json = status.build();
            latest = json;
            for (OperatorEvents.Event e : events.drain()) {
                broadcast(e.name(), JSON.writeValueAsString(e.data()));
            }
            broadcast("status", json);
        } catch (Exception e) {
            LOG.debug("status publish failed", e);
        }
    }

    private void broadcast(final String name, final String data) {
        for (Iterator<SseClient> it = clients.iterator(); it.hasNext();) {
            final SseClient c = it.next();
            if (c.terminated()) {
                it.remove();
                continue;
            }
            try {
                c.sendEvent(name, data);
            } catch (RuntimeException e) {
                it.remove();
            }
        }
    }

    private void status(final Context ctx) {
        final String s = latest;
        if (s == null) {
            ctx.status(503).json(Map.of("error", "starting: the bots are not trading yet"));
            return;
        }
        ctx.contentType("application/json").result(s);
    }

    private void metrics(final Context ctx) {
        if (metrics == null) {
            ctx.status(404).result("metrics are off");
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
    }

    private Handler guarded(final Handler inner) {
        return ctx -> {
            switch (auth.check(ctx.header("Authorization"), ctx.ip())) {
                case DISABLED -> ctx.status(403).json(Map.of("error", auth.mutationsText()));
                case UNAUTHORIZED -> ctx.status(401).json(Map.of("error",
                    "missing or wrong bearer token: send Authorization: Bearer <the value of the token variable>"));
                default -> {
                    if (source == null) {
                        ctx.status(503).json(Map.of("error", "starting: the bots are not trading yet"));
                    } else {
                        inner.handle(ctx);
                    }
                }
            }
        };
    }

    private void params(final Context ctx) throws Exception {
        final String id = ctx.pathParam("id");
        final JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (Exception e) {
            ctx.status(400).json(Map.of("error", "the body must be a JSON object of parameter names to values"));
            return;
        }
        if (body == null || !body.isObject() || body.isEmpty()) {
            ctx.status(400).json(Map.of("error", "the body must be a JSON object of parameter names to values"));
            return;
        }
        if (!source.bots().containsKey(id)) {
            ctx.status(404).json(Map.of("error", "no bot '" + id + "'"));
            return;
        }
        final ObjectNode out = JSON.createObjectNode();
        final ArrayNode results = out.putArray("results");
        boolean failed = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            final Map.Entry<String, JsonNode> f = it.next();
            final String value = f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString();
            for (String line : source.set(id, f.getKey(), value)) {
                results.add(line);
                failed |= line.startsWith("error: ");
            }
        }
        if (failed) {
            out.put("error", "some changes were refused; the others applied");
        }
        ctx.status(failed ? 400 : 200).contentType("application/json").result(JSON.writeValueAsString(out));
    }

    private void bot(final Context ctx, final String action) {
        final DeltaNeutralExecutor e = source.bots().get(ctx.pathParam("id"));
        if (e == null) {
            ctx.status(404).json(Map.of("error", "no bot '" + ctx.pathParam("id") + "'"));
            return;
        }
        switch (action) {
            case "halt" -> {
                e.pauseEntries(true);
                answer(ctx, true, ctx.pathParam("id") + ": entries paused (resume to trade again)");
            }
            case "resume" -> {
                e.pauseEntries(false);
                answer(ctx, true, ctx.pathParam("id") + ": entries resumed");
            }
            default -> {
                e.flatten();
                answer(ctx, true, ctx.pathParam("id") + ": flattening (no new entries)");
            }
        }
    }

    private boolean all(final java.util.function.Consumer<OperatorSource> action) {
        action.accept(source);
        return true;
    }

    private static void answer(final Context ctx, final boolean ok, final String message) {
        ctx.json(Map.of("ok", ok, "message", message));
        LOG.info("operator API: {}", message);
    }

    private static String rootMessage(final Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        for (SseClient c : List.copyOf(clients)) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing an event stream", e);
            }
        }
        app.stop();
    }
}
