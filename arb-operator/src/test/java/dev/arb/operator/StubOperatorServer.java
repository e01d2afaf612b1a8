package dev.arb.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stand-in for the operator plane's HTTP server, for developing and testing the dashboard without a bot:
 * serves the dashboard from the classpath folder {@code dev/arb/operator/web/} at {@code /} and fakes the
 * JSON API from a mutable in-memory status ({@code dashboard-status.json} at start).
 *
 * <ul>
 *   <li>{@code GET /api/status}: the status; {@code GET /api/events}: SSE, {@code status} every 250 ms plus
 *       whatever {@link #emit} sends;
 *   <li>the control POSTs check {@code Authorization: Bearer <token>} (401 wrong or missing, 403 when the stub
 *       has no token) and are recorded ({@link #calls()}); {@code /api/bots/{id}/params} applies numeric values
 *       within bounds to the status, one result line per parameter, 400 when any line is an error.
 * </ul>
 *
 * <p>The status's {@code time} is a clock that advances with real time and with {@link #replay}, never backwards.
 * Run it by hand with {@code main} (port 7070, token {@code dev}) to look at the page.
 */
final class StubOperatorServer implements AutoCloseable {
    static final String WEB = "/dev/arb/operator/web";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One control request as received. */
    record Call(String method, String path, String authorization, String body) {}

    private final String token;
    private final Javalin app;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stub-status-ticker");
        t.setDaemon(true);
        return t;
    });
    private ObjectNode status;
    private long clockMs;
    private long lastTickNanos;
    private volatile boolean sseEnabled = true;

    /** @param token the control token, or {@code null}: control answers 403 (as the server without a token) */
    StubOperatorServer(String token) {
        this.token = token;
        this.status = initialStatus();
        this.clockMs = Instant.parse(status.get("time").asText()).toEpochMilli();
        this.lastTickNanos = System.nanoTime();
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.staticFiles.add(WEB, Location.CLASSPATH);
            cfg.routes.get("/api/status", ctx -> ctx.contentType("application/json").result(statusJson()));
            cfg.routes.before("/api/events", ctx -> {
                if (!sseEnabled) {
                    throw new NotFoundResponse("SSE disabled in this test");
                }
            });
            cfg.routes.sse("/api/events", this::subscribe);
            cfg.routes.post("/api/halt", ctx -> control(ctx, "halted all bots"));
            cfg.routes.post("/api/resume", ctx -> control(ctx, "resumed all bots"));
            cfg.routes.post("/api/flatten", ctx -> control(ctx, "flattening all bots; the run stops"));
            cfg.routes.post("/api/bots/{id}/params", this::params);
            cfg.routes.post("/api/bots/{id}/{action}", ctx -> control(ctx, ctx.pathParam("id") + ": " + ctx.pathParam("action")));
        });
    }

    StubOperatorServer start() {
        app.start("127.0.0.1", 0);
        ticker.scheduleAtFixedRate(this::tick, 250, 250, TimeUnit.MILLISECONDS);
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.port() + "/";
    }

    /** Changes the status (under the stub's lock); the next {@code status} event and poll show it. */
    synchronized void update(Consumer<ObjectNode> change) {
        change.accept(status);
    }

    /** Back to {@code dashboard-status.json}, SSE on, no recorded calls. */
    synchronized void reset() {
        long now = clockMs;
        status = initialStatus();
        clockMs = now;
        sseEnabled = true;
        calls.clear();
    }

    /** @param enabled false: {@code /api/events} answers 404 (the page has to fall back to polling) */
    void sseEnabled(boolean enabled) {
        sseEnabled = enabled;
    }

    /** The bot with that id, in the live status (change it only inside {@link #update}). */
    static ObjectNode bot(ObjectNode status, String id) {
        for (JsonNode b : status.get("bots")) {
            if (b.get("id").asText().equals(id)) {
                return (ObjectNode) b;
            }
        }
        throw new IllegalArgumentException("no bot " + id);
    }

    /** A copy of the current status. */
    synchronized ObjectNode snapshot() {
        return status.deepCopy();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Sends one SSE event to every connected page; {@code data} gets a {@code time} if it has none. */
    void emit(String event, ObjectNode data) {
        synchronized (this) {
            if (!data.has("time")) {
                data.put("time", Instant.ofEpochMilli(clockMs).toString());
            }
        }
        broadcast(event, data.toString());
    }

    /**
     * Pushes {@code steps} status events at once, the clock advancing {@code stepMs} each, letting {@code change}
     * alter the status before each: a history of minutes in a moment (for the charts).
     */
    void replay(int steps, long stepMs, Consumer<ObjectNode> change) {
        for (int i = 0; i < steps; i++) {
            String json;
            synchronized (this) {
                advance(stepMs);
                change.accept(status);
                json = statusJson();
            }
            broadcast("status", json);
        }
    }

    private synchronized String statusJson() {
        long now = System.nanoTime();
        long elapsedMs = (now - lastTickNanos) / 1_000_000;
        lastTickNanos += elapsedMs * 1_000_000;
        advance(elapsedMs);
        return status.toString();
    }

    private void advance(long ms) {
        clockMs += ms;
        status.put("time", Instant.ofEpochMilli(clockMs).toString());
        status.put("uptimeMs", status.get("uptimeMs").asLong() + ms);
    }

    private void tick() {
        if (!clients.isEmpty()) {
            broadcast("status", statusJson());
        }
    }

    private void broadcast(String event, String data) {
        for (Iterator<SseClient> it = clients.iterator(); it.hasNext(); ) {
            SseClient c = it.next();
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent(event, data);
            }
        }
    }

    private void subscribe(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("status", statusJson());
    }

    /** Records the call; @return false (answer already written) when the token is missing or wrong */
    private boolean authorize(Context ctx) {
        String auth = ctx.header("Authorization");
        calls.add(new Call("POST", ctx.path(), auth, ctx.body()));
        if (token == null) {
            ctx.status(403).contentType("application/json").result("{\"error\":\"control disabled: no token configured\"}");
            return false;
        }
        if (!("Bearer " + token).equals(auth)) {
            ctx.status(401).contentType("application/json").result("{\"error\":\"unauthorized\"}");
            return false;
        }
        return true;
    }

    private void control(Context ctx, String message) {
        if (authorize(ctx)) {
            ctx.contentType("application/json").result(JSON.createObjectNode().put("ok", true).put("message", message).toString());
        }
    }

    private void params(Context ctx) throws JsonProcessingException {
        if (!authorize(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        JsonNode body = JSON.readTree(ctx.body());
        List<String> lines = new ArrayList<>();
        boolean error = false;
        synchronized (this) {
            ObjectNode bot;
            try {
                bot = bot(status, id);
            } catch (IllegalArgumentException e) {
                ctx.status(404).contentType("application/json").result("{\"error\":\"no bot " + id + "\"}");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String line = apply(bot, e.getKey(), e.getValue().asText());
                error |= line.startsWith("error");
                lines.add(line);
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        lines.forEach(results::add);
        if (error) {
            answer.put("error", "some parameters were not applied");
            ctx.status(400);
        }
        ctx.contentType("application/json").result(answer.toString());
    }

    private static String apply(ObjectNode bot, String name, String value) {
        String id = bot.get("id").asText();
        for (JsonNode p : bot.get("parameters")) {
            if (!p.get("name").asText().equals(name)) {
                continue;
            }
            BigDecimal v;
            try {
                v = new BigDecimal(value);
            } catch (NumberFormatException e) {
                return "error: " + id + ": " + name + ": not a number: " + value;
            }
            if (v.compareTo(new BigDecimal(p.get("min").asText())) < 0 || v.compareTo(new BigDecimal(p.get("max").asText())) > 0) {
                return "error: " + id + ": " + name + " " + value + " out of [" + p.get("min").asText() + ", " + p.get("max").asText() + "]";
            }
            String old = p.get("value").asText();
            ((ObjectNode) p).put("value", value);
            return id + ": " + name + " " + old + " -> " + value;
        }
        return "error: " + id + ": unknown parameter " + name;
    }

    private static ObjectNode initialStatus() {
        try (InputStream in = StubOperatorServer.class.getResourceAsStream("dashboard-status.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        clients.forEach(SseClient::close);
        app.stop();
    }

    /** Serves the stub on port 7070 (token {@code dev}) until killed: open http://127.0.0.1:7070/. */
    public static void main(String[] args) {
        StubOperatorServer s = new StubOperatorServer("dev");
        s.app.start("127.0.0.1", 7070);
        s.ticker.scheduleAtFixedRate(s::tick, 250, 250, TimeUnit.MILLISECONDS);
        System.out.println("dashboard stub on http://127.0.0.1:7070/ (token: dev)");
    }
}
