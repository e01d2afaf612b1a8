package dev.arb.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The dictionary a {@link Mutation} draws from: values that break parsers in practice.
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public final class Tokens {
    /** Bytes that end strings, open containers, escape, or are not UTF-8. */
    public static final byte[] INTERESTING_BYTES = {
        0, 1, '"', '\\', '{', '}', '[', ']', ',', ':', '.', '-', '+', 'e', '0', '9', ' ', '\n', '@', '#', '\'',
        (byte) 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC3, (byte) 0xE2, (byte) 0xED, (byte) 0xF0,
        (byte) 0xF8, (byte) 0xFE, (byte) 0xFF
    };

    /** Huge, negative, fractional-overflow and non-finite numbers, wrong types, invalid UTF-8 and escapes. */
    public static final List<byte[]> TOKENS = List.of(
        ascii("99999999999999999999999999999999999999"),
        ascii("9223372036854775807"),
        ascii("9223372036854775808"),
        ascii("-9223372036854775808"),
        ascii("18446744073709551616"),
        ascii("\"99999999999999999999.999999999999999999\""),
        ascii("\"0.000000000000000000000000001\""),
        ascii("1e400"),
        ascii("1e999999999"),
        ascii("\"1e-999999999\""),
        ascii("-1E+999999999"),
        ascii("\"1e400\""),
        ascii("1E-400"),
        ascii("-1"),
        ascii("\"-1\""),
        ascii("-0"),
        ascii("0"),
        ascii("\"\""),
        ascii("NaN"),
        ascii("\"NaN\""),
        ascii("\"Infinity\""),
        ascii("null"),
        ascii("true"),
        ascii("false"),
        ascii("{}"),
        ascii("[]"),
        ascii("[[]]"),
        ascii("[\"1\"]"),
        ascii("{\"a\":1}"),
        ascii("\"x\""),
        ascii("\"\\u0000\""),
        ascii("\"\\ud800\""),
        ascii("\"\\"),
        ascii("\\u"),
        ascii("0x1F"),
        ascii("1.2.3"),
        ascii("00001"),
        ascii("+1"),
        ascii("1_000"),
        ascii("~"),
        ascii("!!binary"),
        ascii("&a"),
        ascii("*a"),
        ascii("\t"),
        new byte[] {(byte) 0xC3, (byte) 0x28},
        new byte[] {(byte) 0xFF, (byte) 0xFE},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xE2, (byte) 0x82},
        new byte[] {0});

    private Tokens() {
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
