package dev.arb.paradex;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * One field of a streamed private push, kept as what {@code OrderResponses.text(node, field)} answers for it on a
 * {@code readTree} tree, without the tree: missing or JSON {@code null} (no text), else the {@link JsonNode#asText()}
 * form in reused chars: a string's value, an integer's decimal digits, a float's {@link Double#toString(double)} (as
 * {@code DoubleNode} gives it; allocates, Paradex sends decimals as strings), {@code true}/{@code false}, and
 * {@code ""} for an object or array (skipped).
 *
 * <p><b>Note:</b> not thread-safe; mutable and reused, owned by one {@link PrivatePushParser} on the event loop.
 */
final class PushField implements CharSequence {
    private boolean present;
    private char[] text = new char[64];
    private int length;
    /** The value of a JSON integer that fits a long ({@link #isLong}). */
    private long longValue;
    private boolean isLong;

    /** Forgets the value: missing. */
    void clear() {
        present = false;
        isLong = false;
        length = 0;
    }

    /**
     * Reads the value at the parser's current token; an object or array is skipped.
     *
     * @param p the parser, positioned on the value's first token
     * @param t that token
     * @throws IOException if the JSON is malformed
     */
    void read(final JsonParser p, final JsonToken t) throws IOException {
        present = true;
        isLong = false;
        length = 0;
        switch (t) {
            case VALUE_STRING -> copy(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    copy(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                } else {
                    isLong = true;
                    longValue = p.getLongValue();
                    if (longValue == 0) {
                        ensure(1)[0] = '0'; // "-0" reads as 0
                        length = 1;
                    } else {
                        copy(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                }
            }
            // from the token's text, as readTree's blocking parser parses it: jackson-core 2.18.2's fed parser answers
            // getDoubleValue() with the value of an earlier BIG_INTEGER token whose value was never read
            case VALUE_NUMBER_FLOAT -> copy(Double.toString(Double.parseDouble(
                new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()))));
            case VALUE_TRUE -> copy("true");
            case VALUE_FALSE -> copy("false");
            case VALUE_NULL -> present = false;
            case START_OBJECT, START_ARRAY -> skip(p, t);
            default -> throw new IOException("unexpected token " + t);
        }
    }

    /**
     * Skips a value, decoding every string on the way (in the parser's buffer): a tree decodes them all, so a string
     * with a bad escape or bad UTF-8 must fail the frame here too.
     *
     * @param p the parser, positioned on the value's first token
     * @param t that token
     * @throws IOException if the JSON is malformed
     */
    static void skip(final JsonParser p, final JsonToken t) throws IOException {
        int depth = 0;
        for (JsonToken n = t;; n = next(p)) {
            if (n == JsonToken.VALUE_STRING) {
                p.getTextLength();
            } else if (n.isStructStart()) {
                depth++;
            } else if (n.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
        }
    }

    /**
     * @param p a parser fed one whole frame
     * @return its next token
     * @throws IOException if the JSON is malformed or the frame ends inside its root value
     */
    static JsonToken next(final JsonParser p) throws IOException {
        final JsonToken t = p.nextToken();
        if (t != null && t != JsonToken.NOT_AVAILABLE) {
            return t;
        }
        throw new IOException("end of frame inside a value");
    }

    /** @return {@code true} when present and not JSON {@code null}: {@code OrderResponses.text} is not null */
    boolean hasText() {
        return present;
    }

    /** @return {@code true} when {@code OrderResponses.text} is null or {@code ""} */
    boolean isNullOrEmpty() {
        return !present || length == 0;
    }

    /** @return {@code true} when the value is a JSON integer that fits a long ({@link #longValue()} holds it) */
    boolean isLong() {
        return isLong;
    }

    /** @return the value of a JSON integer that fits a long */
    long longValue() {
        return longValue;
    }

    /** @return the text as a new string, or null when missing or JSON {@code null} */
    String textOrNull() {
        return present ? new String(text, 0, length) : null;
    }

    /** @return the chars of the text, valid up to {@link #length()} until the next read */
    char[] textChars() {
        return text;
    }

    /**
     * @param expected text to compare with
     * @return whether the text equals {@code expected}; never when missing or null (no allocation)
     */
    boolean textEquals(final String expected) {
        return present && expected.length() == length && startsWith(expected);
    }

    /**
     * @param prefix text to compare with
     * @return whether the text starts with {@code prefix}; never when missing or null (no allocation)
     */
    boolean startsWith(final String prefix) {
        int i = 0;
        while (present && i < prefix.length() && i < length && text[i] == prefix.charAt(i)) {
            i++;
        }
        return present && i == prefix.length();
    }

    /** @return number of characters of the text */
    @Override
    public int length() {
        return length;
    }

    /** @return the character at {@code index} (below {@link #length()}) */
    @Override
    public char charAt(final int index) {
        return text[java.util.Objects.checkIndex(index, length)];
    }

    /** @return a copy of that part of the text */
    @Override
    public CharSequence subSequence(final int start, final int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(text, 0, length);
    }

    private void copy(final String s) {
        s.getChars(0, s.length(), ensure(s.length()), 0);
        length = s.length();
    }

    private void copy(final char[] source, final int offset, final int count) {
        System.arraycopy(source, offset, ensure(count), 0, count);
        length = count;
    }

    private char[] ensure(final int capacity) {
        if (text.length < capacity) {
            text = Arrays.copyOf(text, Math.max(capacity, text.length * 2));
        }
        return text;
    }
}
