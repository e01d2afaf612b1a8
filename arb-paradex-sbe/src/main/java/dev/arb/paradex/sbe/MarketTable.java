package dev.arb.paradex.sbe;

import dev.arb.paradex.sbe.codec.BookEventDecoder;
import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;

/**
 * Market symbols seen on a connection, looked up straight from a frame's {@code varString8} bytes without
 * allocating: an open-addressing table from the symbol's UTF-8 bytes to its interned {@link String} and, for
 * markets whose book is registered, the {@link SequencedBookApplier}. Symbols are added once (the first frame of
 * a new market allocates its {@code String}); past {@link #MAX_MARKETS} new symbols are not cached.
 * {@link #slotAt} and {@link #symbolAt} read the {@code market} field of a frame (a {@code varString8}: u8 length,
 * then UTF-8 bytes), checked against the frame's end.
 *
 * <p><b>Note:</b> not thread-safe; owned by the decoding thread.
 */
final class MarketTable {
    /** Most distinct markets cached per connection (Paradex lists a few hundred). */
    static final int MAX_MARKETS = 2048;

    /** {@link #slotAt} result: the market string runs past the frame end. */
    static final int BAD_MARKET = -2;
    /** Bytes of a {@code varString8} length header (u8). */
    static final int VAR_LENGTH_HEADER = BookEventDecoder.marketHeaderLength();

    private static final int CAPACITY = MAX_MARKETS * 2;
    private static final int MASK = CAPACITY - 1;

    private final byte[][] keys = new byte[CAPACITY][];
    private final String[] symbols = new String[CAPACITY];
    private final SequencedBookApplier[] books = new SequencedBookApplier[CAPACITY];
    private int size;

    /**
     * @param buffer frame
     * @param offset first byte of the symbol
     * @param length symbol length in bytes
     * @return the slot of the symbol, adding it if new; -1 when it is new and the table is full
     */
    int findOrAdd(final DirectBuffer buffer, final int offset, final int length) {
        int slot = hash(buffer, offset, length) & MASK;
        while (true) {
            final byte[] key = keys[slot];
            if (key == null) {
                if (size >= MAX_MARKETS) {
                    return -1;
                }
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                keys[slot] = bytes;
                symbols[slot] = new String(bytes, StandardCharsets.UTF_8);
                size++;
                return slot;
            }
            if (matches(key, buffer, offset, length)) {
                return slot;
            }
            slot = (slot + 1) & MASK;
        }
    }

    /**
     * @param buffer   frame
     * @param position where the {@code market} varString8 starts (u8 length, then UTF-8 bytes)
     * @param frameEnd index just after the frame's last byte
     * @return the market's slot, added if new; -1 if new and the table is full; {@link #BAD_MARKET} if it runs
     *     past the frame
     */
    int slotAt(final DirectBuffer buffer, final int position, final int frameEnd) {
        if (position + VAR_LENGTH_HEADER > frameEnd) {
            return BAD_MARKET;
        }
        final int length = buffer.getByte(position) & 0xFF;
        final int start = position + VAR_LENGTH_HEADER;
        if (start + length > frameEnd) {
            return BAD_MARKET;
        }
        return findOrAdd(buffer, start, length);
    }

    /**
     * @param slot     a slot from {@link #slotAt}, -1 if the table was full
     * @param buffer   frame
     * @param position where the {@code market} varString8 starts, already checked by {@link #slotAt}
     * @return the interned symbol; for slot -1 a new {@code String} read from the frame
     */
    String symbolAt(final int slot, final DirectBuffer buffer, final int position) {
        if (slot >= 0) {
            return symbols[slot];
        }
        final int length = buffer.getByte(position) & 0xFF;
        final byte[] bytes = new byte[length];
        buffer.getBytes(position + VAR_LENGTH_HEADER, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @param symbol market symbol
     * @return its slot, added if new; frames of this market report this very {@code String} instance
     * @throws IllegalStateException if the table is full
     */
    int add(final String symbol) {
        final byte[] bytes = symbol.getBytes(StandardCharsets.UTF_8);
        final int slot = findOrAdd(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
        if (slot < 0) {
            throw new IllegalStateException("more than " + MAX_MARKETS + " markets");
        }
        symbols[slot] = symbol; // hand out the caller's instance from now on
        return slot;
    }

    /** @param slot a slot from {@link #findOrAdd} @return the interned symbol */
    String symbol(final int slot) {
        return symbols[slot];
    }

    /** @param slot a slot @return the registered applier, or null */
    SequencedBookApplier book(final int slot) {
        return books[slot];
    }

    /** @param slot a slot @param applier the applier to register */
    void book(final int slot, final SequencedBookApplier applier) {
        books[slot] = applier;
    }

    /** @param action called with every registered applier */
    void forEachBook(final java.util.function.Consumer<SequencedBookApplier> action) {
        for (final SequencedBookApplier applier : books) {
            if (applier != null) {
                action.accept(applier);
            }
        }
    }

    /** @return sum of {@link SequencedBookApplier#gaps()} over registered books */
    long totalGaps() {
        long total = 0;
        for (final SequencedBookApplier applier : books) {
            if (applier != null) {
                total += applier.gaps();
            }
        }
        return total;
    }

    private static boolean matches(final byte[] key, final DirectBuffer buffer, final int offset, final int length) {
        if (key.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (key[i] != buffer.getByte(offset + i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(final DirectBuffer buffer, final int offset, final int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + buffer.getByte(offset + i);
        }
        return h ^ (h >>> 16);
    }
}
