package dev.arb.vest.internal;

import static dev.arb.vest.internal.VestJsonCursor.malformed;

import dev.arb.api.OrderBook;
import java.util.Arrays;

/**
 * The levels of one Vest {@code {symbol}@depth} snapshot: {@link #parse} reads a {@code bids} or {@code asks}
 * array ({@code [["price","size"], ...]}, string or bare numbers) into scratch arrays of fixed-point
 * {@code long}s at the book's scales, and {@link #writeTo} then writes both sides into the book as one full
 * snapshot. Parsing everything before writing anything is what leaves the book untouched by a malformed frame.
 * Source: Vest API docs "Public channels / {symbol}@depth" (protocol reference §5: full snapshot per message,
 * no sequence number).
 *
 * <p>The scratch arrays start at 64 levels a side and grow (doubling) to the venue's depth; after that nothing
 * is allocated.
 *
 * <p><b>Note:</b> not thread-safe; owned by its {@link VestDepthDecoder}.
 */
final class VestDepthLevels {
    private long[] bidPrices = new long[64];
    private long[] bidSizes = new long[64];
    private long[] askPrices = new long[64];
    private long[] askSizes = new long[64];
    private int bids;
    private int asks;

    /** Forgets both sides: until each is parsed again, {@link #complete()} is {@code false}. */
    void reset() {
        bids = -1;
        asks = -1;
    }

    /** @return {@code true} once both {@code bids} and {@code asks} were parsed since {@link #reset()} */
    boolean complete() {
        return bids >= 0 && asks >= 0;
    }

    /**
     * Parses one side's level array into the scratch arrays.
     *
     * @param json    the frame
     * @param start   index of the array's {@code [}
     * @param dataEnd index just after the {@code data} object that holds the array
     * @param book    the book the levels are for (its price and size scales)
     * @param bid     {@code true} for {@code bids}, {@code false} for {@code asks}
     * @return the index just after the array's {@code ]}
     * @throws dev.arb.api.MalformedMessageException if the array is not a list of {@code [price, size]} pairs
     *     of decimals at the book's scales with a positive price and a non-negative size
     */
    int parse(final VestJsonCursor json, final int start, final int dataEnd, final OrderBook book,
        final boolean bid) {
        int p = json.expect(start, '[');
        int count = 0;
        p = json.skipWs(p);
        if (p < dataEnd && json.byteAt(p) == ']') {
            setCount(bid, 0);
            return p + 1;
        }
        while (true) {
            p = json.skipWs(json.expect(p, '['));
            final long price = json.decimalToken(p, book.priceScale());
            p = json.skipWs(json.expect(json.skipWs(json.after()), ','));
            final long size = json.decimalToken(p, book.sizeScale());
            p = json.expect(json.skipWs(json.after()), ']');
            if (price <= 0 || size < 0) {
                throw malformed("non-positive price or negative size");
            }
            ensureCapacity(count + 1);
            if (bid) {
                bidPrices[count] = price;
                bidSizes[count] = size;
            } else {
                askPrices[count] = price;
                askSizes[count] = size;
            }
            count++;
            p = json.skipWs(p);
            if (p >= dataEnd) {
                throw malformed("unterminated levels");
            }
            final byte c = json.byteAt(p);
            if (c == ',') {
                p = json.skipWs(p + 1);
                continue;
            }
            if (c == ']') {
                setCount(bid, count);
                return p + 1;
            }
            throw malformed("expected , or ] in levels");
        }
    }

    /**
     * Writes the parsed levels into the book as a full snapshot ({@code clear}, then {@code updateBid} /
     * {@code updateAsk}; unsorted levels are sorted by the book), stamps it and marks it valid, or invalid when
     * the result is crossed or, with {@code rejectUnsorted}, when the levels are not strictly sorted (the book is
     * then left cleared). Call only when {@link #complete()}.
     *
     * @param book             the book to write
     * @param rejectUnsorted   {@code true}: levels not strictly sorted (bids descending, asks ascending, no
     *                         repeated price) are rejected
     * @param venueTimestampMs the frame's {@code tsMs}, ms since the epoch (0 if absent)
     * @param receivedNanos    {@link System#nanoTime()} at which the frame was received
     * @return {@link VestDepthDecoder#APPLIED}, {@link VestDepthDecoder#CROSSED} or {@link VestDepthDecoder#UNSORTED}
     */
    int writeTo(final OrderBook book, final boolean rejectUnsorted, final long venueTimestampMs,
        final long receivedNanos) {
        book.clear();
        if (rejectUnsorted && (!strictlySorted(bidPrices, bids, true) || !strictlySorted(askPrices, asks, false))) {
            book.stamp(0, venueTimestampMs, receivedNanos);
            book.invalidate();
            return VestDepthDecoder.UNSORTED;
        }
        for (int i = 0; i < bids; i++) {
            book.updateBid(bidPrices[i], bidSizes[i]);
        }
        for (int i = 0; i < asks; i++) {
            book.updateAsk(askPrices[i], askSizes[i]);
        }
        book.stamp(0, venueTimestampMs, receivedNanos);
        if (book.isCrossed()) {
            book.invalidate();
            return VestDepthDecoder.CROSSED;
        }
        book.markValid();
        return VestDepthDecoder.APPLIED;
    }

    private static boolean strictlySorted(final long[] prices, final int n, final boolean descending) {
        for (int i = 1; i < n; i++) {
            if (descending ? prices[i] >= prices[i - 1] : prices[i] <= prices[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private void setCount(final boolean bid, final int count) {
        if (bid) {
            bids = count;
        } else {
            asks = count;
        }
    }

    private void ensureCapacity(final int n) {
        if (n > bidPrices.length) {
            final int cap = Math.max(n, bidPrices.length * 2);
            bidPrices = Arrays.copyOf(bidPrices, cap);
            bidSizes = Arrays.copyOf(bidSizes, cap);
            askPrices = Arrays.copyOf(askPrices, cap);
            askSizes = Arrays.copyOf(askSizes, cap);
        }
    }
}
