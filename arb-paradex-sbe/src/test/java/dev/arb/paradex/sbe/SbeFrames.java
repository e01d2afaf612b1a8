package dev.arb.paradex.sbe;

import dev.arb.paradex.sbe.codec.BookEventEncoder;
import dev.arb.paradex.sbe.codec.MarketSummaryEventDecoder;
import dev.arb.paradex.sbe.codec.MarketSummaryEventEncoder;
import dev.arb.paradex.sbe.codec.MessageHeaderEncoder;
import dev.arb.paradex.sbe.codec.PkgType;
import java.util.Arrays;
import org.agrona.concurrent.UnsafeBuffer;

/** Frames for cases the fixtures do not cover, built with the generated encoders. */
final class SbeFrames {
    /** Mark price of the ETH summary captured by FBC on 2026-09-23: 2662.8925496 at scale 8. */
    static final long ETH_MARK = 266_289_254_960L;
    /** Its {@code fundingRatePrecise}: 0.000443605046 at scale 12. */
    static final long ETH_FUNDING_PRECISE = 443_605_046L;

    private SbeFrames() {
    }

    /** @return a schema 1:1 BookEvent SNAPSHOT at seq 1000 with one bid (62000.5 x 0.25) and no asks */
    static byte[] bookSnapshotWithoutAsks() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final BookEventEncoder e = new BookEventEncoder();
        header(buffer, BookEventEncoder.BLOCK_LENGTH, BookEventEncoder.TEMPLATE_ID, 1);
        e.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).ts(1_759_500_000_123_456L).seq(1000)
            .pkgType(PkgType.SNAPSHOT);
        final BookEventEncoder.BidsEncoder bids = e.bidsCount(1).next();
        bids.price().mantissa(6_200_050_000_000L);
        bids.size().mantissa(25_000_000L);
        e.asksCount(0);
        e.market("BTC-USD-PERP");
        return Arrays.copyOf(buffer.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    /**
     * @param version 0 (216-byte block, no {@code fundingRatePrecise}) or 1 (240-byte block)
     * @return a MarketSummaryEvent for ETH-USD-PERP
     */
    static byte[] marketSummary(final int version) {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final MarketSummaryEventEncoder e = new MarketSummaryEventEncoder();
        e.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).ts(1_790_187_960_000_000L).seq(0);
        e.markPrice().mantissa(ETH_MARK);
        e.indexPrice().mantissa(266_250_000_000L);
        e.lastPrice().mantissa(266_300_000_000L);
        e.volumeUsd24h().mantissa(12_345_600_000_000L);
        e.openInterest().mantissa(98_765_000_000L);
        e.fundingRate().mantissa(44_360L);
        e.bid().mantissa(266_280_000_000L);
        e.ask().mantissa(266_290_000_000L);
        e.bidSize().mantissa(150_000_000L);
        e.askSize().mantissa(ParadexSbe.NULL_VALUE);
        e.forwardRate().mantissa(ParadexSbe.NULL_VALUE);
        e.riskFreeRate().mantissa(ParadexSbe.NULL_VALUE);
        e.fundingRatePrecise().mantissa(ETH_FUNDING_PRECISE);
        e.market("ETH-USD-PERP");
        final int full = MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        if (version >= 1) {
            header(buffer, MarketSummaryEventEncoder.BLOCK_LENGTH, MarketSummaryEventEncoder.TEMPLATE_ID, 1);
            return Arrays.copyOf(buffer.byteArray(), full);
        }
        // version 0: the root block ends before forwardRate; the market follows at once
        final int v0Block = MarketSummaryEventDecoder.forwardRateEncodingOffset();
        header(buffer, v0Block, MarketSummaryEventEncoder.TEMPLATE_ID, 0);
        final int marketStart = MessageHeaderEncoder.ENCODED_LENGTH + MarketSummaryEventEncoder.BLOCK_LENGTH;
        final byte[] v1 = Arrays.copyOf(buffer.byteArray(), full);
        final byte[] v0 = new byte[full - (MarketSummaryEventEncoder.BLOCK_LENGTH - v0Block)];
        System.arraycopy(v1, 0, v0, 0, MessageHeaderEncoder.ENCODED_LENGTH + v0Block);
        System.arraycopy(v1, marketStart, v0, MessageHeaderEncoder.ENCODED_LENGTH + v0Block, full - marketStart);
        return v0;
    }

    private static void header(final UnsafeBuffer buffer, final int blockLength, final int templateId,
        final int version) {
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(blockLength).templateId(templateId).schemaId(1)
            .version(version);
    }
}
