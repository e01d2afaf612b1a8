package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.OrderBook;
import dev.arb.api.Side;
import java.nio.charset.StandardCharsets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Book channels of different markets share one SBE session (FueledByChai decision 0077): routing by market. */
class MultiMarketTest {
    private final RecordingListener listener = new RecordingListener();
    private final ParadexSbeDecoder decoder = new ParadexSbeDecoder(listener);

    @Test
    void shouldRouteBookFramesToTheBookOfTheirMarket() {
        final OrderBook btc = ParadexSbeDecoderTemplatesTest.btcBook();
        final OrderBook eth = new OrderBook(ParadexSbe.VENUE, "ETH-USD-PERP", 8, 8, 16);
        final SequencedBookApplier btcApplier = decoder.addBook(btc);
        final SequencedBookApplier ethApplier = decoder.addBook(eth);

        decode(withMarket(Fixtures.hex("book-snapshot.sbe.txt"), "ETH-USD-PERP"));
        decode(Fixtures.hex("book-snapshot.sbe.txt"));
        decode(withMarket(Fixtures.hex("book-delta-1001.sbe.txt"), "ETH-USD-PERP"));

        assertThat(eth.sequence()).isEqualTo(1001);
        assertThat(eth.bidLevels()).isEqualTo(1);
        assertThat(btc.sequence()).isEqualTo(1000);
        assertThat(btc.bidLevels()).isEqualTo(2);
        assertThat(btc.isValid()).isTrue();
        assertThat(eth.isValid()).isTrue();
        assertThat(decoder.book("ETH-USD-PERP")).isSameAs(ethApplier);
        assertThat(decoder.book("BTC-USD-PERP")).isSameAs(btcApplier);
        assertThat(decoder.book("SOL-USD-PERP")).isNull();
    }

    @Test
    void shouldReportTheRegisteredSymbolInstanceForItsMarket() {
        final OrderBook btc = ParadexSbeDecoderTemplatesTest.btcBook();
        decoder.addBook(btc);

        decode(Fixtures.hex("bbo.sbe.txt"));

        assertThat(listener.bbos.get(0).market()).isSameAs(btc.symbol());
    }

    @Test
    void shouldRefuseASecondBookForTheSameMarket() {
        decoder.addBook(ParadexSbeDecoderTemplatesTest.btcBook());

        org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> decoder.addBook(ParadexSbeDecoderTemplatesTest.btcBook()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BTC-USD-PERP");
    }

    @Test
    void shouldReportANonRepresentableTradeSideAsNull() {
        final byte[] frame = Fixtures.hex("trade.sbe.txt");
        frame[8 + 24] = (byte) 254; // Side.NON_REPRESENTABLE

        decode(frame);

        assertThat(listener.trades.get(0).side()).isNull();
        frame[8 + 24] = 1;
        decode(frame);
        assertThat(listener.trades.get(1).side()).isEqualTo(Side.BUY);
    }

    private void decode(final byte[] frame) {
        assertThat(decoder.decode(new UnsafeBuffer(frame), 0, frame.length, 0L)).isEqualTo(FrameStatus.DECODED);
    }

    /** Replaces the trailing 12-byte market symbol of a fixture with another of the same length. */
    private static byte[] withMarket(final byte[] frame, final String market) {
        final byte[] symbol = market.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(symbol, 0, frame, frame.length - symbol.length, symbol.length);
        return frame;
    }
}
