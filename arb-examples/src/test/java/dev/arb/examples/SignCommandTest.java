package dev.arb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arb.paradex.ParadexSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode vectors(final String name) throws IOException {
        try (InputStream in = SignCommandTest.class.getResourceAsStream("/vectors/" + name)) {
            return JSON.readTree(in);
        }
    }

    private record Outcome(int exitCode, List<JsonNode> lines, String raw) {
    }

    private static Outcome sign(final List<String> inputLines) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int code = SignCommand.run(
            new ByteArrayInputStream(String.join("\n", inputLines).getBytes(StandardCharsets.UTF_8)),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String raw = bytes.toString(StandardCharsets.UTF_8);
        final List<JsonNode> lines = new ArrayList<>();
        for (String line : raw.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Outcome(code, lines, raw);
    }

    @Test
    void shouldReproduceEveryVestVectorExactly() throws IOException {
        final List<String> input = new ArrayList<>();
        final List<JsonNode> expected = new ArrayList<>();
        for (JsonNode c : vectors("vest.json").get("cases")) {
            final ObjectNode line = JSON.createObjectNode().put("venue", "vest").put("kind", c.get("kind").asText());
            switch (c.get("kind").asText()) {
                case "order" -> {
                    line.put("privateKey", c.get("signingPrivateKey").asText());
                    line.setAll((ObjectNode) c.get("order"));
                    expected.add(JSON.createObjectNode().put("hash", c.get("argsHash").asText())
                        .put("signature", c.get("signature").asText()));
                }
                case "cancel" -> {
                    line.put("privateKey", c.get("signingPrivateKey").asText());
                    line.setAll((ObjectNode) c.get("cancel"));
                    expected.add(JSON.createObjectNode().put("hash", c.get("argsHash").asText())
                        .put("signature", c.get("signature").asText()));
                }
                case "register" -> {
                    line.put("privateKey", c.get("primaryPrivateKey").asText())
                        .put("signingAddress", c.get("signingAddress").asText())
                        .put("verifyingContract", c.get("verifyingContract").asText())
                        .put("signerExpiry", c.get("signerExpiry").asLong());
                    expected.add(JSON.createObjectNode().put("hash", c.get("digest").asText())
                        .put("signature", c.get("signature").asText()));
                }
                default -> throw new IllegalStateException(c.toString());
            }
            line.put("someUnknownField", 1);
            input.add(line.toString());
        }
        final Outcome out = sign(input);
        assertThat(out.exitCode()).isZero();
        assertThat(out.lines()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(out.lines().get(i).get("hash").asText()).isEqualToIgnoringCase(expected.get(i).get("hash").asText());
            assertThat(out.lines().get(i).get("signature").asText())
                .isEqualToIgnoringCase(expected.get(i).get("signature").asText());
        }
    }

    @Test
    void shouldReproduceParadexHashesAndProduceVerifyingSignatures() throws IOException {
        final JsonNode ref = vectors("paradex.json").get("reference");
        final String publicKey = ref.get("publicKey").asText();
        final List<String> input = new ArrayList<>();
        final List<String> hashes = new ArrayList<>();
        for (JsonNode c : ref.get("cases")) {
            final ObjectNode line = JSON.createObjectNode().put("venue", "paradex").put("kind", c.get("kind").asText())
                .put("chainId", c.get("chainId").asText()).put("account", ref.get("account").asText())
                .put("privateKey", ref.get("privateKey").asText());
            if (c.get("kind").asText().equals("order")) {
                final JsonNode o = c.get("order");
                line.put("timestamp", o.get("timestamp").asLong()).put("market", o.get("market").asText())
                    .put("side", o.get("side").asText()).put("type", o.get("type").asText())
                    .put("size", o.get("size").asText()).put("price", o.get("price").asText());
            } else {
                final JsonNode r = c.get("request");
                line.put("timestamp", r.get("timestamp").asLong()).put("expiration", r.get("expiration").asLong());
            }
            input.add(line.toString());
            hashes.add(c.get("messageHash").asText());
        }
        final Outcome out = sign(input);
        assertThat(out.exitCode()).isZero();
        assertThat(out.lines()).hasSize(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            final JsonNode line = out.lines().get(i);
            assertThat(new BigInteger(line.get("hash").asText().substring(2), 16))
                .isEqualTo(new BigInteger(hashes.get(i).substring(2), 16));
            final String wire = line.get("signature").asText();
            assertThat(wire).matches("\\[\"[0-9]+\",\"[0-9]+\"\\]");
            final JsonNode rs = JSON.readTree(wire);
            assertThat(ParadexSigner.verify(publicKey, line.get("hash").asText(), new BigInteger(rs.get(0).asText()),
                new BigInteger(rs.get(1).asText()))).isTrue();
        }
    }

    @Test
    void shouldReportMalformedLinesAndGoOnWithoutLeakingKeys() throws IOException {
        final String key = "0xac2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
        final String badKey = "0xZZ2a66d4181d09f9f278b2c3f59802c7c415de4f819be1c46e121c91f8bba0fb";
        final String good = "{\"venue\":\"vest\",\"kind\":\"cancel\",\"privateKey\":\"" + key
            + "\",\"time\":1762097336031,\"nonce\":1762097336031,\"id\":\"0x0\"}";
        final Outcome out = sign(List.of(
            "this is not json " + key,
            "{\"venue\":\"vest\",\"kind\":\"cancel\",\"privateKey\":\"" + badKey + "\",\"time\":1,\"nonce\":1,\"id\":\"0x0\"}",
            "{\"venue\":\"vest\",\"kind\":\"order\",\"privateKey\":\"" + key + "\"}",
            "{\"venue\":\"kraken\",\"kind\":\"order\"}",
            good));
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.lines()).hasSize(5);
        assertThat(out.lines().get(0).get("error").asText()).contains("line 1");
        assertThat(out.lines().get(1).get("error").asText()).contains("privateKey");
        assertThat(out.lines().get(2).get("error").asText()).contains("time");
        assertThat(out.lines().get(3).get("error").asText()).contains("kraken");
        assertThat(out.lines().get(4).get("hash").asText())
            .isEqualTo("0x3765d4ef822955144944bd6e5c61e59de54269cd542c2ea1a6ed28a42699cc27");
        assertThat(out.raw().toLowerCase()).doesNotContain(key.substring(2)).doesNotContain(badKey.substring(4).toLowerCase());
    }
}
