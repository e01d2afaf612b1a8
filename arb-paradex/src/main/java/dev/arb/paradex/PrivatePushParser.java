package dev.arb.paradex;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;

/**
 * Reads a JSON-RPC frame of the private {@code orders} or {@code fills} channel
 * ({@code {"jsonrpc":"2.0","method":"subscription","params":{"channel":"orders.ALL","data":{…}}}}, protocol reference
 * §2.1, §2.5) with Jackson's streaming {@link JsonParser} straight from its bytes into reused {@link PushField}s: no
 * {@code JsonNode} tree, and one non-blocking parser fed frame after frame. Only the fields the decoders read are kept
 * ({@code OrderResponses.toUpdate}, {@code RestDecoders.fill}); every other value is skipped.
 *
 * <p>It answers {@link #ORDERS} or {@link #FILLS} only for a frame the tree path would have handed to
 * {@code ParadexAccountStream.onPush} with such a channel and an object {@code data}: the whole root object read
 * without error, no numeric {@code id} (a reply), no non-null {@code error}, {@code method} the string
 * {@code subscription}; a repeated name keeps its last value, as a tree does. Everything else is {@link #DECLINED}
 * and read as a tree as before, so declining is always safe: frames without {@code "channel":"orders} or
 * {@code "channel":"fills} in their bytes are declined before any parsing.
 *
 * <p><b>Note:</b> not thread-safe; one instance per stream, used on its event loop.
 */
final class PrivatePushParser {
    /** Not an {@code orders} or {@code fills} push this parser vouches for: read it as a tree. */
    static final int DECLINED = 0;
    /** An {@code orders} push; {@link #field} holds its {@code data}. */
    static final int ORDERS = 1;
    /** A {@code fills} push; {@link #field} holds its {@code data}. */
    static final int FILLS = 2;
    /** Frames one fed parser reads before it is replaced (bounds its table of field names). */
    static final int FRAMES_PER_PARSER = 4096;

