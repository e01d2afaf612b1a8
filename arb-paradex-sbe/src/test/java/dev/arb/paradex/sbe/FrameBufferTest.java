package dev.arb.paradex.sbe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.paradex.sbe.codec.MarketSummaryEventDecoder;
import dev.arb.paradex.sbe.codec.Price8Decoder;
import dev.arb.paradex.sbe.codec.Price8NULLDecoder;
import dev.arb.paradex.sbe.codec.Qty8Decoder;
import dev.arb.paradex.sbe.codec.Qty8NULLDecoder;
import dev.arb.paradex.sbe.codec.Rate12NULLDecoder;
import dev.arb.paradex.sbe.codec.Rate8Decoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

/** Zero-copy wrapping of Netty buffers, and the generated codecs' constants this module relies on. */
class FrameBufferTest {

    @Test
    void shouldWrapDirectAndHeapBuffersWithoutCopying() {
        final FrameBuffer frames = new FrameBuffer();
        for (final ByteBuf buf : new ByteBuf[] {Unpooled.directBuffer(16), Unpooled.buffer(16)}) {
            buf.writeLong(1L).writeLong(2L).readerIndex(8);
            final DirectBuffer view = frames.wrap(buf);
            assertThat(view.capacity()).isEqualTo(8);

            buf.setByte(8, 0x42); // a write to the frame is seen through the view: no copy was made

            assertThat(view.getByte(0)).isEqualTo((byte) 0x42);
            buf.release();
        }
    }

    @Test
    void shouldRunOnThisJvmWithoutAddExportsFlags() {
        // Agrona 2.x's UnsafeBuffer needs --add-exports java.base/jdk.internal.misc=ALL-UNNAMED on JDK 17;
        // the surefire JVM of this module gets no such flag, and every decoder test runs through UnsafeBuffer.
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
            .noneMatch(arg -> arg.contains("add-exports") || arg.contains("add-opens"));
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
    }

    @Test
    void shouldGenerateCodecsWithTheSchemasFixedExponents() {
        // the decoder writes mantissas unchanged at scale 8 (prices, sizes) and 12 (precise rates)
        assertThat(new Price8Decoder().exponent()).isEqualTo((byte) -ParadexSbe.PRICE_SCALE);
        assertThat(new Price8NULLDecoder().exponent()).isEqualTo((byte) -ParadexSbe.PRICE_SCALE);
        assertThat(new Qty8Decoder().exponent()).isEqualTo((byte) -ParadexSbe.SIZE_SCALE);
        assertThat(new Qty8NULLDecoder().exponent()).isEqualTo((byte) -ParadexSbe.SIZE_SCALE);
        assertThat(new Rate8Decoder().exponent()).isEqualTo((byte) -ParadexSbe.RATE_SCALE);
        assertThat(new Rate12NULLDecoder().exponent()).isEqualTo((byte) -ParadexSbe.PRECISE_RATE_SCALE);
        assertThat(Price8NULLDecoder.mantissaNullValue()).isEqualTo(ParadexSbe.NULL_VALUE);
        assertThat(MarketSummaryEventDecoder.BLOCK_LENGTH).isEqualTo(240);
    }
}
