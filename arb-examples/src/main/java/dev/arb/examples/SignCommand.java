package dev.arb.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.api.OrderType;
import dev.arb.api.Secret;
import dev.arb.api.Side;
import dev.arb.paradex.ParadexSignature;
import dev.arb.paradex.ParadexSigner;
import dev.arb.vest.VestSignature;
import dev.arb.vest.VestSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code arb sign}: a signature debugging tool. Reads JSON Lines on stdin, writes one JSON line per
 * input on stdout: {@code {"hash":"0x…","signature":…}}, or {@code {"error":"…"}} for a line that
 * cannot be signed (the tool goes on; the exit code is 1 if any line failed).
 *
 * <p>Inputs ({@code venue}, {@code kind}):
 * <ul>
 *   <li>paradex order: {@code chainId, account, privateKey, timestamp (ms), market, side, type, size, price};
 *       hash = SNIP-12 revision-0 message hash, signature = the {@code ["r","s"]} string the venue receives</li>
 *   <li>paradex auth: {@code chainId, account, privateKey, timestamp (s), expiration (s)}</li>
 *   <li>vest order: {@code privateKey, time, nonce, orderType, symbol, isBuy, size, limitPrice, reduceOnly};
 *       hash = keccak256 of the ABI-encoded arguments, signature = EIP-191 {@code 0x r‖s‖v}</li>
 *   <li>vest cancel: {@code privateKey, time, nonce, id}</li>
 *   <li>vest register: {@code privateKey, signingAddress, verifyingContract, signerExpiry};
 *       hash = the EIP-712 {@code SignerProof} digest</li>
 * </ul>
 * Unknown extra fields are ignored. Private keys never appear in the output, not even in errors.
 *
 * <p><b>Note:</b> a command object; runs on the calling thread.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign venue messages read as JSON Lines on stdin; one JSON result line per input on stdout.")
public final class SignCommand implements Callable<Integer> {
    /** Largest size or price signed: a long at 8 decimals (the signers' fixed-point scale). */
    private static final java.math.BigDecimal MAX_DECIMAL = new java.math.BigDecimal("92233720368.54775807");
    /** Starknet field prime 2^251 + 17·2^192 + 1: accounts must be below it. */
    private static final BigInteger STARK_PRIME = BigInteger.TWO.pow(251).add(BigInteger.valueOf(17).shiftLeft(192))
        .add(BigInteger.ONE);
    /** Order of the Stark curve: Paradex private keys are in [1, n). */
    private static final BigInteger STARK_ORDER =
        new BigInteger("0800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", 16);
    /** Order of secp256k1: Vest private keys are in [1, n). */
    private static final BigInteger SECP256K1_ORDER =
        new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    private static final ObjectMapper JSON = JsonMapper.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();

    @Override
    public Integer call() throws IOException {
        return run(System.in, System.out);
    }

