package dev.arb.vest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigInteger;

/**
 * One field of a streamed JSON object, kept as what {@link JsonNode} would have answered for it, without a tree: its
 * kind (missing, null, string, integer, float, boolean, object, array) and its {@link JsonNode#asText()} form as
 * reused char data. The readers mirror {@code JsonNode}'s lenient ones exactly ({@code asText(default)},
 * {@code asLong(default)}, {@code hasNonNull}); {@link #toNode} rebuilds the equivalent node when an old tree-based
 * API needs one. Strings and integers (the fields Vest sends) are copied without allocating; a float's text is
 * {@link Double#toString(double)} of its value, as {@code DoubleNode} gives it (allocates; Vest sends decimals as
 * strings).
 *
 * <p><b>Note:</b> not thread-safe; mutable and reused, owned by one parser on one thread.
 */
public final class VestJsonValue implements CharSequence {
    /** What the field held. */
    public enum Kind {
        /** Absent from the object. */
        MISSING,
        /** JSON {@code null}. */
        NULL,
        /** A string. */
        STRING,
        /** An integer (any length). */
        INT,
        /** A number with a fraction or exponent, read as a {@code double}. */
        FLOAT,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** An object (its content is skipped). */
        OBJECT,
        /** An array (its content is skipped). */
        ARRAY
    }

    private Kind kind = Kind.MISSING;
    private char[] text = new char[64];
    private int length;
    private long longValue;
    private boolean bigInteger;
    private double doubleValue;

    /** Forgets the value: {@link Kind#MISSING}. */
    void clear() {
        kind = Kind.MISSING;
        length = 0;
    }