    // the index of each kept {@code data} field in field(index), by its name
    static final int STATUS = 0;
    static final int SIDE = 1;
    static final int SIZE = 2;
    static final int REMAINING_SIZE = 3;
    static final int AVG_FILL_PRICE = 4;
    static final int CANCEL_REASON = 5;
    static final int MARKET = 6;
    static final int CLIENT_ID = 7;
    static final int ID = 8;
    static final int LAST_UPDATED_AT = 9;
    static final int CREATED_AT = 10;
    static final int FEE = 11;
    static final int ORDER_ID = 12;
    static final int PRICE = 13;
    static final int LIQUIDITY = 14;

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] CHANNEL = "\"channel\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final PushField[] fields = new PushField[LIQUIDITY + 1];
    private final PushField method = new PushField();
    private final PushField channel = new PushField();
    /** The last {@code id} was a JSON number (a reply of a pending call, for the tree path). */
    private boolean numericId;
    /** The last {@code error} was present and not null. */
    private boolean error;
    private boolean paramsObject;
    private boolean dataObject;
    private JsonParser fed;
    private int framesOnFed;

    /** A parser with empty fields; its fed parser is made at the first frame. */
    PrivatePushParser() {
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new PushField();
        }
    }

    /**
     * @param index one of the field indexes ({@link #STATUS} … {@link #LIQUIDITY})
     * @return that {@code data} field of the last push parsed
     */
    PushField field(final int index) {
        return fields[index];
    }

    /** @return the {@code params.channel} of the last push parsed (valid when it returned ORDERS or FILLS) */
    PushField channel() {
        return channel;
    }

    /**
     * @param bytes  UTF-8 JSON text
     * @param offset index of the frame's first byte
     * @param length frame length in bytes
     * @return {@link #ORDERS}, {@link #FILLS} or {@link #DECLINED}
     */
    int parse(final byte[] bytes, final int offset, final int length) {
        if (!mentionsPrivateChannel(bytes, offset, offset + length)) {
            return DECLINED;
        }
        clearFrame();
        int first = offset;
        final int end = offset + length;
        while (first < end && (bytes[first] == ' ' || bytes[first] == '\t' || bytes[first] == '\n'
            || bytes[first] == '\r')) {
            first++;
        }
        if (first == end || bytes[first] != '{') {
            return DECLINED;
        }
        try {
            final JsonParser p = fedParser();
            ((ByteArrayFeeder) p.getNonBlockingInputFeeder()).feedInput(bytes, offset, end);
            PushField.next(p); // the root '{'
            readRoot(p);
        } catch (IOException | RuntimeException e) {
            fed = null; // its state is unknown: a new parser for the next frame
            return DECLINED;
        }
        if (!fed.getNonBlockingInputFeeder().needMoreInput()) {
            fed = null; // bytes after the root value (a tree ignores them): a new parser for the next frame
        }
        if (numericId || error || !method.textEquals("subscription") || !paramsObject || !dataObject) {
            return DECLINED;
        }
        return channel.startsWith("orders") ? ORDERS : channel.startsWith("fills") ? FILLS : DECLINED;
    }

    /** The first {@code "channel":"} of the frame is followed by {@code orders} or {@code fills}. */
    private static boolean mentionsPrivateChannel(final byte[] b, final int from, final int end) {
        final int last = end - CHANNEL.length - 5;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < CHANNEL.length; j++) {
                if (b[i + j] != CHANNEL[j]) {
                    continue outer;
                }
            }
            final int v = i + CHANNEL.length;
            return b[v] == 'f' && b[v + 1] == 'i' && b[v + 2] == 'l' && b[v + 3] == 'l' && b[v + 4] == 's'
                || v + 5 < end && b[v] == 'o' && b[v + 1] == 'r' && b[v + 2] == 'd' && b[v + 3] == 'e'
                    && b[v + 4] == 'r' && b[v + 5] == 's';
        }
        return false;
    }

    private void clearFrame() {
        method.clear();
        numericId = false;
        error = false;
        clearParams();
    }

    private void clearParams() {
        paramsObject = false;
        channel.clear();
        clearData();
    }

    private void clearData() {
        dataObject = false;
        for (final PushField f : fields) {
            f.clear();
        }
    }

    private void readRoot(final JsonParser p) throws IOException {
        while (PushField.next(p) == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken t = PushField.next(p);
            switch (name) {
                case "method" -> method.read(p, t);
                case "id" -> {
                    numericId = t.isNumeric();
                    PushField.skip(p, t);
                }
                case "error" -> {
                    error = t != JsonToken.VALUE_NULL;
                    PushField.skip(p, t);
                }
                case "params" -> readParams(p, t);
                default -> PushField.skip(p, t);
            }
        }
    }

    private void readParams(final JsonParser p, final JsonToken t) throws IOException {
        clearParams();
        if (t != JsonToken.START_OBJECT) {
            PushField.skip(p, t);
            return;
        }
        paramsObject = true;
        while (PushField.next(p) == JsonToken.FIELD_NAME) {
            final String name = p.currentName();
            final JsonToken v = PushField.next(p);
            if ("channel".equals(name)) {
                channel.read(p, v);
            } else if ("data".equals(name)) {
                readData(p, v);
            } else {
                PushField.skip(p, v);
            }
        }
    }

    private void readData(final JsonParser p, final JsonToken t) throws IOException {
        clearData();
        if (t != JsonToken.START_OBJECT) {
            PushField.skip(p, t);
            return;
        }
        dataObject = true;
        while (PushField.next(p) == JsonToken.FIELD_NAME) {
            final int index = indexOf(p.currentName());
            final JsonToken v = PushField.next(p);
            if (index >= 0) {
                fields[index].read(p, v);
            } else {
                PushField.skip(p, v);
            }
        }
    }

    private static int indexOf(final String name) {
        return switch (name) {
            case "status" -> STATUS;
            case "side" -> SIDE;
            case "size" -> SIZE;
            case "remaining_size" -> REMAINING_SIZE;
            case "avg_fill_price" -> AVG_FILL_PRICE;
            case "cancel_reason" -> CANCEL_REASON;
            case "market" -> MARKET;
            case "client_id" -> CLIENT_ID;
            case "id" -> ID;
            case "last_updated_at" -> LAST_UPDATED_AT;
            case "created_at" -> CREATED_AT;
            case "fee" -> FEE;
            case "order_id" -> ORDER_ID;
            case "price" -> PRICE;
            case "liquidity" -> LIQUIDITY;
            default -> -1;
        };
    }

    /**
     * The reused non-blocking parser; replaced after a malformed frame, bytes after the root value, or
     * {@value #FRAMES_PER_PARSER} frames (its symbol table keeps every field name it has seen).
     */
    private JsonParser fedParser() throws IOException {
        if (fed == null || ++framesOnFed > FRAMES_PER_PARSER) {
            fed = FACTORY.createNonBlockingByteArrayParser();
            framesOnFed = 0;
        }
        return fed;
    }
}
