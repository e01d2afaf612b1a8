package dev.arb.paradex.internal;

import dev.arb.api.AsciiDecimal;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import io.netty.buffer.ByteBuf;
import io.netty.util.CharsetUtil;

/**
 * Writes a signed Paradex order ({@code POST /v1/orders} body, {@code order.create} params; protocol reference §3.5)
 * and the JSON-RPC envelope around it (§2.1) straight into a {@link ByteBuf}, without a Jackson tree. The bytes are
 * exactly those of the Jackson tree the order was built as before ({@code ObjectNode.toString()} encoded as UTF-8):
 * same field order ({@code market, side, type, size, price, instruction, client_id[, flags], signature,
 * signature_timestamp}), sizes and prices as {@link FixedPoint#formatTrimmed} at scale 8, strings escaped as Jackson
 * escapes them ({@code \"}, {@code \\}, {@code \b \t \n \f \r}, other control characters as a backslash and {@code u00XX}, the rest
 * unescaped UTF-8, a lone surrogate as {@code ?}). For a reused {@code byte[]}, pass a reused heap buffer
 * ({@code Unpooled.buffer(n)}, {@code clear()} between orders; its {@code array()} is the byte array).
 *
 * <p>Numbers are written by {@link AsciiDecimal} (shared with the Vest writer) into the per-thread scratch array,
 * then copied into the buffer.
 *
 * <p><b>Note:</b> thread-safe: no state but a per-thread scratch array.
 */
public final class ParadexOrderJsonWriter {
    private static final int SCALE = RestDecoders.SCALE;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(CharsetUtil.US_ASCII);
    /**
     * Per-thread buffer a string that needs escaping or UTF-8, or a number ({@link AsciiDecimal}, at most
     * {@link AsciiDecimal#MAX_LENGTH} bytes), is encoded into, then copied in one go.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);
    private static final byte[] MARKET = ascii("{\"market\":");
    private static final byte[] SIDE = ascii(",\"side\":\"");
    private static final byte[] TYPE = ascii("\",\"type\":\"");
    private static final byte[] SIZE = ascii("\",\"size\":\"");
    private static final byte[] PRICE = ascii("\",\"price\":\"");
    private static final byte[] INSTRUCTION = ascii("\",\"instruction\":\"");
    private static final byte[] CLIENT_ID = ascii("\",\"client_id\":");
    private static final byte[] FLAGS = ascii(",\"flags\":[\"REDUCE_ONLY\"]");
    private static final byte[] SIGNATURE = ascii(",\"signature\":");
    private static final byte[] SIGNATURE_TIMESTAMP = ascii(",\"signature_timestamp\":");
    private static final byte[] JSONRPC = ascii("{\"jsonrpc\":\"2.0\",\"method\":");
    private static final byte[] PARAMS = ascii(",\"params\":");
    private static final byte[] ID = ascii(",\"id\":");

    private ParadexOrderJsonWriter() {
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(CharsetUtil.US_ASCII);
    }

    /**
     * Writes the order object.
     *
     * @param out   destination, written from its writer index
     * @param order the signed order
     */
    public static void writeOrder(final ByteBuf out, final ParadexSignedOrder order) {
        final OrderRequest r = order.request();
        out.writeBytes(MARKET);
        writeString(out, r.market());
        out.writeBytes(SIDE);
        out.writeCharSequence(r.side().name(), CharsetUtil.US_ASCII);
        out.writeBytes(TYPE);
        out.writeCharSequence(r.type().name(), CharsetUtil.US_ASCII);
        out.writeBytes(SIZE);
        writeTrimmed(out, r.size(), SCALE);
        out.writeBytes(PRICE);
        writeTrimmed(out, r.type() == OrderType.MARKET ? 0 : r.limitPrice(), SCALE);
        out.writeBytes(INSTRUCTION);
        out.writeCharSequence(r.timeInForce().name(), CharsetUtil.US_ASCII);
        out.writeBytes(CLIENT_ID);
        writeString(out, r.clientOrderId());
        if (r.reduceOnly()) {
            out.writeBytes(FLAGS);
        }
        out.writeBytes(SIGNATURE);
        writeString(out, order.signatureWire());
        out.writeBytes(SIGNATURE_TIMESTAMP);
        writeLong(out, order.signatureTimestampMs());
        out.writeByte('}');
    }

