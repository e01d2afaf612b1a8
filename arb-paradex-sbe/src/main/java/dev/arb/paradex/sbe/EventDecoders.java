package dev.arb.paradex.sbe;

import dev.arb.api.Side;
import dev.arb.paradex.sbe.codec.BboEventDecoder;
import dev.arb.paradex.sbe.codec.FillEventDecoder;
import dev.arb.paradex.sbe.codec.HeartbeatEventDecoder;
import dev.arb.paradex.sbe.codec.MarketSummaryEventDecoder;
import dev.arb.paradex.sbe.codec.TradeEventDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes the Paradex SBE templates that are events rather than book changes and hands each to the
 * {@link ParadexSbeListener}: {@code BboEvent} (2), {@code TradeEvent} (1) and {@code MarketSummaryEvent} (4) as
 * reused update objects, {@code HeartbeatEvent} (40) as its {@code seq} and {@code ts}, and the private
 * {@code FillEvent} (21) as a new {@link FillUpdate} (allocated: fills are rare). Schema {@code paradex_1_0.xml}.
 *
 * <p>Each method checks the acting block length against the fields it reads and the variable-length strings
 * against the frame's end before use; a short or inconsistent frame is {@link FrameStatus#MALFORMED}. Prices and
 * sizes are the schema's int64 mantissas (exponent −8, INT64_MIN = null) passed on unchanged; timestamps are µs
 * since the epoch. An exception the listener throws is caught and counted by the {@link FrameReporter}.
 *
 * <p>Parameters of every method: {@code buffer} holds the frame; {@code bodyOffset} is the first byte after the
 * 8-byte message header; {@code blockLength} (bytes) and {@code version} are the header's, acting, the block
 * already checked to fit the frame; {@code frameEnd} is the index just after the frame's last byte. Each returns
 * {@link FrameStatus#DECODED} or {@link FrameStatus#MALFORMED}.
 *
 * <p>Allocation-free except for fills and errors: one flyweight and one update object per template; the market
 * symbol is the {@link MarketTable}'s interned {@code String}.
 *
 * <p><b>Note:</b> not thread-safe; owned by one {@link ParadexSbeDecoder} on its connection's event-loop thread.
 */
final class EventDecoders {
    private static final int MIN_BBO_BLOCK =
        BboEventDecoder.askSizeEncodingOffset() + BboEventDecoder.askSizeEncodingLength();
    private static final int MIN_TRADE_BLOCK =
        TradeEventDecoder.tradeTypeEncodingOffset() + TradeEventDecoder.tradeTypeEncodingLength();
    private static final int MIN_SUMMARY_BLOCK =
        MarketSummaryEventDecoder.askSizeEncodingOffset() + MarketSummaryEventDecoder.askSizeEncodingLength();
    private static final int SUMMARY_BLOCK_WITH_PRECISE_RATE =
        MarketSummaryEventDecoder.fundingRatePreciseEncodingOffset()
            + MarketSummaryEventDecoder.fundingRatePreciseEncodingLength();
    private static final int MIN_FILL_BLOCK =
        FillEventDecoder.realizedFundingEncodingOffset() + FillEventDecoder.realizedFundingEncodingLength();
    private static final int MIN_HEARTBEAT_BLOCK =
        HeartbeatEventDecoder.seqEncodingOffset() + HeartbeatEventDecoder.seqEncodingLength();
    private static final int VAR_LENGTH_HEADER = MarketTable.VAR_LENGTH_HEADER;
    private static final short SIDE_BUY = dev.arb.paradex.sbe.codec.Side.BUY.value();
    private static final short SIDE_SELL = dev.arb.paradex.sbe.codec.Side.SELL.value();

    private final ParadexSbeListener listener;
    private final MarketTable markets;
    private final FrameReporter reporter;
    private final BboEventDecoder bboDecoder = new BboEventDecoder();
    private final TradeEventDecoder tradeDecoder = new TradeEventDecoder();
    private final MarketSummaryEventDecoder summaryDecoder = new MarketSummaryEventDecoder();
    private final HeartbeatEventDecoder heartbeatDecoder = new HeartbeatEventDecoder();
    private final FillEventDecoder fillDecoder = new FillEventDecoder();
    private final BboUpdate bbo = new BboUpdate();
    private final TradeUpdate trade = new TradeUpdate();
    private final MarketSummaryUpdate summary = new MarketSummaryUpdate();

    /**
     * @param listener receives the events
     * @param markets  the decoder's market table (interned symbols)
     * @param reporter the decoder's reporter (errors, listener failures)
     */
    EventDecoders(final ParadexSbeListener listener, final MarketTable markets, final FrameReporter reporter) {
        this.listener = listener;
        this.markets = markets;
        this.reporter = reporter;
    }

    /** {@code BboEvent} (template 2) to {@link ParadexSbeListener#onBbo}. */
    FrameStatus bbo(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version,
        final int frameEnd) {
        if (blockLength < MIN_BBO_BLOCK) {
            return reporter.malformed("BboEvent block length " + blockLength + " < " + MIN_BBO_BLOCK);
        }
        final BboEventDecoder d = bboDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final int slot = markets.slotAt(buffer, d.limit(), frameEnd);
        if (slot == MarketTable.BAD_MARKET) {
            return reporter.malformed("BboEvent market string runs past the frame end");
        }
        bbo.set(markets.symbolAt(slot, buffer, d.limit()), d.seq(), d.ts(), d.bidPrice().mantissa(),
            d.bidSize().mantissa(), d.askPrice().mantissa(), d.askSize().mantissa());
        try {
            listener.onBbo(bbo);
        } catch (final RuntimeException e) {
            reporter.listenerFailed(e);
        }
        return FrameStatus.DECODED;
    }

    /** {@code TradeEvent} (template 1) to {@link ParadexSbeListener#onTrade}; an unknown side is null. */
    FrameStatus trade(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version,
        final int frameEnd) {
        if (blockLength < MIN_TRADE_BLOCK) {
            return reporter.malformed("TradeEvent block length " + blockLength + " < " + MIN_TRADE_BLOCK);
        }
        final TradeEventDecoder d = tradeDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final int slot = markets.slotAt(buffer, d.limit(), frameEnd);
        if (slot == MarketTable.BAD_MARKET) {
            return reporter.malformed("TradeEvent market string runs past the frame end");
        }
        final short sideRaw = d.sideRaw();
        final Side side = sideRaw == SIDE_BUY ? Side.BUY : sideRaw == SIDE_SELL ? Side.SELL : null;
        trade.set(markets.symbolAt(slot, buffer, d.limit()), d.seq(), d.ts(), d.createdAt(), side,
            d.price().mantissa(), d.size().mantissa(), d.tradeTypeRaw());
        try {
            listener.onTrade(trade);
        } catch (final RuntimeException e) {
            reporter.listenerFailed(e);
        }
        return FrameStatus.DECODED;
    }

    /** {@code FillEvent} (template 21) to {@link ParadexSbeListener#onFill}; its five strings are checked first. */
    FrameStatus fill(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version,
        final int frameEnd) {
        if (blockLength < MIN_FILL_BLOCK) {
            return reporter.malformed("FillEvent block length " + blockLength + " < " + MIN_FILL_BLOCK);
        }
        final FillEventDecoder d = fillDecoder.wrap(buffer, bodyOffset, blockLength, version);
        // fillId, orderId, clientOrderId, tradeId, market: five varString8 (u8 length + bytes), checked first
        int position = d.limit();
        for (int i = 0; i < 5; i++) {
            if (position + VAR_LENGTH_HEADER > frameEnd) {
                return reporter.malformed("FillEvent var data runs past the frame end");
            }
            position += VAR_LENGTH_HEADER + (buffer.getByte(position) & 0xff);
            if (position > frameEnd) {
                return reporter.malformed("FillEvent var data runs past the frame end");
            }
        }
        final short sideRaw = d.sideRaw();
        final Side side = sideRaw == SIDE_BUY ? Side.BUY : sideRaw == SIDE_SELL ? Side.SELL : null;
        if (side == null) {
            return reporter.malformed("FillEvent side " + sideRaw + " is neither BUY nor SELL");
        }
        final boolean maker = d.liquidityRaw() == dev.arb.paradex.sbe.codec.LiquiditySide.MAKER.value();
        final long price = d.price().mantissa();
        final long size = d.size().mantissa();
        final long fee = d.fee().mantissa();
        final long createdAt = d.createdAt();
        final String fillId = d.fillId();
        final String orderId = d.orderId();
        final String clientOrderId = d.clientOrderId();
        final String tradeId = d.tradeId();
        final String market = d.market();
        try {
            listener.onFill(new FillUpdate(market, fillId, orderId, clientOrderId, tradeId, side, maker, price, size,
                fee, createdAt));
        } catch (final RuntimeException e) {
            reporter.listenerFailed(e);
        }
        return FrameStatus.DECODED;
    }

    /** {@code MarketSummaryEvent} (template 4) to {@link ParadexSbeListener#onMarketSummary}. */
    FrameStatus summary(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version,
        final int frameEnd) {
        if (blockLength < MIN_SUMMARY_BLOCK) {
            return reporter.malformed("MarketSummaryEvent block length " + blockLength + " < " + MIN_SUMMARY_BLOCK);
        }
        final MarketSummaryEventDecoder d = summaryDecoder.wrap(buffer, bodyOffset, blockLength, version);
        final int slot = markets.slotAt(buffer, d.limit(), frameEnd);
        if (slot == MarketTable.BAD_MARKET) {
            return reporter.malformed("MarketSummaryEvent market string runs past the frame end");
        }
        summary.set(markets.symbolAt(slot, buffer, d.limit()), d.seq(), d.ts(), d.markPrice().mantissa(),
            d.indexPrice().mantissa(), d.lastPrice().mantissa(), d.openInterest().mantissa(),
            d.volumeUsd24h().mantissa(), d.fundingRate().mantissa());
        summary.setTopOfBook(d.bid().mantissa(), d.bidSize().mantissa(), d.ask().mantissa(), d.askSize().mantissa());
        // fundingRatePrecise is sinceVersion 1; a version-1 header with a version-0 block would not carry it.
        summary.setFundingRatePrecise(version >= 1 && blockLength >= SUMMARY_BLOCK_WITH_PRECISE_RATE
            ? d.fundingRatePrecise().mantissa() : ParadexSbe.NULL_VALUE);
        try {
            listener.onMarketSummary(summary);
        } catch (final RuntimeException e) {
            reporter.listenerFailed(e);
        }
        return FrameStatus.DECODED;
    }

    /** {@code HeartbeatEvent} (template 40) to {@link ParadexSbeListener#onHeartbeat}. */
    FrameStatus heartbeat(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version) {
        if (blockLength < MIN_HEARTBEAT_BLOCK) {
            return reporter.malformed("HeartbeatEvent block length " + blockLength + " < " + MIN_HEARTBEAT_BLOCK);
        }
        final HeartbeatEventDecoder d = heartbeatDecoder.wrap(buffer, bodyOffset, blockLength, version);
        try {
            listener.onHeartbeat(d.seq(), d.ts());
        } catch (final RuntimeException e) {
            reporter.listenerFailed(e);
        }
        return FrameStatus.DECODED;
    }
}
