package dev.arb.paradex.internal;

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
 * <p><b>Note:</b> thread-safe: stateless.
 */
public final class ParadexOrderJsonWriter {
    private static final int SCALE = RestDecoders.SCALE;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(CharsetUtil.US_ASCII);
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private ParadexOrderJsonWriter() {
    }

    /**
     * Writes the order object.
     *
     * @param out   destination, written from its writer index
     * @param order the signed order
     */
    public static void writeOrder(final ByteBuf out, final ParadexSignedOrder order) {
        final OrderRequest r = order.request();
        out.writeCharSequence("{\"market\":", CharsetUtil.US_ASCII);
        writeString(out, r.market());
        out.writeCharSequence(",\"side\":\"", CharsetUtil.US_ASCII);
        out.writeCharSequence(r.side().name(), CharsetUtil.US_ASCII);
        out.writeCharSequence("\",\"type\":\"", CharsetUtil.US_ASCII);
        out.writeCharSequence(r.type().name(), CharsetUtil.US_ASCII);
        out.writeCharSequence("\",\"size\":\"", CharsetUtil.US_ASCII);
        writeTrimmed(out, r.size(), SCALE);
        out.writeCharSequence("\",\"price\":\"", CharsetUtil.US_ASCII);
        writeTrimmed(out, r.type() == OrderType.MARKET ? 0 : r.limitPrice(), SCALE);
        out.writeCharSequence("\",\"instruction\":\"", CharsetUtil.US_ASCII);
        out.writeCharSequence(r.timeInForce().name(), CharsetUtil.US_ASCII);
        out.writeCharSequence("\",\"client_id\":", CharsetUtil.US_ASCII);
        writeString(out, r.clientOrderId());
        if (r.reduceOnly()) {
            out.writeCharSequence(",\"flags\":[\"REDUCE_ONLY\"]", CharsetUtil.US_ASCII);
        }
        out.writeCharSequence(",\"signature\":", CharsetUtil.US_ASCII);
        writeString(out, order.signatureWire());
        out.writeCharSequence(",\"signature_timestamp\":", CharsetUtil.US_ASCII);
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
        out.writeCharSequence("{\"jsonrpc\":\"2.0\",\"method\":", CharsetUtil.US_ASCII);
        writeString(out, method);
        out.writeCharSequence(",\"params\":", CharsetUtil.US_ASCII);
        writeOrder(out, order);
        out.writeCharSequence(",\"id\":", CharsetUtil.US_ASCII);
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
            out.writeCharSequence(s.subSequence(0, i), CharsetUtil.US_ASCII);
            writeSlow(out, s, i);
        }
        out.writeByte('"');
    }

    /** Escapes and UTF-8 encodes {@code s} from {@code from} as the JDK encoder does (a lone surrogate as '?'). */
    private static void writeSlow(final ByteBuf out, final String s, final int from) {
        final int n = s.length();
        for (int i = from; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                writeEscape(out, c);
            } else if (c < 0x80) {
                out.writeByte(c);
            } else if (c < 0x800) {
                out.writeByte(0xC0 | c >> 6);
                out.writeByte(0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out.writeByte(0xE0 | c >> 12);
                out.writeByte(0x80 | c >> 6 & 0x3F);
                out.writeByte(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                final int cp = Character.toCodePoint(c, s.charAt(++i));
                out.writeByte(0xF0 | cp >> 18);
                out.writeByte(0x80 | cp >> 12 & 0x3F);
                out.writeByte(0x80 | cp >> 6 & 0x3F);
                out.writeByte(0x80 | cp & 0x3F);
            } else {
                out.writeByte('?');
            }
        }
    }

    private static void writeEscape(final ByteBuf out, final char c) {
        out.writeByte('\\');
        switch (c) {
            case '"' -> out.writeByte('"');
            case '\\' -> out.writeByte('\\');
            case '\b' -> out.writeByte('b');
            case '\t' -> out.writeByte('t');
            case '\n' -> out.writeByte('n');
            case '\f' -> out.writeByte('f');
            case '\r' -> out.writeByte('r');
            default -> {
                out.writeByte('u');
                out.writeByte('0');
                out.writeByte('0');
                out.writeByte(HEX[c >> 4]);
                out.writeByte(HEX[c & 0xF]);
            }
        }
    }

    /**
     * Writes a decimal integer.
     *
     * @param out   destination
     * @param value the number
     */
    public static void writeLong(final ByteBuf out, final long value) {
        if (value == Long.MIN_VALUE) {
            out.writeCharSequence(Long.toString(value), CharsetUtil.US_ASCII);
            return;
        }
        long v = value;
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        int digits = 1;
        while (digits < 19 && v >= POW10[digits]) {
            digits++;
        }
        writeDigits(out, v, digits);
    }

    /**
     * Writes {@link FixedPoint#formatTrimmed}{@code (value, scale)} without creating a String: the fewest decimals
     * that keep the value exact, no exponent.
     *
     * @param out   destination
     * @param value fixed-point value
     * @param scale decimal places of {@code value}, 0..18
     */
    public static void writeTrimmed(final ByteBuf out, final long value, final int scale) {
        if (value == Long.MIN_VALUE || scale < 0 || scale > 18) {
            out.writeCharSequence(FixedPoint.formatTrimmed(value, scale), CharsetUtil.US_ASCII);
            return;
        }
        long v = value;
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        final long unit = POW10[scale];
        writeLong(out, v / unit);
        long frac = v % unit;
        if (frac == 0) {
            return;
        }
        int decimals = scale;
        while (frac % 10 == 0) {
            frac /= 10;
            decimals--;
        }
        out.writeByte('.');
        writeDigits(out, frac, decimals);
    }

    /** Writes {@code v} (non-negative) as exactly {@code digits} digits, zero-padded on the left. */
    private static void writeDigits(final ByteBuf out, final long v, final int digits) {
        final int start = out.writerIndex();
        out.ensureWritable(digits);
        long rest = v;
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(start + i, (int) ('0' + rest % 10));
            rest /= 10;
        }
        out.writerIndex(start + digits);
    }
}
