package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code arb sign} on bad lines: exactly one answer line per input line, saying what is wrong, never the key. */
class SignInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "ac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
    private static final String CANCEL_HASH = "0x3765d4ef822955144944bd6e5c61e59de54269cd542c2ea1a6ed28a42699cc27";
    private static final String PARADEX_KEY = "0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815";
    private static final String PARADEX_ACCOUNT = "0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa";

    private static String vestCancel(final String key, final String time) {
        return "{\"venue\":\"vest\",\"kind\":\"cancel\",\"privateKey\":\"" + key + "\",\"time\":" + time
            + ",\"nonce\":1762097336031,\"id\":\"0x0\"}";
    }

    private static String paradexOrder(final String key, final String type, final String size, final String price,
        final long timestamp) {
        return "{\"venue\":\"paradex\",\"kind\":\"order\",\"chainId\":\"PRIVATE_SN_POTC_SEPOLIA\",\"account\":\""
            + PARADEX_ACCOUNT + "\",\"privateKey\":\"" + key + "\",\"timestamp\":" + timestamp
            + ",\"market\":\"BTC-USD-PERP\",\"side\":\"SELL\",\"type\":\"" + type + "\",\"size\":\"" + size
            + "\",\"price\":\"" + price + "\"}";
    }

    private static String paradexAuth(final long timestamp, final long expiration) {
        return "{\"venue\":\"paradex\",\"kind\":\"auth\",\"chainId\":\"PRIVATE_SN_POTC_SEPOLIA\",\"account\":\""
            + PARADEX_ACCOUNT + "\",\"privateKey\":\"" + PARADEX_KEY + "\",\"timestamp\":" + timestamp
            + ",\"expiration\":" + expiration + "}";
    }

    /** Runs {@code arb sign} in-process; asserts one output line per input line and no key in the output. */
    private static List<JsonNode> sign(final int expectedExit, final List<String> lines) throws Exception {
        return sign(expectedExit, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), lines.size());
    }

    private static List<JsonNode> sign(final int expectedExit, final byte[] input, final int inputLines)
        throws Exception {
        final Cli.Result r = Cli.runWithInput(input, "sign");
        assertThat(r.code()).isEqualTo(expectedExit);
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).hasSize(inputLines);
        assertThat(r.out().toLowerCase()).doesNotContain(KEY).doesNotContain(PARADEX_KEY.substring(2))
            .doesNotContain("exception");
        final List<JsonNode> out = new java.util.ArrayList<>();
        for (String l : r.outLines()) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    private static String error(final JsonNode n) {
        return n.path("error").asText();
    }

    @Test
    void shouldAnswerABlankLineWithAnErrorLine() throws Exception {
        final List<JsonNode> out = sign(1, List.of(vestCancel("0x" + KEY, "1762097336031"), "",
            vestCancel("0x" + KEY, "1762097336031"), "   "));
        assertThat(out.get(0).get("hash").asText()).isEqualTo(CANCEL_HASH);
        assertThat(error(out.get(1))).isEqualTo("line 2: blank line (one JSON object a line)");
        assertThat(out.get(2).get("hash").asText()).isEqualTo(CANCEL_HASH);
        assertThat(error(out.get(3))).startsWith("line 4: blank line");
    }

    @Test
    void shouldSayWhatIsWrongWithAKeyWithoutEchoingIt() throws Exception {
        final List<JsonNode> out = sign(1, List.of(
            vestCancel("0x" + KEY.substring(2), "1762097336031"),
            vestCancel("0x" + "0".repeat(64), "1762097336031"),
            vestCancel("0x" + "f".repeat(64), "1762097336031"),
            vestCancel("0x" + KEY.substring(0, 40), "1762097336031"),
            vestCancel(KEY, "1762097336031"),
            paradexOrder("0x" + KEY, "LIMIT", "0.1", "1500", 1_700_000_000_000L)));
        assertThat(error(out.get(0))).isEqualTo(
            "line 1: field 'privateKey' must be exactly 64 hex digits after 0x (32 bytes), got 62");
        assertThat(error(out.get(1))).isEqualTo("line 2: field 'privateKey' is zero, not a secp256k1 private key");
        assertThat(error(out.get(2))).contains("not below the secp256k1 curve order");
        assertThat(error(out.get(3))).endsWith("got 40 (an address, not a key?)");
        assertThat(error(out.get(4))).contains("must be a string starting with 0x");
        assertThat(error(out.get(5))).contains("not below the STARK curve order");
        assertThat(out).allSatisfy(n -> assertThat(error(n)).doesNotContain("signing failed"));
    }

    @Test
    void shouldTakeAnUpperCase0XPrefixLikeALowerCaseOne() throws Exception {
        final List<JsonNode> out = sign(0, List.of(vestCancel("0X" + KEY, "1762097336031"),
            vestCancel("0x" + KEY.toUpperCase(), "1762097336031"),
            "{\"venue\":\"vest\",\"kind\":\"register\",\"privateKey\":\"0X59c6995e998f97a5a0044966f0945389dc9e86dae88c7a"
                + "8412f4603b6b78690d\",\"signingAddress\":\"0X3C44CdDdB6a900fa2b585dd299e03d12FA4293BC\","
                + "\"verifyingContract\":\"0X919386306C47b2Fe1036e3B4F7C40D22D2461a23\",\"signerExpiry\":1762702136031}"));
        assertThat(out.get(0).get("hash").asText()).isEqualTo(CANCEL_HASH);
        assertThat(out.get(1).get("hash").asText()).isEqualTo(CANCEL_HASH);
        // vectors/vest.json "register, prod"
        assertThat(out.get(2).get("hash").asText())
            .isEqualTo("0xd2b6460ca4a7558a92c67737e482e8e113cbf7a0eed8ea330d6e450ee5514f7b");
    }

    @Test
    void shouldRefuseZeroOrNegativeSizesAndPrices() throws Exception {
        final long t = 1_700_000_000_000L;
        final List<JsonNode> out = sign(1, List.of(
            paradexOrder(PARADEX_KEY, "LIMIT", "0", "1500", t),
            paradexOrder(PARADEX_KEY, "LIMIT", "-0.1", "1500", t),
            paradexOrder(PARADEX_KEY, "LIMIT", "0.1", "0", t),
            paradexOrder(PARADEX_KEY, "LIMIT", "0.1", "-1500", t),
            paradexOrder(PARADEX_KEY, "MARKET", "0.001", "0", t),
            "{\"venue\":\"vest\",\"kind\":\"order\",\"privateKey\":\"0x" + KEY + "\",\"time\":1762097336031,"
                + "\"nonce\":1,\"orderType\":\"LIMIT\",\"symbol\":\"BTC-PERP\",\"isBuy\":true,\"size\":\"1.0000\","
                + "\"limitPrice\":\"0.00\",\"reduceOnly\":false}"));
        assertThat(error(out.get(0))).isEqualTo("line 1: field 'size' must be > 0, got '0'");
        assertThat(error(out.get(1))).isEqualTo("line 2: field 'size' must be > 0, got '-0.1'");
        assertThat(error(out.get(2))).isEqualTo("line 3: field 'price' must be > 0, got '0'");
        assertThat(error(out.get(3))).isEqualTo("line 4: field 'price' must be > 0, got '-1500'");
        // a MARKET order signs price 0 (vectors/paradex.json "market sell, testnet")
        assertThat(out.get(4).get("hash").asText()).isEqualTo(
            "0x38ba0da77d4b0220af88a5404a4e5daa9daefcab0e397f0cfb87ebad182bb4f");
        assertThat(error(out.get(5))).isEqualTo("line 6: field 'limitPrice' must be > 0, got '0.00'");
    }

    @Test
    void shouldRefuseAbsurdTimestampsSayingWhichUnitWasMeant() throws Exception {
        final List<JsonNode> out = sign(1, List.of(
            vestCancel("0x" + KEY, "1"),
            vestCancel("0x" + KEY, "1762097336"),
            vestCancel("0x" + KEY, "9999999999999999"),
            paradexAuth(1_706_868_900_000L, 1_706_955_300_000L),
            paradexAuth(1_706_955_300L, 1_706_868_900L)));
        assertThat(error(out.get(0))).startsWith("line 1: field 'time' must be ms since the epoch between 2020 and 2100");
        assertThat(error(out.get(1))).endsWith("got 1762097336 (seconds? multiply by 1000)");
        assertThat(error(out.get(2))).contains("field 'time' must be ms since the epoch");
        assertThat(error(out.get(3))).contains("field 'timestamp' must be s since the epoch")
            .endsWith("(milliseconds? divide by 1000)");
        assertThat(error(out.get(4))).isEqualTo("line 5: field 'expiration' must be after 'timestamp' (both s since "
            + "the epoch)");
    }

    @Test
    void shouldEchoAtMost64CharactersOfAnUnknownVenueOrKind() throws Exception {
        final String venue = "v".repeat(10_000);
        final List<JsonNode> out = sign(1, List.of("{\"venue\":\"" + venue + "\",\"kind\":\"order\"}",
            paradexOrder(PARADEX_KEY, "L".repeat(500), "0.1", "1", 1_700_000_000_000L)));
        assertThat(error(out.get(0))).startsWith("line 1: unsupported venue/kind: " + "v".repeat(64) + "…/order")
            .hasSizeLessThan(200);
        assertThat(error(out.get(1))).contains("'" + "L".repeat(64) + "…'").hasSizeLessThan(250);
    }

    @Test
    void shouldAnswerALineThatIsNotUtf8AndGoOn() throws Exception {
        final ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}', '\n'});
        in.write((vestCancel("0x" + KEY, "1762097336031") + "\n").getBytes(StandardCharsets.UTF_8));
        final List<JsonNode> out = sign(1, in.toByteArray(), 2);
        assertThat(error(out.get(0))).isEqualTo("line 1: not valid UTF-8 (byte 3 of the line)");
        assertThat(out.get(1).get("hash").asText()).isEqualTo(CANCEL_HASH);
    }
}
