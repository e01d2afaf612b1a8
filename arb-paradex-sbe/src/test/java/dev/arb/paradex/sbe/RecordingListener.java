package dev.arb.paradex.sbe;

import dev.arb.api.OrderBook;
import dev.arb.api.Side;
import java.util.ArrayList;
import java.util.List;

/** Copies every callback into plain records for assertions (allocates: not for the allocation test). */
final class RecordingListener implements ParadexSbeListener {
    record Bbo(String market, long seq, long tsMicros, long bidPrice, long bidSize, long askPrice, long askSize) {
    }

    record Trade(String market, long seq, long tsMicros, long createdAtMicros, Side side, long price, long size,
        int tradeType) {
    }

    record Summary(String market, long seq, long tsMicros, long markPrice, long indexPrice, long lastPrice,
        long fundingRate, long fundingRatePrecise, long bidPrice, long askPrice, long openInterest) {
    }

    record Heartbeat(long seq, long tsMicros) {
    }

    record Resync(String market, ResyncReason reason, long expected, long received) {
    }

    final List<Bbo> bbos = new ArrayList<>();
    final List<Trade> trades = new ArrayList<>();
    final List<Summary> summaries = new ArrayList<>();
    final List<Heartbeat> heartbeats = new ArrayList<>();
    final List<Resync> resyncs = new ArrayList<>();
    final List<ParadexSbeFrameException> errors = new ArrayList<>();
    final List<Long> bookSeqs = new ArrayList<>();

    @Override
    public void onBook(final OrderBook book) {
        bookSeqs.add(book.sequence());
    }

    @Override
    public void onResyncNeeded(final OrderBook book, final ResyncReason reason, final long expectedSeq,
        final long receivedSeq) {
        resyncs.add(new Resync(book.symbol(), reason, expectedSeq, receivedSeq));
    }

    @Override
    public void onBbo(final BboUpdate u) {
        bbos.add(new Bbo(u.market(), u.seq(), u.tsMicros(), u.bidPrice(), u.bidSize(), u.askPrice(), u.askSize()));
    }

    @Override
    public void onTrade(final TradeUpdate u) {
        trades.add(new Trade(u.market(), u.seq(), u.tsMicros(), u.createdAtMicros(), u.side(), u.price(), u.size(),
            u.tradeType()));
    }

    @Override
    public void onMarketSummary(final MarketSummaryUpdate u) {
        summaries.add(new Summary(u.market(), u.seq(), u.tsMicros(), u.markPrice(), u.indexPrice(), u.lastPrice(),
            u.fundingRate(), u.fundingRatePrecise(), u.bidPrice(), u.askPrice(), u.openInterest()));
    }

    @Override
    public void onHeartbeat(final long seq, final long tsMicros) {
        heartbeats.add(new Heartbeat(seq, tsMicros));
    }

    @Override
    public void onFrameError(final ParadexSbeFrameException error) {
        errors.add(error);
    }
}
