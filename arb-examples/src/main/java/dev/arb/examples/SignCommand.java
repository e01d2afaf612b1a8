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
        final ParadexSignature sig = signer.signOrder(longField(node, "timestamp"), text(node, "market"), side, type,
            decimal(node, "size"), decimal(node, "price"));
        return result(sig.messageHashHex(), sig.wireString());
    }

    private static ObjectNode paradexAuth(final JsonNode node) {
        final ParadexSigner signer = paradexSigner(node);
        final ParadexSignature sig = signer.signAuth(longField(node, "timestamp"), longField(node, "expiration"));
        return result(sig.messageHashHex(), sig.wireString());
    }

    private static ParadexSigner paradexSigner(final JsonNode node) {
        final String key = hexField(node, "privateKey", 64);
        return new ParadexSigner(text(node, "chainId"), hexField(node, "account", 64), Secret.of(key));
    }

    private static ObjectNode vestOrder(final JsonNode node) {
        final VestSigner signer = VestSigner.fromPrivateKey(Secret.of(hexField(node, "privateKey", 64)));
        final VestSignature sig = signer.signOrder(longField(node, "time"), longField(node, "nonce"),
            text(node, "orderType"), text(node, "symbol"), boolField(node, "isBuy"), decimal(node, "size"),
            decimal(node, "limitPrice"), boolField(node, "reduceOnly"));
        return result(sig.hashHex(), sig.signatureHex());
    }

    private static ObjectNode vestCancel(final JsonNode node) {
        final VestSigner signer = VestSigner.fromPrivateKey(Secret.of(hexField(node, "privateKey", 64)));
        final VestSignature sig = signer.signCancel(longField(node, "time"), longField(node, "nonce"), text(node, "id"));
        return result(sig.hashHex(), sig.signatureHex());
    }

    private static ObjectNode vestRegister(final JsonNode node) {
        final VestSignature sig = VestSigner.signRegistration(Secret.of(hexField(node, "privateKey", 64)),
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
        if (!v.matches("[0-9]+(\\.[0-9]+)?")) {
            throw new SignInputException("field '" + field + "' must be a plain decimal string");
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
