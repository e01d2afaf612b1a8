package dev.arb.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The minimised inputs {@link CaptureFuzzTest} found, each a defect fixed (RELIABILITY.md, defects table). */
class CaptureFuzzRegressionTest {
    /** {@code "\r\0"}: the reader ended a line at the lone CR and blamed line 2, the cursor line 1. */
    @Test
    void loneCarriageReturnDoesNotStartALine() {
        final String capture = "\r\u0000";
        assertThatThrownBy(() -> new CaptureReader(new StringReader(capture)).next())
            .isInstanceOf(CaptureFormatException.class).satisfies(e ->
                assertThat(((CaptureFormatException) e).lineNumber()).isEqualTo(1));
        assertThatThrownBy(() -> new CaptureCursor(new ByteArrayInputStream(capture.getBytes(StandardCharsets.UTF_8)))
            .next()).isInstanceOf(CaptureFormatException.class).satisfies(e ->
                assertThat(((CaptureFormatException) e).lineNumber()).isEqualTo(1));
    }

    /** CRLF line ends and blank CR-only lines still read as before. */
    @Test
    void crlfCapturesStillRead() throws Exception {
        final String capture = "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"a\"}\r\n\r\n{\"t_ns\":2,\"opcode\":\"text\",\"text\":\"b\"}";
        final CaptureReader reader = new CaptureReader(new StringReader(capture));
        assertThat(reader.next().text()).isEqualTo("a");
        final CapturedFrame second = reader.next();
        assertThat(second.text()).isEqualTo("b");
        assertThat(second.lineNumber()).isEqualTo(3);
        assertThat(reader.next()).isNull();
    }
}
