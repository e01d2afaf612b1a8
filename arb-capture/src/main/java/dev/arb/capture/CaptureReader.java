package dev.arb.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Base64;
import java.util.Objects;

/**
 * Reads a JSONL WebSocket capture, one frame per line:
 * {@code {"t_ns":…,"opcode":"text","text":"…"}} or {@code {"t_ns":…,"opcode":"binary","b64":"…"}}. Lines end at
 * {@code \n} (a {@code \r} before it is a blank); blank lines are skipped. Off the hot path (Jackson tree per line).
 *
 * <p><b>Note:</b> not thread-safe; one reader per stream. Does not close the underlying reader.
 */
public final class CaptureReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedReader in;
    private long lineNumber;
    private final StringBuilder line = new StringBuilder();

    /**
     * @param in the capture text (UTF-8 decoded)
     * @throws NullPointerException if {@code in} is null
     */
    public CaptureReader(final Reader in) {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
    }

    /**
     * @return the next frame, or null at the end of the input
     * @throws CaptureFormatException if the line is not a valid frame record (names the line number)
     * @throws IOException            if reading fails
     */
    public CapturedFrame next() throws IOException {
        while (true) {
            final String line = readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
            if (!blank(line)) {
                return parse(line, lineNumber);
            }
        }
    }

    /**
     * A line ends at {@code \n} only, and is blank when it holds only spaces, tabs and {@code \r}: exactly as
     * {@link CaptureCursor} reads (BufferedReader also ended lines at a lone {@code \r}, so the two numbered lines
     * differently; found by fuzzing, RELIABILITY.md).
     */
    private String readLine() throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static boolean blank(final String s) {
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** @return 1-based number of the last line read (0 before the first) */
    public long lineNumber() {
        return lineNumber;
    }

    /** Parses one non-blank line (also {@link CaptureCursor}'s fallback, so both accept the same lines). */
    static CapturedFrame parse(final String line, final long lineNumber) {
        final JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (final JsonProcessingException e) {
            throw new CaptureFormatException(lineNumber, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new CaptureFormatException(lineNumber, "not a JSON object", null);
        }
        final JsonNode tNs = node.get("t_ns");
        if (tNs == null || !tNs.canConvertToLong() || !tNs.isIntegralNumber()) {
            throw new CaptureFormatException(lineNumber, "missing or non-integer t_ns", null);
        }
        final JsonNode opcode = node.get("opcode");
        if (opcode == null || !opcode.isTextual()) {
            throw new CaptureFormatException(lineNumber, "missing opcode", null);
        }
        switch (opcode.textValue()) {
            case "text": {
                final JsonNode text = node.get("text");
                if (text == null || !text.isTextual()) {
                    throw new CaptureFormatException(lineNumber, "text frame without a text field", null);
                }
                return new CapturedFrame(lineNumber, tNs.longValue(), CapturedFrame.Opcode.TEXT, text.textValue(), null);
            }
            case "binary": {
                final JsonNode b64 = node.get("b64");
                if (b64 == null || !b64.isTextual()) {
                    throw new CaptureFormatException(lineNumber, "binary frame without a b64 field", null);
                }
                final byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(b64.textValue());
                } catch (final IllegalArgumentException e) {
                    throw new CaptureFormatException(lineNumber, "bad base64: " + e.getMessage(), e);
                }
                return new CapturedFrame(lineNumber, tNs.longValue(), CapturedFrame.Opcode.BINARY, null, bytes);
            }
            default:
                throw new CaptureFormatException(lineNumber, "unknown opcode '" + opcode.textValue()
                    + "' (expected text or binary)", null);
        }
    }
}
