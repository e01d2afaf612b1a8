package dev.arb.vest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.MalformedMessageException;
import dev.arb.api.OrderBook;
import dev.arb.api.spi.CapturedMarketFeed;
import dev.arb.vest.internal.VestDepthDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Captured Vest frames of one market: {@code {symbol}@depth} snapshots through the live {@link VestDepthDecoder}
 * (unsorted levels accepted, as recorded), {@code tickers} through the live {@link VestTickerBoard}. A malformed
 * depth frame leaves the book as it was (each frame is a full snapshot); a malformed tickers frame keeps the last
 * rate. Both are counted.
 *
 * <p><b>Note:</b> not thread-safe. A depth frame allocates nothing; a tickers frame is parsed into a Jackson tree
 * (about one a second).
 */
final class VestCapturedMarketFeed implements CapturedMarketFeed {
    private static final byte[] TICKERS_CHANNEL = "tickers".getBytes(StandardCharsets.US_ASCII);

    private final String market;
    private final OrderBook book;
    private final Listener listener;
    private final VestDepthDecoder decoder = new VestDepthDecoder();
    private final byte[] channel;
    private final VestTickerBoard tickers = new VestTickerBoard(new ObjectMapper());
    private double lastRate = Double.NaN;
    private long malformed;

    VestCapturedMarketFeed(final String market, final OrderBook book, final Listener listener) {
        this.market = market;
        this.book = book;
        this.listener = listener;
        this.channel = (market + "@depth").getBytes(StandardCharsets.US_ASCII);
        decoder.rejectUnsorted(false);
    }

    @Override
    public boolean onFrame(final boolean binary, final byte[] data, final int length, final long receivedNanos) {
        try {
            if (decoder.scan(data, 0, length) != VestDepthDecoder.FRAME_CHANNEL) {
                return false;
            }
            if (decoder.isDepthChannel()) {
                if (!decoder.channelEquals(channel)) {
                    return false;
                }
                decoder.applyDepth(book, receivedNanos);
                return true;
            }
            if (decoder.channelEquals(TICKERS_CHANNEL)) { // routed as VestFrameRouter routes it live
                tickers.onTickers(data, 0, length);
                final double rate = tickers.fundingRatePerHour(market);
                if (!Double.isNaN(rate) && Double.doubleToLongBits(rate) != Double.doubleToLongBits(lastRate)) {
                    lastRate = rate;
                    listener.onFundingRate(rate);
                }
            }
            return false;
        } catch (final MalformedMessageException e) {
            malformed++;
            return false;
        }
    }

    @Override
    public long malformedFrames() {
        return malformed;
    }
}
