package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** MarketSummaryEvent (template 4): version 1 (240-byte block) and version 0 (216-byte block) layouts. */
class MarketSummaryTest {
    private final RecordingListener listener = new RecordingListener();
    private final ParadexSbeDecoder decoder = new ParadexSbeDecoder(listener);

    @Test
    void shouldDecodeMarkIndexAndPreciseFundingFromAVersion1Frame() {
        final byte[] frame = SbeFrames.marketSummary(1);
        assertThat(frame[0] & 0xFF).isEqualTo(240);

        assertThat(decoder.decode(new UnsafeBuffer(frame), 0, frame.length, 0L)).isEqualTo(FrameStatus.DECODED);

        final RecordingListener.Summary s = listener.summaries.get(0);
        assertThat(s.market()).isEqualTo("ETH-USD-PERP");
        assertThat(s.markPrice()).isEqualTo(SbeFrames.ETH_MARK);
        assertThat(s.indexPrice()).isEqualTo(266_250_000_000L);
        assertThat(s.lastPrice()).isEqualTo(266_300_000_000L);
        assertThat(s.fundingRate()).isEqualTo(44_360L);
        assertThat(s.fundingRatePrecise()).isEqualTo(SbeFrames.ETH_FUNDING_PRECISE);
        assertThat(s.bidPrice()).isEqualTo(266_280_000_000L);
        assertThat(s.askPrice()).isEqualTo(266_290_000_000L);
        assertThat(s.openInterest()).isEqualTo(98_765_000_000L);
        assertThat(s.tsMicros()).isEqualTo(1_790_187_960_000_000L);
    }

    @Test
    void shouldReportPreciseFundingAsNullInAVersion0Frame() {
        final byte[] frame = SbeFrames.marketSummary(0);
        assertThat(frame[0] & 0xFF).isEqualTo(216);

        assertThat(decoder.decode(new UnsafeBuffer(frame), 0, frame.length, 0L)).isEqualTo(FrameStatus.DECODED);

        final RecordingListener.Summary s = listener.summaries.get(0);
        assertThat(s.market()).isEqualTo("ETH-USD-PERP");
        assertThat(s.markPrice()).isEqualTo(SbeFrames.ETH_MARK);
        assertThat(s.fundingRatePrecise()).isEqualTo(ParadexSbe.NULL_VALUE);
    }

    @Test
    void shouldHandOutTheSameInternedMarketSymbolForEveryFrame() {
        final byte[] frame = SbeFrames.marketSummary(1);
        decoder.decode(new UnsafeBuffer(frame), 0, frame.length, 0L);
        decoder.decode(new UnsafeBuffer(frame), 0, frame.length, 0L);

        assertThat(listener.summaries.get(1).market()).isSameAs(listener.summaries.get(0).market());
    }
}
