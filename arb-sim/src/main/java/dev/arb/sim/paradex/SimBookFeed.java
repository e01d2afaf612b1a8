package dev.arb.sim.paradex;

import dev.arb.paradex.sbe.ParadexSbe;
import dev.arb.paradex.sbe.codec.BboEventEncoder;
import dev.arb.paradex.sbe.codec.BookEventEncoder;
import dev.arb.paradex.sbe.codec.FillType;
import dev.arb.paradex.sbe.codec.MarketSummaryEventEncoder;
import dev.arb.paradex.sbe.codec.MessageHeaderEncoder;
import dev.arb.paradex.sbe.codec.PkgType;
import dev.arb.paradex.sbe.codec.TradeEventEncoder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The order-book counter of one simulated market and the frames published for it: the per-market
 * sequence number shared by every book and BBO channel, the last published book (to compute deltas),
 * and encoders for SBE {@code BookEvent} (template 3) / {@code BboEvent} (template 2) frames and
 * the JSON {@code order_book} snapshot and delta messages.
 *
 * <p>Sources: paradex-sbe reference §2 (framing, bare {@code order_book.{m}.deltas}), §4 (a
 * subscription opens with a SNAPSHOT of the book, then DELTAs with {@code seq} = previous + 1; a size
 * of 0 deletes a level; sizes are absolute), protocol reference §2.1 and §2.5 (JSON shape with
 * {@code inserts}/{@code updates}/{@code deletes}). Prices and sizes are mantissas at exponent −8,
 * timestamps µs since the epoch (schema {@code paradex_1_0.xml}, version 1).
 *
 * <p><b>Note:</b> not thread-safe; used on the simulator's event loop only.
 */