    /**
     * Processes every line of {@code in}.
     *
     * @param in  JSON Lines input
     * @param out one JSON line per non-blank input line
     * @return 0 if every line was signed, 1 otherwise
     * @throws IOException if reading {@code in} fails
     */
    static int run(final InputStream in, final PrintStream out) throws IOException {
        int failures = 0;
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            ObjectNode result;
            try {
                result = signLine(line);
            } catch (SignInputException e) {
                failures++;
                result = JSON.createObjectNode().put("error", "line " + lineNumber + ": " + e.getMessage());
            } catch (RuntimeException e) {
                failures++;
                // library messages may quote their input; never echo them (they could hold a key)
                result = JSON.createObjectNode().put("error", "line " + lineNumber + ": signing failed ("
                    + e.getClass().getSimpleName() + ")");
            }
            out.println(result.toString());
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private static ObjectNode signLine(final String line) {
        final JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new SignInputException("not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new SignInputException("expected a JSON object");
        }
        final String venue = text(node, "venue");
        final String kind = text(node, "kind");
        switch (venue + '/' + kind) {
            case "paradex/order":
                return paradexOrder(node);
            case "paradex/auth":
                return paradexAuth(node);
            case "vest/order":
                return vestOrder(node);
            case "vest/cancel":
                return vestCancel(node);
            case "vest/register":
                return vestRegister(node);
            default:
                throw new SignInputException("unsupported venue/kind: " + venue + '/' + kind);
        }
    }

    private static ObjectNode paradexOrder(final JsonNode node) {
        final ParadexSigner signer = paradexSigner(node);
        final Side side = enumField(node, "side", Side.class);
        final OrderType type = enumField(node, "type", OrderType.class);
        final ParadexSignature sig = signer.signOrder(longField(node, "timestamp"), shortString(node, "market"), side, type,
            decimal(node, "size"), decimal(node, "price"));
        return result(sig.messageHashHex(), sig.wireString());
    }

    private static ObjectNode paradexAuth(final JsonNode node) {
        final ParadexSigner signer = paradexSigner(node);
        final ParadexSignature sig = signer.signAuth(longField(node, "timestamp"), longField(node, "expiration"));
        return result(sig.messageHashHex(), sig.wireString());
    }

    private static ParadexSigner paradexSigner(final JsonNode node) {
        final String key = below(node, "privateKey", 64, STARK_ORDER, "the Stark curve order");
        return new ParadexSigner(shortString(node, "chainId"), below(node, "account", 64, STARK_PRIME,
            "the Stark field prime"), Secret.of(key));
    }

    /** A hex field whose value must be below {@code bound} (and, for a key, not 0); the value is never echoed. */
    private static String below(final JsonNode node, final String field, final int maxDigits, final BigInteger bound,
        final String boundName) {
        final String s = hexField(node, field, maxDigits);
        final BigInteger v = new BigInteger(s.substring(2), 16);
        if (v.compareTo(bound) >= 0 || field.equals("privateKey") && v.signum() == 0) {
            throw new SignInputException("field '" + field + "' must be " + (field.equals("privateKey") ? "non-zero and " : "")
                + "below " + boundName);
        }
        return s;
    }

    /** A Starknet short string: at most 31 ASCII characters (chain ids, market symbols). */
    private static String shortString(final JsonNode node, final String field) {
        final String s = text(node, field);
        if (s.length() > 31 || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new SignInputException("field '" + field + "' must be at most 31 printable ASCII characters");
        }
        return s;
    }

    private static ObjectNode vestOrder(final JsonNode node) {
        final VestSigner signer = VestSigner.fromPrivateKey(Secret.of(below(node, "privateKey", 64, SECP256K1_ORDER, "the secp256k1 order")));
        final VestSignature sig = signer.signOrder(longField(node, "time"), longField(node, "nonce"),
            text(node, "orderType"), text(node, "symbol"), boolField(node, "isBuy"), decimal(node, "size"),
            decimal(node, "limitPrice"), boolField(node, "reduceOnly"));
        return result(sig.hashHex(), sig.signatureHex());
    }

    private static ObjectNode vestCancel(final JsonNode node) {
        final VestSigner signer = VestSigner.fromPrivateKey(Secret.of(below(node, "privateKey", 64, SECP256K1_ORDER, "the secp256k1 order")));
        final VestSignature sig = signer.signCancel(longField(node, "time"), longField(node, "nonce"), text(node, "id"));
        return result(sig.hashHex(), sig.signatureHex());
    }

    private static ObjectNode vestRegister(final JsonNode node) {
        final VestSignature sig = VestSigner.signRegistration(Secret.of(below(node, "privateKey", 64, SECP256K1_ORDER, "the secp256k1 order")),
            hexField(node, "signingAddress", 40), hexField(node, "verifyingContract", 40),
            longField(node, "signerExpiry"));
        return result(sig.hashHex(), sig.signatureHex());
    }

    private static ObjectNode result(final String hash, final String signature) {
        final ObjectNode out = JSON.createObjectNode();
        out.put("hash", hash);
        out.put("signature", signature);
        return out;
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new SignInputException("missing field '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new SignInputException("field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static String decimal(final JsonNode node, final String field) {
        final String v = text(node, field);
        // bounded: a 39-digit size overflowed the signer's field element (IllegalArgumentException; found by fuzzing)
        if (!v.matches("[0-9]{1,20}(\\.[0-9]{1,18})?") || new java.math.BigDecimal(v).compareTo(MAX_DECIMAL) > 0) {
            throw new SignInputException("field '" + field + "' must be a plain decimal string of at most "
                + MAX_DECIMAL.toPlainString());
        }
        return v;
    }

    private static String hexField(final JsonNode node, final String field, final int maxDigits) {
        final JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new SignInputException("missing field '" + field + "'");
        }
        final String s = v.isTextual() ? v.asText() : "";
        if (!s.matches("0[xX][0-9a-fA-F]{1," + maxDigits + "}")) {
            // never echo the value: it may be a private key
            throw new SignInputException("field '" + field + "' must be 0x-prefixed hex of at most " + maxDigits
                + " digits");
        }
        return s;
    }

    private static long longField(final JsonNode node, final String field) {
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

    private static boolean boolField(final JsonNode node, final String field) {
        final JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new SignInputException("field '" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static <E extends Enum<E>> E enumField(final JsonNode node, final String field, final Class<E> type) {
        final String v = text(node, field);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new SignInputException("field '" + field + "' has an unsupported value '" + v + "'");
        }
    }

    /** A line the tool cannot sign; its message names the field and never holds a secret. */
    private static final class SignInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SignInputException(final String message) {
            super(message, null, false, false);
        }
    }
}
