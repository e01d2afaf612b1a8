package dev.arb.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Reads and checks the fields of one {@code arb sign} input line, so that a bad line gets an answer naming the
 * field and what is wrong with it before any signer sees it: text, positive decimals, {@code 0x} hex (a
 * {@code 0X} prefix is taken and written as {@code 0x}), private keys checked against their curve's order (the
 * message says what is wrong, never the key), and timestamps within 2020..2100.
 *
 * <p><b>Note:</b> stateless, thread-safe.
 */
final class SignFields {
    /** Largest size or price signed, a long at 8 decimals (the signers' fixed-point scale). */
    static final BigDecimal MAX_DECIMAL = new BigDecimal("92233720368.54775807");

    /** Longest part of an input value echoed in an answer, characters. */
    static final int MAX_ECHO = 64;
    /** A run of hex digits long enough to be (part of) a key: never echoed ({@link #echo}). */
    private static final java.util.regex.Pattern HEX_RUN = java.util.regex.Pattern.compile("(0[xX])?[0-9a-fA-F]{16,}");
    /** 2020-01-01T00:00:00Z, ms since the epoch. */
    static final long MIN_MS = 1_577_836_800_000L;
    /** 2100-01-01T00:00:00Z, ms since the epoch. */
    static final long MAX_MS = 4_102_444_800_000L;

    /** secp256k1's group order n (Vest keys: 1..n-1). */
    private static final BigInteger SECP256K1_N =
        new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    /** The STARK curve's order n (Paradex keys: 1..n-1). */
    private static final BigInteger STARK_N =
        new BigInteger("3618502788666131213697322783095070105526743751716087489154079457884512865583");

    /** The curve a private key belongs to. */
    enum Curve {
        /** Vest (Ethereum) keys: exactly 64 hex digits. */
        SECP256K1("secp256k1", SECP256K1_N, true),
        /** Paradex (Starknet) keys: at most 64 hex digits. */
        STARK("STARK", STARK_N, false);

        private final String label;
        private final BigInteger order;
        private final boolean fullLength;

        Curve(final String label, final BigInteger order, final boolean fullLength) {
            this.label = label;
            this.order = order;
            this.fullLength = fullLength;
        }
    }

    private SignFields() {
    }

    /**
     * @return the non-empty string value of {@code field}
     * @throws SignInputException if missing, not a string or empty
     */
    static String text(final JsonNode node, final String field) {
        final JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new SignInputException("missing field '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new SignInputException("field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    /**
     * @return the string value of {@code field}, which names a Cairo short string: 1..31 printable ASCII characters
     * @throws SignInputException if not
     */
    static String shortString(final JsonNode node, final String field) {
        final String v = text(node, field);
        if (v.length() > 31 || !v.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new SignInputException("field '" + field + "' must be at most 31 ASCII characters, e.g. "
                + "BTC-USD-PERP");
        }
        return v;
    }

    /**
     * @param zeroAllowed true where {@code "0"} means "none" (the price of a Paradex MARKET order)
     * @return the decimal text as given (signers sign the exact text)
     * @throws SignInputException if not a plain decimal, or not above zero (or below zero when zero is allowed)
     */
    static String positiveDecimal(final JsonNode node, final String field, final boolean zeroAllowed) {
        final JsonNode raw = node.get(field);
        if (raw != null && raw.isNumber()) {
            throw new SignInputException("field '" + field + "' must be a decimal string such as \"0.01\" (exact "
                + "text is signed), not a JSON number");
        }
        final String v = text(node, field);
        if (!v.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
            throw new SignInputException("field '" + field + "' must be a plain decimal string such as \"0.01\", got '"
                + echo(v) + "'");
        }
        final BigDecimal d = new BigDecimal(v);
        final int sign = d.signum();
        if (sign < 0 || sign == 0 && !zeroAllowed || v.startsWith("+")) {
            throw new SignInputException("field '" + field + "' must be " + (zeroAllowed ? ">= 0" : "> 0") + ", got '"
                + echo(v) + "'");
        }
        // bounded: a 39-digit size overflowed the signers' fixed-point field (found by fuzzing)
        if (d.compareTo(MAX_DECIMAL) > 0 || d.scale() > 18) {
            throw new SignInputException("field '" + field + "' must be at most " + MAX_DECIMAL.toPlainString()
                + " with at most 18 decimals, got '" + echo(v) + "'");
        }
        return v;
    }

    /**
     * @param maxDigits most hex digits after the prefix
     * @return {@code 0x} and the digits as given (a {@code 0X} prefix becomes {@code 0x})
     * @throws SignInputException if missing or not {@code 0x}-prefixed hex of 1..maxDigits digits (never echoes)
     */
    static String hex(final JsonNode node, final String field, final int maxDigits) {
        final JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new SignInputException("missing field '" + field + "'");
        }
        final String s = v.isTextual() ? v.asText().trim() : "";
        if (!s.matches("0[xX][0-9a-fA-F]{1," + maxDigits + "}")) {
            // never echo the value: it may be a private key
            throw new SignInputException("field '" + field + "' must be 0x-prefixed hex of at most " + maxDigits
                + " digits");
        }
        return "0x" + s.substring(2);
    }

    /**
     * @return the key as {@code 0x} hex, in 1..n-1 of the curve
     * @throws SignInputException saying what is wrong (length, zero, not below n), never the key itself
     */
    static String privateKey(final JsonNode node, final String field, final Curve curve) {
        final JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new SignInputException("missing field '" + field + "'");
        }
        final String s = v.isTextual() ? v.asText().trim() : "";
        final String digits = s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')
            ? s.substring(2) : null;
        if (digits == null) {
            throw new SignInputException("field '" + field + "' must be a string starting with 0x (a " + curve.label
                + " private key in hex)");
        }
        if (!digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new SignInputException("field '" + field + "' has a character that is not a hex digit");
        }
        if (digits.isEmpty() || digits.length() > 64 || curve.fullLength && digits.length() != 64) {
            throw new SignInputException("field '" + field + "' must be " + (curve.fullLength ? "exactly" : "at most")
                + " 64 hex digits after 0x (32 bytes), got " + digits.length()
                + (digits.length() == 40 ? " (an address, not a key?)" : ""));
        }
        final BigInteger k = new BigInteger(digits, 16);
        if (k.signum() == 0) {
            throw new SignInputException("field '" + field + "' is zero, not a " + curve.label + " private key");
        }
        if (k.compareTo(curve.order) >= 0) {
            throw new SignInputException("field '" + field + "' is not below the " + curve.label + " curve order, not a "
                + curve.label + " private key" + (curve == Curve.STARK ? " (an Ethereum key? Paradex signs with the "
                + "STARK key derived from it)" : ""));
        }
        return "0x" + digits.toLowerCase(Locale.ROOT);
    }