final class SimBookFeed {
    private final String market;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16 * 1024]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BookEventEncoder book = new BookEventEncoder();
    private final BboEventEncoder bbo = new BboEventEncoder();
    private final MarketSummaryEventEncoder summary = new MarketSummaryEventEncoder();
    private final TradeEventEncoder trade = new TradeEventEncoder();
    private volatile SimExchange.Book last;
    private volatile long seq;
    private long tsMicros;
    private long pendingGaps;

    SimBookFeed(final String market, final SimExchange.Book initial, final long startSeq, final long tsMicros) {
        this.market = market;
        this.last = initial;
        this.seq = startSeq;
        this.tsMicros = tsMicros;
    }

    /** @return the sequence number of the last published book */
    long seq() {
        return seq;
    }

    /** @return the last published book */
    SimExchange.Book last() {
        return last;
    }

    /** Makes the next {@link #step} skip one sequence number (a gap on the book channels). */
    void injectGap() {
        pendingGaps++;
    }

    /**
     * Moves to the next book: the sequence number advances by 1 (2 after {@link #injectGap()}).
     *
     * @param next     the new book
     * @param tsMicros venue time, µs
     * @return the levels that changed (absolute new size, 0 = delete): {@code [side(0 bid,1 ask), price, size]}
     */
    List<long[]> step(final SimExchange.Book next, final long tsMicros) {
        final List<long[]> changes = new ArrayList<>();
        diff(0, last.bidPrices(), last.bidSizes(), next.bidPrices(), next.bidSizes(), changes);
        diff(1, last.askPrices(), last.askSizes(), next.askPrices(), next.askSizes(), changes);
        last = next;
        seq += 1 + pendingGaps;
        pendingGaps = 0;
        this.tsMicros = tsMicros;
        return changes;
    }

    private static void diff(final int side, final long[] oldP, final long[] oldS, final long[] newP, final long[] newS,
        final List<long[]> out) {
        for (int i = 0; i < oldP.length; i++) {
            if (indexOf(newP, oldP[i]) < 0) {
                out.add(new long[] {side, oldP[i], 0});
            }
        }
        for (int i = 0; i < newP.length; i++) {
            final int j = indexOf(oldP, newP[i]);
            if (j < 0 || oldS[j] != newS[i]) {
                out.add(new long[] {side, newP[i], newS[i]});
            }
        }
    }

    private static int indexOf(final long[] a, final long v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** @return an SBE SNAPSHOT BookEvent of the last published book at {@link #seq()} */
    byte[] sbeSnapshot() {
        final SimExchange.Book b = last;
        header.wrap(buffer, 0).blockLength(BookEventEncoder.BLOCK_LENGTH).templateId(BookEventEncoder.TEMPLATE_ID)
            .schemaId(ParadexSbe.SCHEMA_ID).version(ParadexSbe.NEGOTIATED_SCHEMA_VERSION);
        bookRoot(PkgType.SNAPSHOT);
        final BookEventEncoder.BidsEncoder bids = book.bidsCount(b.bidPrices().length);
        for (int i = 0; i < b.bidPrices().length; i++) {
            bids.next();
            bids.price().mantissa(b.bidPrices()[i]);
            bids.size().mantissa(b.bidSizes()[i]);
        }
        final BookEventEncoder.AsksEncoder asks = book.asksCount(b.askPrices().length);
        for (int i = 0; i < b.askPrices().length; i++) {
            asks.next();
            asks.price().mantissa(b.askPrices()[i]);
            asks.size().mantissa(b.askSizes()[i]);
        }
        book.market(market);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + book.encodedLength());
    }

    /**
     * @param changes the levels of the last {@link #step} ({@code [side, price, size]})
     * @return an SBE DELTA BookEvent at {@link #seq()}
     */
    byte[] sbeDelta(final List<long[]> changes) {
        header.wrap(buffer, 0).blockLength(BookEventEncoder.BLOCK_LENGTH).templateId(BookEventEncoder.TEMPLATE_ID)
            .schemaId(ParadexSbe.SCHEMA_ID).version(ParadexSbe.NEGOTIATED_SCHEMA_VERSION);
        bookRoot(PkgType.DELTA);
        int nb = 0;
        for (final long[] c : changes) {
            nb += c[0] == 0 ? 1 : 0;
        }
        final BookEventEncoder.BidsEncoder bids = book.bidsCount(nb);
        for (final long[] c : changes) {
            if (c[0] == 0) {
                bids.next();
                bids.price().mantissa(c[1]);
                bids.size().mantissa(c[2]);
            }
        }
        final BookEventEncoder.AsksEncoder asks = book.asksCount(changes.size() - nb);
        for (final long[] c : changes) {
            if (c[0] == 1) {
                asks.next();
                asks.price().mantissa(c[1]);
                asks.size().mantissa(c[2]);
            }
        }
        book.market(market);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + book.encodedLength());
    }

    private void bookRoot(final PkgType type) {
        book.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).ts(tsMicros).seq(seq).pkgType(type);
        final long nul = ParadexSbe.NULL_VALUE;
        book.bestBidPrice().mantissa(nul);
        book.bestBidSize().mantissa(nul);
        book.bestAskPrice().mantissa(nul);
        book.bestAskSize().mantissa(nul);
        book.relativeSpread().mantissa(nul);
        book.bestBidApiPrice().mantissa(nul);
        book.bestBidApiSize().mantissa(nul);
        book.bestAskApiPrice().mantissa(nul);
        book.bestAskApiSize().mantissa(nul);
    }

    /** @return an SBE BboEvent of the last published book at {@link #seq()} */
    byte[] sbeBbo() {
        final SimExchange.Book b = last;
        header.wrap(buffer, 0).blockLength(BboEventEncoder.BLOCK_LENGTH).templateId(BboEventEncoder.TEMPLATE_ID)
            .schemaId(ParadexSbe.SCHEMA_ID).version(ParadexSbe.NEGOTIATED_SCHEMA_VERSION);
        bbo.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).ts(tsMicros).seq(seq);
        bbo.bidPrice().mantissa(b.bidPrices()[0]);
        bbo.bidSize().mantissa(b.bidSizes()[0]);
        bbo.askPrice().mantissa(b.askPrices()[0]);
        bbo.askSize().mantissa(b.askSizes()[0]);
        bbo.market(market);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + bbo.encodedLength());
    }

    /**
     * @param markPrice            mark price at scale 8 (the simulator quotes the book's mid)
     * @param indexPrice           index price at scale 8
     * @param fundingRatePerPeriod funding rate per the market's funding period, fraction
     * @return an SBE MarketSummaryEvent (template 4, schema version 1) of the last published book, with the funding
     *     rate as {@code fundingRate} (8 dp) and {@code fundingRatePrecise} (12 dp)
     */
    byte[] sbeMarketSummary(final long markPrice, final long indexPrice, final double fundingRatePerPeriod) {
        final SimExchange.Book b = last;
        final long nul = ParadexSbe.NULL_VALUE;
        header.wrap(buffer, 0).blockLength(MarketSummaryEventEncoder.BLOCK_LENGTH)
            .templateId(MarketSummaryEventEncoder.TEMPLATE_ID).schemaId(ParadexSbe.SCHEMA_ID)
            .version(ParadexSbe.NEGOTIATED_SCHEMA_VERSION);
        summary.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).ts(tsMicros).seq(0);
        summary.markPrice().mantissa(markPrice);
        summary.indexPrice().mantissa(indexPrice);
        summary.lastPrice().mantissa(markPrice);
        summary.volumeUsd24h().mantissa(0);
        summary.openInterest().mantissa(0);
        summary.fundingRate().mantissa(Math.round(fundingRatePerPeriod * 1e8));
        summary.bid().mantissa(b.bidPrices()[0]);
        summary.ask().mantissa(b.askPrices()[0]);
        summary.totalVolume().mantissa(0);
        summary.priceChangeRate24h().mantissa(0);
        summary.markIv().mantissa(nul);
        summary.bidIv().mantissa(nul);
        summary.askIv().mantissa(nul);
        summary.lastIv().mantissa(nul);
        summary.delta().mantissa(nul);
        summary.gamma().mantissa(nul);
        summary.vega().mantissa(nul);
        summary.theta().mantissa(nul);
        summary.rho().mantissa(nul);
        summary.volga().mantissa(nul);
        summary.vanna().mantissa(nul);
        summary.futureFundingRate().mantissa(nul);
        summary.externalFairPrice().mantissa(nul);
        summary.bidSize().mantissa(b.bidSizes()[0]);
        summary.askSize().mantissa(b.askSizes()[0]);
        summary.forwardRate().mantissa(nul);
        summary.riskFreeRate().mantissa(nul);
        summary.fundingRatePrecise().mantissa(Math.round(fundingRatePerPeriod * 1e12));
        summary.market(market);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + summary.encodedLength());
    }

    /**
     * @param tradeId  trade id
     * @param buy      taker side BUY
     * @param price    price at scale 8
     * @param size     size at scale 8
     * @param atMicros venue time, µs
     * @return an SBE TradeEvent (template 1) at the current book sequence
     */
    byte[] sbeTrade(final long tradeId, final boolean buy, final long price, final long size, final long atMicros) {
        header.wrap(buffer, 0).blockLength(TradeEventEncoder.BLOCK_LENGTH).templateId(TradeEventEncoder.TEMPLATE_ID)
            .schemaId(ParadexSbe.SCHEMA_ID).version(ParadexSbe.NEGOTIATED_SCHEMA_VERSION);
        trade.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).ts(atMicros).seq(seq).tradeId(tradeId)
            .side(buy ? dev.arb.paradex.sbe.codec.Side.BUY : dev.arb.paradex.sbe.codec.Side.SELL);
        trade.price().mantissa(price);
        trade.size().mantissa(size);
        trade.createdAt(atMicros).tradeType(FillType.FILL);
        trade.market(market);
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    /**
     * @param channel    the subscribed channel
     * @param markPrice  mark price at scale 8
     * @param indexPrice index price at scale 8
     * @param fundingRatePerPeriod funding rate per the market's funding period, fraction
     * @return a JSON {@code markets_summary} message ({@code funding_rate} with 12 decimals)
     */
    String jsonMarketSummary(final String channel, final long markPrice, final long indexPrice,
        final double fundingRatePerPeriod) {
        final SimExchange.Book b = last;
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"" + channel
            + "\",\"data\":{\"symbol\":\"" + market + "\",\"mark_price\":\"" + SimExchange.text(markPrice)
            + "\",\"underlying_price\":\"" + SimExchange.text(indexPrice) + "\",\"bid\":\"" + SimExchange.text(b.bidPrices()[0])
            + "\",\"ask\":\"" + SimExchange.text(b.askPrices()[0]) + "\",\"funding_rate\":\"" + fundingText(fundingRatePerPeriod) + "\",\"created_at\":"
            + tsMicros / 1000 + "}}}";
    }

    /** @return the rate as a plain decimal with 12 decimals, like the SBE {@code fundingRatePrecise} */
    static String fundingText(final double rate) {
        return BigDecimal.valueOf(rate).setScale(12, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private byte[] copy(final int length) {
        final byte[] out = new byte[length];
        buffer.getBytes(0, out);
        return out;
    }

    /**
     * @param channel the subscribed channel
     * @return a JSON {@code subscription} message: the full last published book, {@code update_type "s"}
     */
    String jsonSnapshot(final String channel) {
        final SimExchange.Book b = last;
        final StringBuilder sb = open(channel, "s").append("\"inserts\":[");
        boolean first = true;
        for (int i = 0; i < b.bidPrices().length; i++) {
            first = level(sb, first, "BUY", b.bidPrices()[i], b.bidSizes()[i]);
        }
        for (int i = 0; i < b.askPrices().length; i++) {
            first = level(sb, first, "SELL", b.askPrices()[i], b.askSizes()[i]);
        }
        return sb.append("],\"updates\":[],\"deletes\":[]}}}").toString();
    }

    /**
     * @param channel the subscribed channel
     * @param changes the levels of the last {@link #step}
     * @return a JSON delta ({@code update_type "d"}): changed sizes in {@code updates}, removed levels in
     *     {@code deletes} (size 0), new levels in {@code inserts}
     */
    String jsonDelta(final String channel, final List<long[]> changes, final SimExchange.Book before) {
        final StringBuilder sb = open(channel, "d");
        final StringBuilder ins = new StringBuilder();
        final StringBuilder upd = new StringBuilder();
        final StringBuilder del = new StringBuilder();
        for (final long[] c : changes) {
            final String side = c[0] == 0 ? "BUY" : "SELL";
            final long[] oldPrices = c[0] == 0 ? before.bidPrices() : before.askPrices();
            final StringBuilder target = c[2] == 0 ? del : indexOf(oldPrices, c[1]) >= 0 ? upd : ins;
            level(target, target.length() == 0, side, c[1], c[2]);
        }
        return sb.append("\"inserts\":[").append(ins).append("],\"updates\":[").append(upd).append("],\"deletes\":[")
            .append(del).append("]}}}").toString();
    }

    private StringBuilder open(final String channel, final String type) {
        return new StringBuilder(2048).append("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"")
            .append(channel).append("\",\"data\":{\"seq_no\":").append(seq).append(",\"market\":\"").append(market)
            .append("\",\"last_updated_at\":").append(tsMicros / 1000).append(",\"update_type\":\"").append(type)
            .append("\",");
    }

    private static boolean level(final StringBuilder sb, final boolean first, final String side, final long price,
        final long size) {
        if (!first) {
            sb.append(',');
        }
        sb.append("{\"side\":\"").append(side).append("\",\"price\":\"").append(SimExchange.text(price))
            .append("\",\"size\":\"").append(SimExchange.text(size)).append("\"}");
        return false;
    }

    /**
     * @param channel the subscribed channel
     * @return a JSON {@code bbo} message of the last published book
     */
    String jsonBbo(final String channel) {
        final SimExchange.Book b = last;
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"" + channel
            + "\",\"data\":{\"market\":\"" + market + "\",\"seq_no\":" + seq + ",\"bid\":\""
            + SimExchange.text(b.bidPrices()[0]) + "\",\"bid_size\":\"" + SimExchange.text(b.bidSizes()[0])
            + "\",\"ask\":\"" + SimExchange.text(b.askPrices()[0]) + "\",\"ask_size\":\"" + SimExchange.text(b.askSizes()[0])
            + "\",\"last_updated_at\":" + tsMicros / 1000 + "}}}";
    }
}
