package dev.arb.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {
    @Test
    void shouldEscapeLineBreaksAndTerminalControlsSoAFrameCannotForgeALogLine() {
        final String forged = "bad\r\n12:00:00 INFO fake line\u001b[2J\u0000\u2028end";
        final String safe = UntrustedText.forLog(forged);
        assertThat(safe).doesNotContain("\n", "\r", "\u001b", "\u0000", "\u2028")
            .isEqualTo("bad\\r\\n12:00:00 INFO fake line\\u001b[2J\\u0000\\u2028end");
    }

    @Test
    void shouldCutLongTextAndSayHowMuchWasLeftOut() {
        final String safe = UntrustedText.forLog("x".repeat(5000));
        assertThat(safe).startsWith("x".repeat(UntrustedText.MAX_CHARS)).endsWith("…(+4800 chars)");
        assertThat(safe.length()).isLessThan(UntrustedText.MAX_CHARS + 20);
    }

    @Test
    void shouldKeepPrintableTextAndPairedSurrogatesAsTheyAre() {
        assertThat(UntrustedText.forLog("BTC-PERP 0.0100 ✓ \uD83D\uDE00")).isEqualTo("BTC-PERP 0.0100 ✓ \uD83D\uDE00");
        assertThat(UntrustedText.forLog("a\uD83Db")).isEqualTo("a\\ud83db");
        assertThat(UntrustedText.forLog(null)).isEqualTo("null");
    }
}
