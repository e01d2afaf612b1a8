package dev.arb.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path's two payload decoders, {@link Base64Quads} and {@link JsonStringBody}, on their own. */
class PayloadDecodersTest {
    @Test
    void base64DecodesWhatTheJdkEncodesWithAndWithoutPadding() {
        final Random random = new Random(11);
        for (int len = 0; len < 64; len++) {
            final byte[] bytes = new byte[len];
            random.nextBytes(bytes);
            for (final Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(),
                Base64.getEncoder().withoutPadding()}) {
                final byte[] text = ("x" + encoder.encodeToString(bytes)).getBytes(StandardCharsets.US_ASCII);
                final int digits = Base64Quads.digits(text, 1, text.length);
                assertThat(digits).as("length %d", len).isNotNegative();
                final byte[] out = new byte[digits / 4 * 3 + 4];
                final int n = Base64Quads.decode(text, 1, digits, out);
                assertThat(Arrays.copyOf(out, n)).as("length %d", len).isEqualTo(bytes);
            }
        }
    }

    @Test
    void base64RefusesShapesAndCharactersNoEncoderWrites() {
        assertThat(Base64Quads.digits(ascii("AAAAA"), 0, 5)).isNegative();
        assertThat(Base64Quads.digits(ascii("AA="), 0, 3)).isNegative();
        final byte[] star = ascii("A*==");
        final int digits = Base64Quads.digits(star, 0, star.length);
        assertThat(digits).isEqualTo(2);
        assertThat(Base64Quads.decode(star, 0, digits, new byte[8])).isNegative();
        final byte[] space = ascii("AA AA");
        assertThat(Base64Quads.decode(space, 0, 4, new byte[8])).isNegative();
    }

    @Test
    void jsonBodyUnescapesTheShortAndFourDigitEscapes() {
        final byte[] body = ascii("a\\\"\\\\\\/\\n\\t\\r\\b\\f\\u0041\\u00e9\\u20AC");
        final byte[] out = new byte[body.length];
        final int n = JsonStringBody.unescape(body, 0, body.length, out);
        assertThat(new String(out, 0, n, StandardCharsets.UTF_8)).isEqualTo("a\"\\/\n\t\r\b\fA\u00e9\u20ac");
    }

    @Test
    void jsonBodyRefusesWhatItLeavesToJackson() {
        for (final String bad : new String[] {"a\"b", "a\\", "\\q", "\\u12", "\\uD83D\\uDE00", "\\u00g0", "tab\there"}) {
            final byte[] body = ascii(bad);
            assertThat(JsonStringBody.unescape(body, 0, body.length, new byte[body.length])).as(bad).isNegative();
        }
        final byte[] nonAscii = "\u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonStringBody.unescape(nonAscii, 0, nonAscii.length, new byte[2])).isNegative();
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
