package dev.arb.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Standard Base64 (RFC 4648 §4 alphabet, with or without {@code =} padding) to bytes, a quad of digits at a time
 * through tables of pre-shifted digit values: {@link CaptureCursor}'s decoder for a binary frame's {@code b64}.
 * Anything else (another character, a length no encoder writes) is refused, for the Jackson reader to judge.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class Base64Quads {
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    /** Base64 digit values pre-shifted for each of a quad's four places; -1 (all bits) for a non-digit. */
    private static final int[] Q0 = new int[256];
    private static final int[] Q1 = new int[256];
    private static final int[] Q2 = new int[256];
    private static final int[] Q3 = new int[256];

    static {
        Arrays.fill(Q0, -1);
        Arrays.fill(Q1, -1);
        Arrays.fill(Q2, -1);
        Arrays.fill(Q3, -1);
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            final char c = alphabet.charAt(i);
            Q0[c] = i << 18;
            Q1[c] = i << 12;
            Q2[c] = i << 6;
            Q3[c] = i;
        }
    }

    private Base64Quads() {
    }

    /**
     * @param c    the text
     * @param from first character of the Base64 string
     * @param to   end of the string (exclusive)
     * @return how many digits it has before its padding, or -1 if its length or padding is not one an encoder writes;
     *     {@link #decode} then needs an output of {@code digits / 4 * 3 + 4} bytes
     */
    static int digits(final byte[] c, final int from, final int to) {
        int end = to;
        if (end - from >= 1 && c[end - 1] == '=') {
            end--;
            if (end - from >= 1 && c[end - 1] == '=') {
                end--;
            }
        }
        final int n = end - from;
        if (n % 4 == 1 || to - from > 0 && (to - from) % 4 != 0 && end != to) {
            return -1;
        }
        return n;
    }

    /**
     * @param c      the text
     * @param from   first digit
     * @param digits the count {@link #digits} gave
     * @param out    where the bytes go, from 0; at least {@code digits / 4 * 3 + 4} long (each quad writes four
     *               bytes, the fourth overwritten by the next)
     * @return the decoded length, bytes, or -1 if a character is not a Base64 digit
     */
    static int decode(final byte[] c, final int from, final int digits, final byte[] out) {
        final int end = from + digits;
        int o = 0;
        int i = from;
        for (final int whole = from + digits / 4 * 4; i < whole; i += 4) {
            final int v = Q0[c[i] & 0xFF] | Q1[c[i + 1] & 0xFF] | Q2[c[i + 2] & 0xFF] | Q3[c[i + 3] & 0xFF];
            if (v < 0) {
                return -1;
            }
            INT_BE.set(out, o, v << 8);
            o += 3;
        }
        final int rest = end - i;
        if (rest == 2) {
            final int v = Q0[c[i] & 0xFF] | Q1[c[i + 1] & 0xFF];
            if (v < 0) {
                return -1;
            }
            out[o++] = (byte) (v >> 16);
        } else if (rest == 3) {
            final int v = Q0[c[i] & 0xFF] | Q1[c[i + 1] & 0xFF] | Q2[c[i + 2] & 0xFF];
            if (v < 0) {
                return -1;
            }
            out[o++] = (byte) (v >> 16);
            out[o++] = (byte) (v >> 8);
        }
        return o;
    }
}
