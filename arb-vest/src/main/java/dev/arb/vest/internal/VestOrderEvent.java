package dev.arb.vest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The {@code args} of one {@code account_private} ORDER event, streamed into reused fields: only the ones the adapter
 * reads (the order's id, status, reject code and message, times, fill size, average price, fees, and for orders this
 * process did not place: symbol, nonce, side, size, type, limit price, reduce-only, time in force); every other field
 * is skipped. Field meanings: protocol reference §5 (private channel), Vest API docs "GET /orders".
 *
 * <p><b>Note:</b> not thread-safe; one instance per stream, reused for every event on its event loop; valid until the
 * next frame is parsed.
 */
public final class VestOrderEvent {
    /** {@code id}: the venue's order id. */
    public final VestJsonValue id = new VestJsonValue();
    /** {@code status}: NEW, FILLED, CANCELLED or REJECTED. */
    public final VestJsonValue status = new VestJsonValue();
    /** {@code code}: the reject code. */
    public final VestJsonValue code = new VestJsonValue();
    /** {@code msg}: the reject reason. */
    public final VestJsonValue msg = new VestJsonValue();
    /** {@code lastFilledTime}, ms since the epoch. */
    public final VestJsonValue lastFilledTime = new VestJsonValue();
    /** {@code postTime}, ms since the epoch. */
    public final VestJsonValue postTime = new VestJsonValue();
    /** {@code lastFilledSize}: the cumulative filled size, decimal text. */
    public final VestJsonValue lastFilledSize = new VestJsonValue();
    /** {@code avgFilledPrice}, decimal text. */
    public final VestJsonValue avgFilledPrice = new VestJsonValue();
    /** {@code fees}, USD decimal text. */
    public final VestJsonValue fees = new VestJsonValue();
    /** {@code symbol}: the market. */
    public final VestJsonValue symbol = new VestJsonValue();
    /** {@code nonce}: the nonce the order was signed with. */
    public final VestJsonValue nonce = new VestJsonValue();
    /** {@code size}: the order size, decimal text. */
    public final VestJsonValue size = new VestJsonValue();
    /** {@code isBuy}. */
    public final VestJsonValue isBuy = new VestJsonValue();
    /** {@code reduceOnly}. */
    public final VestJsonValue reduceOnly = new VestJsonValue();
    /** {@code limitPrice}, decimal text. */
    public final VestJsonValue limitPrice = new VestJsonValue();
    /** {@code orderType}: MARKET or LIMIT. */
    public final VestJsonValue orderType = new VestJsonValue();
    /** {@code timeInForce}: GTC, IOC or FOK. */
    public final VestJsonValue timeInForce = new VestJsonValue();

    private final VestJsonValue[] all = {id, status, code, msg, lastFilledTime, postTime, lastFilledSize,
        avgFilledPrice, fees, symbol, nonce, size, isBuy, reduceOnly, limitPrice, orderType, timeInForce};
    private final String[] names = {"id", "status", "code", "msg", "lastFilledTime", "postTime", "lastFilledSize",
        "avgFilledPrice", "fees", "symbol", "nonce", "size", "isBuy", "reduceOnly", "limitPrice", "orderType",
        "timeInForce"};
    private String idText;
    /** The first fields of {@link #all}: those {@link VestOrderCodec#update} reads. */
    private static final int UPDATE_FIELDS = 9;

    /** Forgets every field. */
    void clear() {
        for (final VestJsonValue v : all) {
            v.clear();
        }
        idText = null;
    }

    /**
     * Reads the {@code args} object's fields (a repeated name keeps the last value, as a tree does).
     *
     * @param p the parser, positioned on the object's {@code START_OBJECT}
     * @throws IOException if the JSON is malformed
     */
    void read(final JsonParser p) throws IOException {
        clear();
        while (VestJsonValue.next(p) == JsonToken.FIELD_NAME) {
            final VestJsonValue v = field(p.currentName());
            final JsonToken t = VestJsonValue.next(p);
            if (v != null) {
                v.read(p, t);
            } else {
                VestJsonValue.skip(p, t);
            }
        }
    }

    private VestJsonValue field(final String name) {
        return switch (name) {
            case "id" -> id;
            case "status" -> status;
            case "code" -> code;
            case "msg" -> msg;
            case "lastFilledTime" -> lastFilledTime;
            case "postTime" -> postTime;
            case "lastFilledSize" -> lastFilledSize;
            case "avgFilledPrice" -> avgFilledPrice;
            case "fees" -> fees;
            case "symbol" -> symbol;
            case "nonce" -> nonce;
            case "size" -> size;
            case "isBuy" -> isBuy;
            case "reduceOnly" -> reduceOnly;
            case "limitPrice" -> limitPrice;
            case "orderType" -> orderType;
            case "timeInForce" -> timeInForce;
            default -> null;
        };
    }

    /** @return {@code args.path("id").asText(null)}, made once per event */
    public String idOrNull() {
        if (idText == null && id.isNonNull()) {
            idText = id.asText(null);
        }
        return idText;
    }

    /**
     * The event as the tree the tree-based APIs read ({@link VestOrderCodec#update}, {@link VestOrderCodec#fromVenue},
     * the placement waiting for a terminal event): the fields kept, each as the node {@code readTree} would have built.
     *
     * @param nodes the node factory
     * @return a new object node (allocates; used for terminal events and orders not placed here)
     */
    public ObjectNode toNode(final JsonNodeFactory nodes) {
        return toNode(nodes, all.length);
    }

    /**
     * Like {@link #toNode} with only the fields {@link VestOrderCodec#update} reads (id, status, code, msg, times, fill
     * size, average price, fees): what the placement waiting for a terminal event needs.
     *
     * @param nodes the node factory
     * @return a new object node (allocates)
     */
    public ObjectNode toUpdateNode(final JsonNodeFactory nodes) {
        return toNode(nodes, UPDATE_FIELDS);
    }

    private ObjectNode toNode(final JsonNodeFactory nodes, final int fields) {
        final ObjectNode n = nodes.objectNode();
        for (int i = 0; i < fields; i++) {
            final JsonNode v = all[i].toNode(nodes);
            if (v != null) {
                n.set(names[i], v);
            }
        }
        return n;
    }
}
