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
import dev.arb.examples.SignFields.Curve;
import dev.arb.examples.SignFields.SignInputException;
import dev.arb.paradex.ParadexSignature;
import dev.arb.paradex.ParadexSigner;
import dev.arb.vest.VestSignature;
import dev.arb.vest.VestSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code arb sign}: a signature debugging tool. Reads JSON Lines on stdin, writes exactly one JSON line per
 * input line on stdout: {@code {"hash":"0x…","signature":…}}, or {@code {"error":"line N: …"}} for a line that
 * cannot be signed, a blank line or one that is not valid UTF-8 included (the tool goes on; the exit code is 1 if
 * any line failed).
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
 * Unknown extra fields are ignored. Fields are checked before signing ({@link SignFields}): sizes and prices
 * above zero (a Paradex MARKET order's price may be 0), timestamps between 2020 and 2100 in their unit, keys in
 * range of their curve, {@code 0x} or {@code 0X} hex. Private keys never appear in the output, not even in errors;
 * an echoed value is cut at 64 characters.
 *
 * <p><b>Note:</b> a command object; runs on the calling thread.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign venue messages read as JSON Lines on stdin; one JSON result line per input on stdout.")
public final class SignCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SignCommand.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();

    @Override
    public Integer call() throws IOException {
        return run(System.in, System.out);
    }

    /** Starknet field prime 2^251 + 17*2^192 + 1: a Paradex account address is below it. */
    private static final java.math.BigInteger STARK_PRIME = java.math.BigInteger.TWO.pow(251)
        .add(java.math.BigInteger.valueOf(17).shiftLeft(192)).add(java.math.BigInteger.ONE);

    /**
     * Processes every line of {@code in}.
     *
     * @param in  JSON Lines input, UTF-8
     * @param out one JSON line per input line, flushed after each
     * @return 0 if every line was signed, 1 otherwise
     * @throws IOException if reading {@code in} fails
     */
    static int run(final InputStream in, final PrintStream out) throws IOException {
        int failures = 0;
        final BufferedReader reader = new BufferedReader(new Utf8LineReader(in));
        long lineNumber = 0;
        while (true) {
            final String line;
            try {
                line = readLine(reader);
            } catch (final Utf8LineReader.InvalidUtf8Exception e) {
                lineNumber++;
                failures++;
                out.println(error(lineNumber, "not valid UTF-8 (byte " + e.column() + " of the line)"));
                continue;
            }
            if (line == null) {
                break;
            }
            lineNumber++;
            ObjectNode result;
            try {
                result = signLine(line);
            } catch (SignInputException e) {
                failures++;
                result = error(lineNumber, e.getMessage());
            } catch (RuntimeException e) {
                failures++;
                // library messages may quote their input; never echo them (they could hold a key)
                LOG.debug("line {}: signing failed ({})", lineNumber, e.getClass().getName());
                result = error(lineNumber, "signing failed (" + e.getClass().getSimpleName() + ")");
            }
            out.println(result.toString());
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    /**
     * Reads a line ended by a line feed (a carriage return before it is dropped; a lone carriage return is part of the
     * line, as for the capture readers), so that every line feed of the input gets exactly one answer.
     *
     * @return the line, or null at the end of the input (a last line without a line feed is returned)
     */
    private static String readLine(final BufferedReader reader) throws IOException {
        final StringBuilder b = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            b.append((char) c);
        }
        if (c == -1 && b.length() == 0) {
            return null;
        }
        final int n = b.length();
        return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
    }

    private static ObjectNode error(final long lineNumber, final String message) {
        return JSON.createObjectNode().put("error", "line " + lineNumber + ": " + message);
    }

    private static ObjectNode signLine(final String line) {
        if (line.isBlank()) {
            throw new SignInputException("blank line (one JSON object a line)");
        }
        final JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new SignInputException("not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new SignInputException("expected a JSON object");
        }
        final String venue = SignFields.text(node, "venue");
        final String kind = SignFields.text(node, "kind");
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
                throw new SignInputException("unsupported venue/kind: " + SignFields.echo(venue) + '/'
                    + SignFields.echo(kind) + " (paradex/order, paradex/auth, vest/order, vest/cancel, vest/register)");
        }
    }

    private static ObjectNode paradexOrder(final JsonNode node) {
        final ParadexSigner signer = paradexSigner(node);
        final Side side = SignFields.enumValue(node, "side", Side.class);
        final OrderType type = SignFields.enumValue(node, "type", OrderType.class);
        final ParadexSignature sig = signer.signOrder(SignFields.epochMs(node, "timestamp"),
            SignFields.shortString(node, "market"), side, type, SignFields.positiveDecimal(node, "size", false),
            SignFields.positiveDecimal(node, "price", type == OrderType.MARKET));
        return result(sig.messageHashHex(), sig.wireString());
    }

    private static ObjectNode paradexAuth(final JsonNode node) {
        final ParadexSigner signer = paradexSigner(node);
        final long timestamp = SignFields.epochSeconds(node, "timestamp");
        final long expiration = SignFields.epochSeconds(node, "expiration");
        if (expiration <= timestamp) {
            throw new SignInputException("field 'expiration' must be after 'timestamp' (both s since the epoch)");
        }
        final ParadexSignature sig = signer.signAuth(timestamp, expiration);
        return result(sig.messageHashHex(), sig.wireString());
    }

    private static ParadexSigner paradexSigner(final JsonNode node) {
        final String key = SignFields.privateKey(node, "privateKey", Curve.STARK);
        final String chainId = SignFields.text(node, "chainId");
        if (!chainId.startsWith("0x")) {
            SignFields.shortString(node, "chainId");
        }
        final String account = SignFields.hex(node, "account", 64);
        if (new java.math.BigInteger(account.substring(2), 16).compareTo(STARK_PRIME) >= 0) {
            // found by fuzzing: the signer's own check answered only "signing failed (IllegalArgumentException)"
            throw new SignInputException("field 'account' must be below the Stark field prime (2^251 + 17*2^192 + 1)");
        }
        try {
            return new ParadexSigner(chainId, account, Secret.of(key));
        } catch (IllegalArgumentException e) {
            // the key passed its checks above, so it is chainId or account; the library message is not echoed
            throw new SignInputException("chainId or account is not a valid Starknet value (chainId: e.g. "
                + "PRIVATE_SN_PARACLEAR_MAINNET; account: below 2^251)");
        }
    }

    private static VestSigner vestSigner(final JsonNode node) {
        return VestSigner.fromPrivateKey(Secret.of(SignFields.privateKey(node, "privateKey", Curve.SECP256K1)));
    }

    private static ObjectNode vestOrder(final JsonNode node) {
        final VestSigner signer = vestSigner(node);
        final VestSignature sig = signer.signOrder(SignFields.epochMs(node, "time"),
            SignFields.nonNegativeLong(node, "nonce"), SignFields.text(node, "orderType"),
            SignFields.text(node, "symbol"), SignFields.bool(node, "isBuy"),
            SignFields.positiveDecimal(node, "size", false), SignFields.positiveDecimal(node, "limitPrice", false),
            SignFields.bool(node, "reduceOnly"));
        return result(sig.hashHex(), sig.signatureHex());
    }

    private static ObjectNode vestCancel(final JsonNode node) {
        final VestSigner signer = vestSigner(node);
        final VestSignature sig = signer.signCancel(SignFields.epochMs(node, "time"),
            SignFields.nonNegativeLong(node, "nonce"), SignFields.text(node, "id"));
        return result(sig.hashHex(), sig.signatureHex());
    }

    private static ObjectNode vestRegister(final JsonNode node) {
        final VestSignature sig = VestSigner.signRegistration(
            Secret.of(SignFields.privateKey(node, "privateKey", Curve.SECP256K1)),
            SignFields.hex(node, "signingAddress", 40), SignFields.hex(node, "verifyingContract", 40),
            SignFields.epochMs(node, "signerExpiry"));
        return result(sig.hashHex(), sig.signatureHex());
    }

    private static ObjectNode result(final String hash, final String signature) {
        final ObjectNode out = JSON.createObjectNode();
        out.put("hash", hash);
        out.put("signature", signature);
        return out;
    }
}
