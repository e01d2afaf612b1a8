package dev.arb.vest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/**
 * Reads one {@code account_private} frame with Jackson's streaming {@link JsonParser} straight from its bytes (no
 * {@code JsonNode} tree; one non-blocking parser fed frame after frame, so none is created per frame) and classifies it as the tree-based handler did: a {@code PONG}, an error answer, an
 * {@code ORDER} event (its {@code args} into the reused {@link #event()}), an {@code ORDER} event without an
 * {@code args} object, not JSON, or nothing of interest. The whole root value is read before anything is decided, so a
 * frame malformed after its {@code args} is rejected whole, as before; a repeated field keeps its last value.
 * Envelope: {@code {"channel":"account_private","data":{"event":"ORDER","args":{…}}}}, protocol reference §5.
 *
 * <p>Allocation per frame: none in the parser for an object frame (a frame that is not an object gets a parser of its
 * own; a malformed frame costs a new parser); the adapter then asks for the order id string.
 *
 * <p><b>Note:</b> not thread-safe; one instance per stream, used on its event loop.
 */
public final class VestAccountFrameParser {
    /** Not a frame of interest (another channel, another event, a scalar root, empty). */
    public static final int IGNORED = 0;
    /** {@code "data":"PONG"}: the answer to a ping. */
    public static final int PONG = 1;
    /** Another channel with an {@code error} field; {@link #errorCode()} holds its {@code code}. */
    public static final int ERROR = 2;
    /** An ORDER event; {@link #event()} holds its {@code args}. */
    public static final int ORDER = 3;
    /** An ORDER event whose {@code args} is missing or not an object (malformed). */
    public static final int ORDER_WITHOUT_ARGS = 4;
    /** Not JSON (malformed). */
    public static final int NOT_JSON = 5;

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Frames one fed parser reads before it is replaced (bounds its table of field names). */
    public static final int FRAMES_PER_PARSER = 4096;

    private final VestOrderEvent event = new VestOrderEvent();
    private final VestJsonValue channel = new VestJsonValue();
    private final VestJsonValue dataText = new VestJsonValue();
    private final VestJsonValue eventName = new VestJsonValue();
    private final VestJsonValue errorCode = new VestJsonValue();
    private boolean hasError;
    private boolean argsObject;
    private JsonParser fed;
    private int framesOnFed;

    /** @return the ORDER event of the last frame parsed (valid when it returned {@link #ORDER}) */
    public VestOrderEvent event() {
        return event;
    }

    /** @return the {@code error.code} of the last frame (valid when it returned {@link #ERROR}) */
    public VestJsonValue errorCode() {
        return errorCode;
    }

    /**
     * @param bytes  UTF-8 JSON text
     * @param offset index of the frame's first byte
     * @param length frame length in bytes
     * @return {@link #IGNORED}, {@link #PONG}, {@link #ERROR}, {@link #ORDER}, {@link #ORDER_WITHOUT_ARGS} or
     *     {@link #NOT_JSON}
     */
    public int parse(final byte[] bytes, final int offset, final int length) {
        clear();
        int first = offset;
        final int end = offset + length;
        while (first < end && isWhitespace(bytes[first])) {
            first++;
        }
        if (first == end || bytes[first] != '{') {
            return parseAlone(bytes, offset, length);
        }
        try {
            final JsonParser p = fedParser();
            ((ByteArrayFeeder) p.getNonBlockingInputFeeder()).feedInput(bytes, offset, end);
            VestJsonValue.next(p); // the root '{'
            readRoot(p);
        } catch (IOException e) {
            fed = null; // its state is unknown: a new parser for the next frame
            return parseAlone(bytes, offset, length); // the final word: the non-blocking parser is stricter in places
        }
        if (!fed.getNonBlockingInputFeeder().needMoreInput()) {
            fed = null; // bytes after the root value (ignored, as a tree does): a new parser for the next frame
        }
        return decide();
    }

    /**
     * Reads the frame with a blocking parser of its own, the one {@code readTree} uses: frames that are not an object
     * (rare), and those the fed parser rejected, so that exactly the frames a tree rejects are rejected.
     */
    private int parseAlone(final byte[] bytes, final int offset, final int length) {
        clear();
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            final JsonToken root = p.nextToken();
            if (root != JsonToken.START_OBJECT) {
                if (root != null) {
                    VestJsonValue.skip(p, root);
                }
                return IGNORED;
            }
            readRoot(p);
        } catch (IOException e) {
            return NOT_JSON;
        }
        return decide();
    }

    private void clear() {
        channel.clear();
        dataText.clear();
        eventName.clear();
        errorCode.clear();
        event.clear();
        hasError = false;
        argsObject = false;
    }

    private void readRoot(final JsonParser p) throws IOException {
        while (VestJsonValue.next(p) == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = VestJsonValue.next(p);
            switch (name) {
                case "channel" -> channel.read(p, t);
                case "data" -> readData(p, t);
                case "error" -> readError(p, t);
                default -> VestJsonValue.skip(p, t);
            }
        }
    }

    /**
     * The reused non-blocking parser, fed one frame at a time (each frame one root value): none is created per frame.
     * Replaced after a malformed frame, content after a root value, or {@value #FRAMES_PER_PARSER} frames (its symbol
     * table keeps every field name it has seen).
     */
    private JsonParser fedParser() throws IOException {
        if (fed == null || ++framesOnFed > FRAMES_PER_PARSER) {
            fed = FACTORY.createNonBlockingByteArrayParser();
            framesOnFed = 0;
        }
        return fed;
    }

    private static boolean isWhitespace(final byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private int decide() {
        if (dataText.kind() == VestJsonValue.Kind.STRING && dataText.textEquals("PONG")) {
            return PONG;
        }
        if (channel.kind() != VestJsonValue.Kind.STRING || !channel.textEquals("account_private")) {
            return hasError ? ERROR : IGNORED;
        }
        if (eventName.kind() != VestJsonValue.Kind.STRING || !eventName.textEquals("ORDER")) {
            return IGNORED;
        }
        return argsObject ? ORDER : ORDER_WITHOUT_ARGS;
    }

    private void readData(final JsonParser p, final JsonToken t) throws IOException {
        eventName.clear();
        event.clear();
        argsObject = false;
        if (t != JsonToken.START_OBJECT) {
            dataText.read(p, t);
            return;
        }
        dataText.clear();
        while (VestJsonValue.next(p) == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken v = VestJsonValue.next(p);
            if ("event".equals(name)) {
                eventName.read(p, v);
            } else if ("args".equals(name)) {
                argsObject = v == JsonToken.START_OBJECT;
                if (argsObject) {
                    event.read(p);
                } else {
                    event.clear();
                    VestJsonValue.skip(p, p.currentToken());
                }
            } else {
                VestJsonValue.skip(p, p.currentToken());
            }
        }
    }

    /** {@code node.has("error")}, then {@code node.path("error").path("code").asText()}. */
    private void readError(final JsonParser p, final JsonToken t) throws IOException {
        hasError = true;
        errorCode.clear();
        if (t != JsonToken.START_OBJECT) {
            VestJsonValue.skip(p, p.currentToken());
            return;
        }
        while (VestJsonValue.next(p) == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken v = VestJsonValue.next(p);
            if ("code".equals(name)) {
                errorCode.read(p, v);
            } else {
                VestJsonValue.skip(p, p.currentToken());
            }
        }
    }
}
