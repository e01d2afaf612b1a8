package dev.arb.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaptureCursorTest {
    @Test
    void shouldReadWhatTheWriterWroteExactlyAsTheJacksonReaderDoes() throws Exception {
        final Random random = new Random(7);
        final StringWriter text = new StringWriter();
        try (CaptureWriter w = new CaptureWriter(text)) {
            for (int i = 0; i < 3_000; i++) {
                final byte[] payload;
                final boolean binary = random.nextBoolean();
                if (binary) {
                    payload = new byte[random.nextInt(i % 100 == 0 ? 200_000 : 300)]; // some larger than the buffers
                    random.nextBytes(payload);
                } else {
                    final StringBuilder s = new StringBuilder();
                    final int n = random.nextInt(i % 100 == 0 ? 150_000 : 200);
                    for (int k = 0; k < n; k++) {
                        final int pick = random.nextInt(20);
                        s.append(pick == 0 ? '"' : pick == 1 ? '\\' : pick == 2 ? (char) random.nextInt(0x20)
                            : pick == 3 ? (char) (0x80 + random.nextInt(0x700)) : pick == 4 ? "\uD83D\uDE00"
                            : (char) (0x20 + random.nextInt(0x5F)));
                    }
                    payload = s.toString().getBytes(StandardCharsets.UTF_8);
                }
                w.onFrame("x", random.nextLong() >>> 1, binary, payload, 0, payload.length);
            }
        }
        final List<CapturedFrame> expected = new ArrayList<>();
        final CaptureReader reader = new CaptureReader(new StringReader(text.toString()));
        for (CapturedFrame f = reader.next(); f != null; f = reader.next()) {
            expected.add(f);
        }
        final CaptureCursor cursor = cursor(text.toString());
        final List<CapturedFrame> actual = new ArrayList<>();
        while (cursor.next()) {
            actual.add(cursor.toFrame());
        }
        assertThat(actual).hasSize(3_000).isEqualTo(expected);
        assertThat(cursor.slowLines()).as("lines with non-ASCII or \\u escapes of surrogates only").isLessThan(3_000);
    }

    @Test
    void shouldReadTheSharedParadexCaptureTheSameWay() throws Exception {
        final String capture;
        try (InputStream in = getClass().getResourceAsStream(
            "/paradex/sbe/btc-order-book-deltas-2026-10-08.head.jsonl")) {
            capture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final CaptureReader reader = new CaptureReader(new StringReader(capture));
        final CaptureCursor cursor = cursor(capture);
        int frames = 0;
        for (CapturedFrame f = reader.next(); f != null; f = reader.next()) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.toFrame()).isEqualTo(f);
            frames++;
        }
        assertThat(cursor.next()).isFalse();
        assertThat(frames).isGreaterThan(10);
        assertThat(cursor.slowLines()).as("json.dumps spacing is on the fast path").isZero();
    }

    @Test
    void shouldAcceptOtherFieldOrdersSpacesBlankLinesAndCrLfThroughTheSlowPath() throws Exception {
        final CaptureCursor cursor = cursor("\n{ \"opcode\": \"binary\", \"b64\": \"AAEC\", \"t_ns\": 5 }\r\n\r\n"
            + "{\"t_ns\":6,\"opcode\":\"text\",\"text\":\"a\\u00e9\\n\"}\r\n{\"t_ns\":7,\"opcode\":\"binary\",\"b64\":\"AA==\"}");
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.toFrame()).isEqualTo(new CapturedFrame(2, 5, CapturedFrame.Opcode.BINARY, null,
            new byte[] {0, 1, 2}));
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.lineNumber()).isEqualTo(4);
        assertThat(cursor.text()).isEqualTo("a\u00e9\n");
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.toFrame().payload()).containsExactly(0);
        assertThat(cursor.next()).isFalse();
        assertThat(cursor.slowLines()).isEqualTo(1);
    }

    @Test
    void shouldRejectWhatTheJacksonReaderRejectsNamingTheLine() {
        for (String bad : new String[] {
            "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"a\"b\"}",
            "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"a\\\"}",
            "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"a\\q\"}",
            "{\"t_ns\":1,\"opcode\":\"binary\",\"b64\":\"A*==\"}",
            "{\"t_ns\":1,\"opcode\":\"binary\",\"b64\":\"AAA=A\"}",
            "{\"t_ns\":1.5,\"opcode\":\"binary\",\"b64\":\"AA==\"}",
            "{\"t_ns\":01,\"opcode\":\"binary\",\"b64\":\"AA==\"}",
            "{\"t_ns\":99999999999999999999,\"opcode\":\"binary\",\"b64\":\"AA==\"}",
            "{\"t_ns\":1,\"opcode\":\"ping\",\"text\":\"\"}",
            "{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"x\"",
            "not json"}) {
            final String capture = "{\"t_ns\":0,\"opcode\":\"text\",\"text\":\"ok\"}\n" + bad + "\n";
            final CaptureReader reader = new CaptureReader(new StringReader(capture));
            assertThatThrownBy(() -> {
                reader.next();
                reader.next();
            }).as(bad).isInstanceOf(CaptureFormatException.class);
            final CaptureCursor cursor = cursor(capture);
            assertThatThrownBy(() -> {
                cursor.next();
                cursor.next();
            }).as(bad).isInstanceOf(CaptureFormatException.class).hasMessageContaining("line 2");
        }
    }

    @Test
    void shouldSkipAndCountLinesThatAreNotRecordsWhenAsked() throws Exception {
        final CaptureCursor cursor = cursor("{\"t_ns\":1,\"opcode\":\"text\",\"text\":\"a\"}\n[1,2]\n"
            + "{\"t_ns\":2,\"opcode\":\"text\",\"text\":\"b\"}\n{\"t_ns\":3,\"op").skipMalformedLines(true);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.text()).isEqualTo("b");
        assertThat(cursor.lineNumber()).isEqualTo(3);
        assertThat(cursor.next()).isFalse();
        assertThat(cursor.malformedLines()).isEqualTo(2);
        assertThat(cursor.firstMalformedLine()).isEqualTo(2);
        assertThat(cursor.firstMalformedReason()).contains("line 2");
    }

    private static CaptureCursor cursor(final String text) {
        return new CaptureCursor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
