package dev.arb.paradex.sbe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reference book for differential tests, built independently of the production code: frames are parsed by
 * hand with {@link ByteBuffer} at the offsets of shared/protocols/paradex-sbe.md §3 (BookEvent root block,
 * {@code groupSizeEncoding} groups, {@code varString8} market) into {@link TreeMap}s.
 */
final class NaiveBook {
    final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, Long> asks = new TreeMap<>();
    long seq;
    String market;

    /** Applies a BookEvent frame without any sequencing: snapshot replaces, delta updates (size 0 deletes). */
    void apply(final byte[] frame) {
        final ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        final int blockLength = b.getShort(0) & 0xFFFF;
        if ((b.getShort(2) & 0xFFFF) != 3 || (b.getShort(4) & 0xFFFF) != 1) {
            throw new IllegalArgumentException("not a schema-1 BookEvent");
        }
        seq = b.getLong(8 + 8);
        final int pkgType = b.get(8 + 16) & 0xFF;
        if (pkgType == 0) {
            bids.clear();
            asks.clear();
        }
        int pos = 8 + blockLength;
        pos = applyGroup(b, pos, bids);
        pos = applyGroup(b, pos, asks);
        final int len = b.get(pos) & 0xFF;
        market = new String(frame, pos + 1, len, StandardCharsets.US_ASCII);
    }

    private static int applyGroup(final ByteBuffer b, final int start, final TreeMap<Long, Long> side) {
        final int entryLength = b.getShort(start) & 0xFFFF;
        final int count = b.getShort(start + 2) & 0xFFFF;
        int pos = start + 4;
        for (int i = 0; i < count; i++) {
            final long price = b.getLong(pos);
            final long size = b.getLong(pos + 8);
            if (size == 0) {
                side.remove(price);
            } else {
                side.put(price, size);
            }
            pos += entryLength;
        }
        return pos;
    }

    Map.Entry<Long, Long> bestBid() {
        return bids.firstEntry();
    }

    Map.Entry<Long, Long> bestAsk() {
        return asks.firstEntry();
    }
}
