package dev.arb.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaptureWriterTest {
    @Test
    void shouldWriteFramesTheReaderReadsBackByteForByte() throws Exception {
        final StringWriter text = new StringWriter();
        final byte[] binary = {0, 1, 2, (byte) 0xff, 0x7f, 10};
        final byte[] json = "{\"jsonrpc\":\"2.0\",\"result\":{\"channel\":\"bbo.\\\"x\\\"\"},\"id\":1}\n\u00e9"
            .getBytes(StandardCharsets.UTF_8);
        try (CaptureWriter w = new CaptureWriter(text)) {
            w.onFrame("paradex", 42, false, json, 0, json.length);
            final byte[] padded = new byte[binary.length + 3];
            System.arraycopy(binary, 0, padded, 2, binary.length);
            w.onFrame("paradex", 43, true, padded, 2, binary.length);
            assertThat(w.frames()).isEqualTo(2);
        }
        assertThat(text.toString().lines()).hasSize(2);
        final CaptureReader r = new CaptureReader(new StringReader(text.toString()));
        final CapturedFrame first = r.next();
        assertThat(first.receivedNanos()).isEqualTo(42);
        assertThat(first.opcode()).isEqualTo(CapturedFrame.Opcode.TEXT);
        assertThat(first.text()).isEqualTo(new String(json, StandardCharsets.UTF_8));
        final CapturedFrame second = r.next();
        assertThat(second.receivedNanos()).isEqualTo(43);
        assertThat(second.opcode()).isEqualTo(CapturedFrame.Opcode.BINARY);
        assertThat(second.payload()).containsExactly(binary);
        assertThat(r.next()).isNull();
    }
}