    /**
     * @return the value, a non-negative integer (a JSON integer or a string of digits)
     * @throws SignInputException if missing or not
     */
    static long nonNegativeLong(final JsonNode node, final String field) {
        final JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new SignInputException("missing field '" + field + "'");
        }
        if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().matches("[0-9]{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw new SignInputException("field '" + field + "' must be a non-negative integer");
    }

    /**
     * @return a timestamp in ms since the epoch, between 2020 and 2100
     * @throws SignInputException if not (says when it looks like seconds)
     */
    static long epochMs(final JsonNode node, final String field) {
        final long v = nonNegativeLong(node, field);
        if (v < MIN_MS || v > MAX_MS) {
            throw new SignInputException("field '" + field + "' must be ms since the epoch between 2020 and 2100 ("
                + MIN_MS + ".." + MAX_MS + "), got " + v + (v >= MIN_MS / 1000 && v <= MAX_MS / 1000
                ? " (seconds? multiply by 1000)" : ""));
        }
        return v;
    }

    /**
     * @return a timestamp in s since the epoch, between 2020 and 2100
     * @throws SignInputException if not (says when it looks like milliseconds)
     */
    static long epochSeconds(final JsonNode node, final String field) {
        final long v = nonNegativeLong(node, field);
        if (v < MIN_MS / 1000 || v > MAX_MS / 1000) {
            throw new SignInputException("field '" + field + "' must be s since the epoch between 2020 and 2100 ("
                + MIN_MS / 1000 + ".." + MAX_MS / 1000 + "), got " + v + (v >= MIN_MS && v <= MAX_MS
                ? " (milliseconds? divide by 1000)" : ""));
        }
        return v;
    }

    /**
     * @return the boolean value
     * @throws SignInputException if missing or not a JSON boolean
     */
    static boolean bool(final JsonNode node, final String field) {
        final JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new SignInputException("field '" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    /**
     * @return the constant named by the field
     * @throws SignInputException if not one (echoes at most {@link #MAX_ECHO} characters)
     */
    static <E extends Enum<E>> E enumValue(final JsonNode node, final String field, final Class<E> type) {
        final String v = text(node, field);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new SignInputException("field '" + field + "' has an unsupported value '" + echo(v) + "' (one of "
                + java.util.Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    /**
     * What an error may quote of a field's value: runs of 16 or more hex digits are replaced by
     * {@code <hex not shown>} (a value may hold a private key, or a piece of one pasted into the wrong field;
     * fuzzing found a key copied into {@code kind} echoed back), then cut to {@link #MAX_ECHO} characters with
     * an ellipsis and control characters escaped ({@link dev.arb.api.UntrustedText}; the answer is one line).
     *
     * @param s the value
     * @return the text to quote
     */
    static String echo(final String s) {
        final String shown = HEX_RUN.matcher(s).replaceAll("<hex not shown>");
        return dev.arb.api.UntrustedText.forLog(shown.length() <= MAX_ECHO ? shown : shown.substring(0, MAX_ECHO) + "…");
    }

    /**
     * A line the tool cannot sign; its message names the field and never holds a secret.
     *
     * <p><b>Note:</b> immutable, thread-safe.
     */
    static final class SignInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SignInputException(final String message) {
            super(message, null, false, false);
        }
    }
}
