package dev.arb.api.fuzz;

import java.util.Optional;
import net.jqwik.api.SampleReportingFormat;

/**
 * Shows a failing {@code byte[]} sample as a Java string literal (printable ASCII as is, everything else
 * escaped), so a shrunk input can be pasted into a regression test. Registered through
 * {@code META-INF/services/net.jqwik.api.SampleReportingFormat}.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class BytesAsText implements SampleReportingFormat {
    /** Creates the format (jqwik's service loader). */
    public BytesAsText() {
    }

    @Override
    public int priority() {
        return 100; // before jqwik's own array format
    }

    @Override
    public boolean appliesTo(final Object value) {
        return value instanceof byte[];
    }

    @Override
    public Object report(final Object value) {
        return literal((byte[]) value);
    }

    @Override
    public Optional<String> label(final Object value) {
        return Optional.of("byte[" + ((byte[]) value).length + "] ");
    }

    /**
     * @param bytes any bytes
     * @return a Java string literal whose ISO-8859-1 bytes are {@code bytes} (long inputs are cut at 4,000)
     */
    public static String literal(final byte[] bytes) {
        final StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
        for (int i = 0; i < Math.min(bytes.length, 4000); i++) {
            final int c = bytes[i] & 0xFF;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\u%04x", c));
            }
        }
        if (bytes.length > 4000) {
            sb.append("...(").append(bytes.length).append(" bytes)");
        }
        return sb.append('"').toString();
    }
}