    /**
     * Reads the value at the parser's current token; an object or array is skipped ({@code skipChildren}).
     *
     * @param p the parser, positioned on the value's first token
     * @param t that token
     * @throws IOException if the JSON is malformed
     */
    void read(final JsonParser p, final JsonToken t) throws IOException {
        length = 0;
        bigInteger = false;
        switch (t) {
            case VALUE_STRING -> {
                kind = Kind.STRING;
                copy(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
            case VALUE_NUMBER_INT -> {
                kind = Kind.INT;
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    bigInteger = true;
                    longValue = p.getBigIntegerValue().longValue();
                    copy(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                } else {
                    longValue = p.getLongValue();
                    if (longValue == 0) {
                        append('0'); // "-0" reads as 0
                    } else {
                        copy(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    }
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                kind = Kind.FLOAT;
                doubleValue = p.getDoubleValue();
                longValue = (long) doubleValue;
                final String s = Double.toString(doubleValue);
                s.getChars(0, s.length(), ensure(s.length()), 0);
                length = s.length();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                kind = Kind.BOOLEAN;
                longValue = t == JsonToken.VALUE_TRUE ? 1 : 0;
                final String s = t == JsonToken.VALUE_TRUE ? "true" : "false";
                s.getChars(0, s.length(), ensure(s.length()), 0);
                length = s.length();
            }
            case VALUE_NULL -> kind = Kind.NULL;
            case START_OBJECT -> {
                kind = Kind.OBJECT;
                skip(p, t);
            }
            case START_ARRAY -> {
                kind = Kind.ARRAY;
                skip(p, t);
            }
            default -> throw new IOException("unexpected token " + t);
        }
    }

    /**
     * Skips a value the adapter does not read, like {@code skipChildren} but decoding every string on the way (in the
     * parser's own buffer, no allocation): a tree decodes them all, so a string that is not valid UTF-8 or has a bad
     * escape must fail the frame here too.
     *
     * @param p the parser, positioned on the value's first token
     * @param t that token
     * @throws IOException if the JSON is malformed
     */
    static void skip(final JsonParser p, final JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            p.getTextLength();
            return;
        }
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            final JsonToken n = next(p);
            if (n.isStructStart()) {
                depth++;
            } else if (n.isStructEnd()) {
                depth--;
            } else if (n == JsonToken.VALUE_STRING) {
                p.getTextLength();
            }
        }
    }

    /**
     * @param p a parser, blocking or fed one whole frame
     * @return its next token
     * @throws IOException if the JSON is malformed or the frame ends inside its root value
     */
    static JsonToken next(final JsonParser p) throws IOException {
        final JsonToken t = p.nextToken();
        if (t == null || t == JsonToken.NOT_AVAILABLE) {
            throw new IOException("end of frame inside a value");
        }
        return t;
    }

    /** @return what the field held */
    public Kind kind() {
        return kind;
    }

    /** @return {@code JsonNode.hasNonNull}: present and not JSON {@code null} */
    public boolean isNonNull() {
        return kind != Kind.MISSING && kind != Kind.NULL;
    }

    /** @return the characters of the {@code asText()} form (valid up to {@link #length()} until the next read) */
    public char[] textChars() {
        return text;
    }

    /** @return number of characters of the {@code asText()} form */
    @Override
    public int length() {
        return length;
    }

    /**
     * @param index a character index below {@link #length()}
     * @return that character of the {@code asText()} form
     */
    @Override
    public char charAt(final int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return text[index];
    }

    /**
     * @param start first index
     * @param end   index after the last
     * @return a copy of that part of the {@code asText()} form
     */
    @Override
    public CharSequence subSequence(final int start, final int end) {
        return new String(text, start, end - start);
    }

    /** @return the {@code asText()} form as a new string */
    @Override
    public String toString() {
        return asText();
    }

    /**
     * @param expected text to compare with
     * @return whether the {@code asText()} form equals {@code expected} (no allocation); never for missing or null
     */
    public boolean textEquals(final String expected) {
        if (!isNonNull() || expected.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text[i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param defaultValue returned when missing or null
     * @return {@code JsonNode.path(name).asText(defaultValue)} (allocates the string)
     */
    public String asText(final String defaultValue) {
        return isNonNull() ? new String(text, 0, length) : defaultValue;
    }

    /** @return {@code JsonNode.path(name).asText()}: {@code ""} when missing, {@code "null"} when null */
    public String asText() {
        return kind == Kind.MISSING ? "" : kind == Kind.NULL ? "null" : new String(text, 0, length);
    }

    /**
     * @param defaultValue returned when missing, null, a container or a string that is not a number
     * @return {@code JsonNode.path(name).asLong(defaultValue)} (a string is parsed leniently as Jackson does)
     */
    public long asLong(final long defaultValue) {
        return switch (kind) {
            case INT, FLOAT, BOOLEAN -> longValue;
            case STRING -> NumberInput.parseAsLong(new String(text, 0, length), defaultValue);
            default -> defaultValue;
        };
    }

    /**
     * @param nodes the node factory
     * @return the node {@code ObjectMapper.readTree} would have built (an object or array as an empty one), or null
     *     when missing
     */
    public JsonNode toNode(final JsonNodeFactory nodes) {
        return switch (kind) {
            case MISSING -> null;
            case NULL -> nodes.nullNode();
            case STRING -> nodes.textNode(new String(text, 0, length));
            case INT -> bigInteger ? nodes.numberNode(new BigInteger(new String(text, 0, length)))
                : nodes.numberNode(longValue);
            case FLOAT -> nodes.numberNode(doubleValue);
            case BOOLEAN -> nodes.booleanNode(longValue == 1);
            case OBJECT -> nodes.objectNode();
            case ARRAY -> nodes.arrayNode();
        };
    }

    private void copy(final char[] source, final int offset, final int count) {
        System.arraycopy(source, offset, ensure(count), 0, count);
        length = count;
    }

    private void append(final char c) {
        ensure(length + 1)[length++] = c;
    }

    private char[] ensure(final int capacity) {
        if (text.length < capacity) {
            text = java.util.Arrays.copyOf(text, Math.max(capacity, text.length * 2));
        }
        return text;
    }
}
