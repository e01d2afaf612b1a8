package dev.arb.capture;

/**
 * Unescapes the body of a JSON string (RFC 8259 §7) to UTF-8 bytes: {@link CaptureCursor}'s decoder for a text
 * frame's {@code text}. It takes printable ASCII, the short escapes and the four-hex-digit escapes of the Basic
 * Multilingual Plane; anything unusual (an unescaped quote or control byte, non-ASCII, a surrogate escape, a bad
 * escape) is refused, for the Jackson reader to judge.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class JsonStringBody {
    /** Bytes a JSON string body copies as they are: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private JsonStringBody() {
    }

    /**
     * @param c    the text
     * @param from first byte of the string body (after the opening quote)
     * @param to   end of the body (the closing quote, exclusive)
     * @param out  where the UTF-8 bytes go, from 0; at least {@code to - from} long (no escape grows)
     * @return the unescaped length, bytes, or -1 on anything unusual
     */
    static int unescape(final byte[] c, final int from, final int to, final byte[] out) {
        int o = 0;
        for (int i = from; i < to; i++) {
            final byte b = c[i];
            if (PLAIN[b & 0xFF]) {
                out[o++] = b;
            } else if (b == '\\') {
                if (++i >= to) {
                    return -1;
                }
                switch (c[i]) {
                    case '"': out[o++] = '"'; break;
                    case '\\': out[o++] = '\\'; break;
                    case '/': out[o++] = '/'; break;
                    case 'n': out[o++] = '\n'; break;
                    case 't': out[o++] = '\t'; break;
                    case 'r': out[o++] = '\r'; break;
                    case 'b': out[o++] = '\b'; break;
                    case 'f': out[o++] = '\f'; break;
                    case 'u': {
                        if (i + 4 >= to) {
                            return -1;
                        }
                        final int cp = hex(c[i + 1]) << 12 | hex(c[i + 2]) << 8 | hex(c[i + 3]) << 4 | hex(c[i + 4]);
                        if (cp < 0 || cp >= 0xD800 && cp <= 0xDFFF) {
                            return -1; // invalid hex or a surrogate pair: the slow path handles it
                        }
                        i += 4;
                        if (cp < 0x80) {
                            out[o++] = (byte) cp;
                        } else if (cp < 0x800) {
                            out[o++] = (byte) (0xC0 | cp >> 6);
                            out[o++] = (byte) (0x80 | cp & 0x3F);
                        } else {
                            out[o++] = (byte) (0xE0 | cp >> 12);
                            out[o++] = (byte) (0x80 | cp >> 6 & 0x3F);
                            out[o++] = (byte) (0x80 | cp & 0x3F);
                        }
                        break;
                    }
                    default:
                        return -1;
                }
            } else {
                return -1; // an unescaped quote or control byte is malformed; non-ASCII is validated by Jackson
            }
        }
        return o;
    }

    private static int hex(final byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1 << 16;
    }
}
