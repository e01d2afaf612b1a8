package dev.arb.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CaptureReaderTest {
    @Test
    void shouldRejectLinesThatAreNotFrameRecords() {
        assertRejected("not json", "not JSON");
        assertRejected("[1,2]", "not a JSON object");
        assertRejected("{\"opcode\":\"text\",\"text\":\"x\"}", "t_ns");
        assertRejected("{\"t_ns\":\"12\",\"opcode\":\"text\",\"text\":\"x\"}", "t_ns");
        assertRejected("{\"t_ns\":1,\"text\":\"x\"}", "opcode");
        assertRejected("{\"t_ns\":1,\"opcode\":\"ping\"}", "unknown opcode");
        assertRejected("{\"t_ns\":1,\"opcode\":\"text\"}", "text field");
        assertRejected("{\"t_ns\":1,\"opcode\":\"binary\"}", "b64");
    }

    @Test
    void shouldNameTheLineAndKeepTheVenueOfEarlierMessages() {
        final String capture = "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"{}\"}\n"
            + "\n"
            + "{\"t_ns\":2,\"opcode\":\"binary\",\"b64\":\"!!not base64!!\"}\n";
        assertThatThrownBy(() -> {
            final CaptureReader reader = new CaptureReader(new StringReader(capture));
            while (reader.next() != null) {
                assertThat(reader.lineNumber()).isLessThan(3);
            }
        }).isInstanceOf(CaptureFormatException.class)
            .hasMessageStartingWith("paradex: capture line 3: bad base64")
            .satisfies(e -> assertThat(((CaptureFormatException) e).lineNumber()).isEqualTo(3))
            .satisfies(e -> assertThat(((CaptureFormatException) e).venue()).isEqualTo("paradex"));
    }

    private static void assertRejected(final String line, final String messagePart) {
        assertThatThrownBy(() -> new CaptureReader(new StringReader(line)).next())
            .isInstanceOf(CaptureFormatException.class)
            .hasMessageContaining("line 1")
            .hasMessageContaining(messagePart);
    }
}
