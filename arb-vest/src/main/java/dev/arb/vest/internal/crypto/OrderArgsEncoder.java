package dev.arb.vest.internal.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * {@code keccak256(abi.encode(uint256 time, uint256 nonce, string orderType, string symbol,
 * bool isBuy, string size, string limitPrice, bool reduceOnly))} written straight into a reused
 * buffer: eight 32-byte head words (the strings as offsets from the start), then each string as a
 * 32-byte length and its bytes zero-padded to 32. Also the 3-argument cancel
 * {@code (uint256 time, uint256 nonce, string id)}.
 *
 * <p>Pre-encoding: the static arguments of the last order (type, symbol, side, size, reduce-only)
 * stay encoded in the buffer; the next order with the same ones only rewrites {@code time},
 * {@code nonce} and the limit price's tail (the last one) before hashing. (Keccak itself cannot be
 * resumed from a prefix: {@code time} is in the first 136-byte block.)
 *
 * <p>Sources: Solidity ABI specification ("Formal Specification of the Encoding", dynamic types);
 * Vest API docs "Signing"; protocol reference §2. Byte-identical to web3j
 * {@code FunctionEncoder.encodeConstructor} of the same values (tested).
 *
 * <p><b>Note:</b> not thread-safe: one instance per thread (it reuses its buffer and digest).
 */
public final class OrderArgsEncoder {
    private byte[] buf = new byte[1024];
    private int len;
    private final KeccakDigest keccak = new KeccakDigest(256);
    /** Start of the limit price's tail in the last order encoding, bytes; 0 when none is cached. */
    private int priceOffset;
    private String lastOrderType;
    private String lastSymbol;
    private String lastSize;
    private boolean lastIsBuy;
    private boolean lastReduceOnly;

    /**
     * @param timeMs     order time, ms since the epoch, non-negative
     * @param nonce      order nonce, non-negative
     * @param orderType  {@code MARKET} or {@code LIMIT}
     * @param symbol     market symbol
     * @param isBuy      side
     * @param size       size text exactly as sent
     * @param limitPrice limit price text exactly as sent
     * @param reduceOnly reduce-only flag
     * @param out32      receives the 32-byte hash
     */
    public void orderArgsHash(final long timeMs, final long nonce, final String orderType, final String symbol,
        final boolean isBuy, final String size, final String limitPrice, final boolean reduceOnly, final byte[] out32) {
        if (priceOffset > 0 && isBuy == lastIsBuy && reduceOnly == lastReduceOnly && orderType.equals(lastOrderType)
            && symbol.equals(lastSymbol) && size.equals(lastSize)) {
            // the static arguments are already encoded: patch time, nonce and the price tail
            putLong(0, timeMs);
            putLong(32, nonce);
            final int needed = priceOffset + tail(limitPrice);
            ensure(needed);
            java.util.Arrays.fill(buf, priceOffset, needed, (byte) 0);
            len = putString(priceOffset, limitPrice);
            hash(out32);
            return;
        }
        final int needed = 8 * 32 + tail(orderType) + tail(symbol) + tail(size) + tail(limitPrice);
        ensure(needed);
        java.util.Arrays.fill(buf, 0, needed, (byte) 0);
        putLong(0, timeMs);
        putLong(32, nonce);
        int tailOff = 8 * 32;
        putLong(2 * 32, tailOff);
        tailOff = putString(tailOff, orderType);
        putLong(3 * 32, tailOff);
        tailOff = putString(tailOff, symbol);
        buf[4 * 32 + 31] = (byte) (isBuy ? 1 : 0);
        putLong(5 * 32, tailOff);
        tailOff = putString(tailOff, size);
        putLong(6 * 32, tailOff);
        priceOffset = tailOff;
        tailOff = putString(tailOff, limitPrice);
        buf[7 * 32 + 31] = (byte) (reduceOnly ? 1 : 0);
        len = tailOff;
        lastOrderType = orderType;
        lastSymbol = symbol;
        lastSize = size;
        lastIsBuy = isBuy;
        lastReduceOnly = reduceOnly;
        hash(out32);
    }

    /**
     * @param timeMs  request time, ms since the epoch
     * @param nonce   request nonce
     * @param orderId order id
     * @param out32   receives the 32-byte hash
     */
    public void cancelArgsHash(final long timeMs, final long nonce, final String orderId, final byte[] out32) {
        final int needed = 3 * 32 + tail(orderId);
        ensure(needed);
        priceOffset = 0;
        java.util.Arrays.fill(buf, 0, needed, (byte) 0);
        putLong(0, timeMs);
        putLong(32, nonce);
        putLong(64, 96);
        len = putString(96, orderId);
        hash(out32);
    }

    /** @return a copy of the last encoding (for tests and diagnostics) */
    byte[] lastEncoding() {
        return java.util.Arrays.copyOf(buf, len);
    }

    private void hash(final byte[] out32) {
        keccak.update(buf, 0, len);
        keccak.doFinal(out32, 0);
    }

    private static int byteLength(final String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }

    private static int tail(final String s) {
        return 32 + ((byteLength(s) + 31) & ~31);
    }

    private void ensure(final int n) {
        if (buf.length < n) {
            buf = java.util.Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
    }

    private void putLong(final int off, final long v) {
        if (v < 0) {
            throw new IllegalArgumentException("uint256 value must be non-negative");
        }
        for (int i = 0; i < 8; i++) {
            buf[off + 31 - i] = (byte) (v >>> (8 * i));
        }
    }

    private int putString(final int off, final String s) {
        final int n = byteLength(s);
        putLong(off, n);
        if (n == s.length()) {
            for (int i = 0; i < n; i++) {
                buf[off + 32 + i] = (byte) s.charAt(i);
            }
        } else {
            System.arraycopy(s.getBytes(StandardCharsets.UTF_8), 0, buf, off + 32, n);
        }
        return off + 32 + ((n + 31) & ~31);
    }
}
