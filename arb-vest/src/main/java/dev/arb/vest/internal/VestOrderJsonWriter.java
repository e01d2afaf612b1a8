package dev.arb.vest.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.arb.api.AsciiDecimal;
import dev.arb.api.FixedPoint;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The {@code POST /orders} and {@code POST /orders/cancel} bodies written as JSON bytes straight into a caller's
 * {@link ByteBuf}, from the fixed-point fields: no Jackson tree, no {@code String} per number (issue 14 §3).
 *
 * <p>The bytes are identical to {@link VestOrderCodec#orderBody} and {@link VestOrderCodec#cancelBody} (Jackson's
 * {@code ObjectNode.toString()}: fields in insertion order, no whitespace, integers in decimal, strings quoted with
 * Jackson's standard escapes), so a signature computed over the same text stays valid; {@code
 * VestOrderJsonWriterTest} compares both encoders on random orders. Strings made of printable ASCII other than
 * {@code "} and {@code \} (every Vest symbol, the hex signature) are copied byte by byte; any other string goes
 * through Jackson's own {@link TextNode} encoding (allocates, never on the usual path). Source of the body shape:
 * Vest API docs "POST /orders", "POST /orders/cancel" (protocol reference §4).
 *
 * <p>Numbers are written by {@link AsciiDecimal} (shared with the Paradex writer) into a per-thread array of
 * {@link AsciiDecimal#MAX_LENGTH} bytes, then copied into the buffer.
 *
 * <p><b>Note:</b> thread-safe (no state but the per-thread digit array); allocation-free for ASCII symbols once a
 * thread's digit array exists. The buffer is the caller's and must not be shared during a call.
 */
public final class VestOrderJsonWriter {
    private static final byte[] ORDER_TIME = ascii("{\"order\":{\"time\":");
    private static final byte[] NONCE = ascii(",\"nonce\":");
    private static final byte[] SYMBOL = ascii(",\"symbol\":");
    private static final byte[] BUY_SIZE = ascii(",\"isBuy\":true,\"size\":");
    private static final byte[] SELL_SIZE = ascii(",\"isBuy\":false,\"size\":");
    private static final byte[] MARKET_PRICE = ascii(",\"orderType\":\"MARKET\",\"limitPrice\":");
    private static final byte[] LIMIT_PRICE = ascii(",\"orderType\":\"LIMIT\",\"limitPrice\":");
    private static final byte[] REDUCE_ONLY_TRUE = ascii(",\"reduceOnly\":true");
    private static final byte[] REDUCE_ONLY_FALSE = ascii(",\"reduceOnly\":false");
    private static final byte[] TIME_IN_FORCE = ascii(",\"timeInForce\":");
    private static final byte[] ID = ascii(",\"id\":");
    private static final byte[] RECV_WINDOW = ascii("},\"recvWindow\":");
    private static final byte[] SIGNATURE = ascii(",\"signature\":");
    /** Per-thread array a number's digits are written into ({@link AsciiDecimal}), then copied in one go. */
    private static final ThreadLocal<byte[]> DIGITS = ThreadLocal.withInitial(() -> new byte[AsciiDecimal.MAX_LENGTH]);

    private VestOrderJsonWriter() {
    }

    /**
     * Writes the {@code POST /orders} body; the same bytes as {@link VestOrderCodec#orderBody(OrderRequest, long,
     * long, String, String, long, String, String)} with {@code size = FixedPoint.format(req.size(), sizeScale)} and
     * {@code limitPrice = FixedPoint.format(req.limitPrice(), priceScale)}.
     *
     * @param out            where the bytes go, from its writer index (grown as needed)
     * @param req            the order (market, side, type, time in force, size and limit price, reduce-only)
     * @param timeMs         order time, ms since the epoch
     * @param nonce          nonce
     * @param sizeScale      decimals of the size text (the market's size scale), 0..18
     * @param priceScale     decimals of the limit-price text (the market's price scale), 0..18
     * @param recvWindowMs   recvWindow, ms
     * @param signatureHex   signature, {@code 0x} + 130 hex digits
     * @param iocTimeInForce {@code timeInForce} of an IOC LIMIT order ({@code "IOC"} or {@code "FOK"})
     * @return bytes written
     */
    public static int writeOrder(final ByteBuf out, final OrderRequest req, final long timeMs, final long nonce,
        final int sizeScale, final int priceScale, final long recvWindowMs, final CharSequence signatureHex,
        final String iocTimeInForce) {
        final int start = out.writerIndex();
        out.writeBytes(ORDER_TIME);
        writeLong(out, timeMs);
        out.writeBytes(NONCE);
        writeLong(out, nonce);
        out.writeBytes(SYMBOL);
        writeString(out, req.market());
        out.writeBytes(req.side() == Side.BUY ? BUY_SIZE : SELL_SIZE);
        writeFixedString(out, req.size(), sizeScale);
        out.writeBytes(req.type() == OrderType.MARKET ? MARKET_PRICE : LIMIT_PRICE);
        writeFixedString(out, req.limitPrice(), priceScale);
        out.writeBytes(req.reduceOnly() ? REDUCE_ONLY_TRUE : REDUCE_ONLY_FALSE);
        if (req.type() == OrderType.LIMIT) {
            out.writeBytes(TIME_IN_FORCE);
            writeString(out, req.timeInForce() == TimeInForce.GTC ? "GTC" : iocTimeInForce);
        }
        writeTail(out, recvWindowMs, signatureHex);
        return out.writerIndex() - start;
    }

    /**
     * Writes the {@code POST /orders/cancel} body; the same bytes as {@link VestOrderCodec#cancelBody}.
     *
     * @param out          where the bytes go, from its writer index
     * @param timeMs       time, ms since the epoch
     * @param nonce        nonce
     * @param orderId      venue order id
     * @param recvWindowMs recvWindow, ms
     * @param signatureHex signature
     * @return bytes written
     */
    public static int writeCancel(final ByteBuf out, final long timeMs, final long nonce, final CharSequence orderId,
        final long recvWindowMs, final CharSequence signatureHex) {
        final int start = out.writerIndex();
        out.writeBytes(ORDER_TIME);
        writeLong(out, timeMs);
        out.writeBytes(NONCE);
        writeLong(out, nonce);
        out.writeBytes(ID);
        writeString(out, orderId);
        writeTail(out, recvWindowMs, signatureHex);
        return out.writerIndex() - start;
    }

    private static void writeTail(final ByteBuf out, final long recvWindowMs, final CharSequence signatureHex) {
        out.writeBytes(RECV_WINDOW);
        writeLong(out, recvWindowMs);
        out.writeBytes(SIGNATURE);
        writeString(out, signatureHex);
        out.writeByte('}');
    }

    /**
     * Writes a long in decimal ASCII, as Jackson writes a JSON integer ({@link AsciiDecimal#writeLong}).
     *
     * @param out   the buffer, written from its writer index (grown as needed)
     * @param value any long
     */
    public static void writeLong(final ByteBuf out, final long value) {
        final byte[] digits = DIGITS.get();
        out.writeBytes(digits, 0, AsciiDecimal.writeLong(digits, 0, value));
    }

    /**
     * A fixed-point value as a JSON string, the text of {@link FixedPoint#format(long, int)} (exactly {@code scale}
     * decimals) in quotes; throws {@link IllegalArgumentException} before writing anything if {@code scale} is
     * outside 0..18.
     */
    private static void writeFixedString(final ByteBuf out, final long value, final int scale) {
        final byte[] digits = DIGITS.get();
        final int n = AsciiDecimal.writeFixed(digits, 0, value, scale);
        out.writeByte('"');
        out.writeBytes(digits, 0, n);
        out.writeByte('"');
    }

    /** A JSON string with Jackson's escapes: plain ASCII copied, anything else as Jackson's {@link TextNode}. */
    private static void writeString(final ByteBuf out, final CharSequence s) {
        final int n = s.length();
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                out.writeBytes(TextNode.valueOf(s.toString()).toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        out.writeByte('"');
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
        out.writeByte('"');
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
