package dev.arb.api;

/**
 * Makes text that came from outside (a venue's frame or error message, a control command typed or
 * written to a file) safe for one log line: control characters, line and paragraph separators and
 * unpaired surrogates are escaped ({@code \n}, {@code \r}, {@code \t}, and a six-character hex escape
 * for any other, such as ESC U+001B), so a frame cannot forge log lines or move the terminal's cursor,
 * and the result is cut to
 * {@link #MAX_CHARS} characters with the number of characters left out.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
public final class UntrustedText {
    /** The longest text {@link #forLog} returns, before its {@code …(+N chars)} suffix. */
    public static final int MAX_CHARS = 200;

    private UntrustedText() {
    }

    /**
     * @param text text from outside, or null
     * @return {@code text} escaped and cut to {@link #MAX_CHARS} characters (plus a suffix naming how
     *     many were left out), or {@code "null"}
     */
    public static String forLog(final CharSequence text) {
        if (text == null) {
            return "null";
        }
        final StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < MAX_CHARS; i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || unpairedSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            out.append("…(+").append(text.length() - i).append(" chars)");
        }
        return out.toString();
    }

    private static boolean unpairedSurrogate(final CharSequence text, final int i) {
        final char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
