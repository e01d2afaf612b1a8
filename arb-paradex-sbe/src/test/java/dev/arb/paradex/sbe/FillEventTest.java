package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.Side;
import dev.arb.paradex.sbe.codec.FillEventEncoder;
import dev.arb.paradex.sbe.codec.FillType;
import dev.arb.paradex.sbe.codec.LiquiditySide;
import dev.arb.paradex.sbe.codec.MessageHeaderEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Private {@code FillEvent} frames (template 21), built with the generated encoder. */
class FillEventTest {
    private final List<FillUpdate> fills = new ArrayList<>();
    private final ParadexSbeDecoder decoder = new ParadexSbeDecoder(new ParadexSbeListener() {
        @Override
        public void onFill(final FillUpdate fill) {
            fills.add(fill);
        }
    });

    static byte[] fillFrame() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(FillEventEncoder.BLOCK_LENGTH)
            .templateId(FillEventEncoder.TEMPLATE_ID).schemaId(1).version(2);
        final FillEventEncoder e = new FillEventEncoder().wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH)
            .ts(1_790_000_000_000_123L).seq(7).fillType(FillType.FILL).side(dev.arb.paradex.sbe.codec.Side.SELL)
            .liquidity(LiquiditySide.TAKER);
        e.price().mantissa(6_500_010_000_000L);
        e.size().mantissa(1_000_000L);
        e.fee().mantissa(19_500L);
        e.realizedPnl().mantissa(ParadexSbe.NULL_VALUE);
        e.createdAt(1_790_000_000_000_100L);
        e.underlyingPrice().mantissa(6_500_000_000_000L);
        e.realizedFunding().mantissa(0);
        e.orderbookSeqNo(123);
        e.fillId("f-1").orderId("1700000000000000001").clientOrderId("leg-7").tradeId("t-9").market("BTC-USD-PERP")
            .feeCurrency("USDC");
        return Arrays.copyOf(buffer.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    private FrameStatus decode(final byte[] frame) {
        return decoder.decode(new UnsafeBuffer(frame), 0, frame.length, 1L);
    }

    @Test
    void shouldDecodeAFillWithItsIdsPriceSizeAndFee() {
        assertThat(decode(fillFrame())).isEqualTo(FrameStatus.DECODED);
        assertThat(fills).containsExactly(new FillUpdate("BTC-USD-PERP", "f-1", "1700000000000000001", "leg-7", "t-9",
            Side.SELL, false, 6_500_010_000_000L, 1_000_000L, 19_500L, 1_790_000_000_000_100L));
    }

    @Test
    void shouldRejectAFillWhoseIdsRunPastTheFrame() {
        final byte[] full = fillFrame();
        assertThat(decode(Arrays.copyOf(full, full.length - 20))).isEqualTo(FrameStatus.MALFORMED);
        assertThat(fills).isEmpty();
        assertThat(decoder.malformedFrames()).isEqualTo(1);
    }
}