    /**
     * Writes a whole JSON-RPC 2.0 request, {@code {"jsonrpc":"2.0","method":…,"params":{order},"id":…}}, in the field
     * order of {@link WsRpc#request}.
     *
     * @param out    destination, written from its writer index
     * @param method the method, e.g. {@code order.create}
     * @param id     the request id
     * @param order  the params
     */
    public static void writeRequest(final ByteBuf out, final String method, final long id,
        final ParadexSignedOrder order) {
        out.writeBytes(JSONRPC);
        writeString(out, method);
        out.writeBytes(PARAMS);
        writeOrder(out, order);
        out.writeBytes(ID);
        writeLong(out, id);
        out.writeByte('}');
    }

    /**
     * Writes a JSON string literal, quoted and escaped as Jackson does.
     *
     * @param out destination
     * @param s   the text
     */
    public static void writeString(final ByteBuf out, final String s) {
        out.writeByte('"');
        final int n = s.length();
        int i = 0;
        while (i < n) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
                break;
            }
            i++;
        }
        if (i == n) {
            out.writeCharSequence(s, CharsetUtil.US_ASCII);
        } else {
            writeSlow(out, s);
        }
        out.writeByte('"');
    }

    /**
     * Escapes and UTF-8 encodes {@code s} as Jackson then the JDK encoder do (a lone surrogate as '?') into the
     * thread's scratch array, then copies it into {@code out} at once.
     */
    private static void writeSlow(final ByteBuf out, final String s) {
        final int n = s.length();
        byte[] b = SCRATCH.get();
        if (b.length < 6 * n) {
            b = new byte[6 * n];
            SCRATCH.set(b);
        }
        int p = 0;
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                p = escape(b, p, c);
            } else if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                final int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                b[p++] = '?';
            }
        }
        out.writeBytes(b, 0, p);
    }

    /** Writes Jackson's escape of {@code c} at {@code p}; returns the position after it. */
    private static int escape(final byte[] b, final int p, final char c) {
        b[p] = '\\';
        final byte shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm != 0) {
            b[p + 1] = shortForm;
            return p + 2;
        }
        b[p + 1] = 'u';
        b[p + 2] = '0';
        b[p + 3] = '0';
        b[p + 4] = HEX[c >> 4];
        b[p + 5] = HEX[c & 0xF];
        return p + 6;
    }

    /**
     * Writes a decimal integer, as {@link Long#toString(long)} ({@link AsciiDecimal#writeLong}).
     *
     * @param out   destination, written from its writer index (grown as needed)
     * @param value the number
     */
    public static void writeLong(final ByteBuf out, final long value) {
        final byte[] digits = SCRATCH.get();
        out.writeBytes(digits, 0, AsciiDecimal.writeLong(digits, 0, value));
    }

    /**
     * Writes {@link FixedPoint#formatTrimmed}{@code (value, scale)} without creating a String: the fewest decimals
     * that keep the value exact, no exponent ({@link AsciiDecimal#writeTrimmed}).
     *
     * @param out   destination, written from its writer index (grown as needed)
     * @param value fixed-point value
     * @param scale decimal places of {@code value}, 0..18
     * @throws IllegalArgumentException if {@code scale} is outside 0..18 (nothing is written)
     */
    public static void writeTrimmed(final ByteBuf out, final long value, final int scale) {
        final byte[] digits = SCRATCH.get();
        out.writeBytes(digits, 0, AsciiDecimal.writeTrimmed(digits, 0, value, scale));
    }
}
