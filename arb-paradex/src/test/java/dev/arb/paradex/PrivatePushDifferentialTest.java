package dev.arb.paradex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arb.api.fuzz.FuzzSeeds;
import dev.arb.api.fuzz.Mutations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The streaming read of the private {@code orders} and {@code fills} pushes ({@link PrivatePushParser} →
 * {@link PrivatePushReader}) against the tree path it short-cuts ({@code readTree}, {@link ParadexControlFrames},
 * {@code ParadexAccountStream.onPush}, {@code OrderResponses.toUpdate}, {@code RestDecoders.fill}), both through the
 * whole JSON dispatch ({@link PrivatePushPipeline}: SBE mode and JSON book mode): for every frame the same
 * {@code OrderUpdate}s and {@code Fill}s field by field, the same counted errors (unreadable pushes and listener
 * exceptions in {@code privateMessageError}, control errors, malformed frames, error replies) and the same account
 * state. Inputs: real-format frames (recorded shapes, every {@code OrderResp} and fill field), byte-level mutations of
 * them, and generated pushes with every kept field in every JSON kind, escapes, nesting, repeated names, other
 * envelopes.
 */
class PrivatePushDifferentialTest {
    private static final List<String> NAMES = List.of("private/ws-orders-closed-filled.json",
        "private/ws-orders-new.json", "private/ws-orders-open-partial.json", "private/ws-orders-closed-ioc-canceled.json",
        "private/ws-orders-closed-rejected.json", "private/ws-fills-taker.json", "fuzz/ws-orders.json",
        "fuzz/ws-fills.json", "fuzz/ws-positions.json", "fuzz/ws-account.json", "fuzz/ws-summary.json",
        "fuzz/ws-rpc-reply.json", "ws-error.json", "ws-subscribe-ack.json");
    private static final List<String> EXTRA = List.of(
        "{\"jsonrpc\":\"2.0\",\"params\":{\"data\":{\"status\":\"NEW\",\"side\":\"SELL\",\"size\":\"1\",\"market\":\"BTC-USD-PERP\"},"
            + "\"channel\":\"orders.ALL\"},\"method\":\"subscription\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"id\":4,\"params\":{\"channel\":\"orders.ALL\",\"data\":{\"status\":"
            + "\"NEW\",\"side\":\"SELL\",\"size\":\"1\",\"market\":\"BTC-USD-PERP\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"error\":{\"code\":1},\"params\":{\"channel\":\"fills.ALL\",\"data\":{}}}",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"fills.ALL\",\"data\":{\"side\":\"BUY\",\"market\":\"ETH-USD-PERP\","
            + "\"client_id\":\"boom\",\"fee\":\"-0.01\",\"liquidity\":\"MAKER\"}}}",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"orders.ALL\",\"data\":{\"status\":\"OPEN\",\"side\":\"BUY\","
            + "\"size\":\"2\",\"market\":\"BTC-USD-PERP\",\"client_id\":\"boom\"}}}",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"orders.ALL\",\"data\":\"x\"}}",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"orders.ALL\"}}",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"orders.ALL\",\"data\":{\"status\":\"NEW\",\"side\":\"BUY\"}},"
            + "\"params\":{\"channel\":\"positions\",\"data\":{}}}",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"fills.ALL\",\"data\":{\"side\":\"BUY\"},\"data\":{\"side\":"
            + "\"SELL\",\"market\":\"M\"}}} trailing",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"fills.ALL\",\"data\":{\"side\":\"BUY\",\"market\":\"M\"",
        " {\"method\" : \"subscription\", \"params\" : {\"channel\" : \"orders.ALL\", \"data\" : {\"status\":\"NEW\"}}}\n",
        "{\"method\":\"subscription\",\"params\":{\"channel\":\"\\u006frders.ALL\",\"data\":{\"status\":\"NEW\",\"side\":"
            + "\"BUY\",\"market\":\"BTC-USD-PERP\"}}}",
        "[\"channel\":\"orders.ALL\"]", "\"channel\":\"fills\"", "");

    private static final PrivatePushPipeline TREE = new PrivatePushPipeline(false);
    private static final PrivatePushPipeline STREAMING = new PrivatePushPipeline(true);

    @Example
    void shouldStreamTheRealFormatPushesAndAgreeWithTheTreeOnEverySeed() {
        final long before = STREAMING.account.streamedPushes();
        for (final byte[] frame : seeds()) {
            compare(frame);
        }
        // the six real-format pushes, the two fuzz seeds of orders and fills, and the generated ones that must stream,
        // each in both modes: the streaming path is taken, not declined
        assertThat(STREAMING.account.streamedPushes() - before).isGreaterThanOrEqualTo(2 * 11);
        assertThat(TREE.account.streamedPushes()).isZero();
    }

    @Property(tries = 10_000)
    void shouldAgreeWithTheTreeOnMutatedFrames(@ForAll("mutatedFrames") final byte[] frame) {
        compare(frame);
    }

    @Property(tries = 4000, edgeCases = EdgeCasesMode.NONE)
    void shouldAgreeWithTheTreeOnEveryFieldKind(@ForAll("generatedPushes") final String frame) {
        compare(frame.getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void shouldKeepReadingPushesAfterBadFramesAndAcrossParserRenewals() {
        final byte[] filled = FuzzSeeds.bytes(getClass(), "/paradex/private/ws-orders-closed-filled.json");
        for (final String bad : new String[] {"{\"method\":\"subscription\",\"params\":{\"channel\":\"orders.ALL\",\"da",
            "{\"params\":{\"channel\":\"fills.ALL\"}} 5", "{\"params\":{\"channel\":\"fills.ALL\"}}{\"b\"",
            "{\"params\":{\"channel\":\"orders.ALL\",\"data\":{\"a\":\"\\u00", "{\"channel\":\"fills\":12", "[1"}) {
            compare(bad.getBytes(StandardCharsets.UTF_8));
            compare(filled);
        }
        final long before = STREAMING.account.streamedPushes();
        for (int i = 0; i < PrivatePushParser.FRAMES_PER_PARSER + 3; i++) {
            STREAMING.feed(filled, true);
        }
        assertThat(STREAMING.account.streamedPushes() - before).isEqualTo(PrivatePushParser.FRAMES_PER_PARSER + 3);
        compare(filled);
    }

    @Provide
    Arbitrary<byte[]> mutatedFrames() {
        return Mutations.mutated(seeds());
    }

    @Provide
    Arbitrary<String> generatedPushes() {
        final Arbitrary<String> decimal = Arbitraries.of("\"0.0125\"", "\"0.01\"", "\"62000.7\"", "\"67630.10000001\"",
            "\"62000.712345678\"", "\"62000.712345675\"", "\"-0.00\"", "\"0\"", "\"000\"", "\"5.\"", "\".5\"", "\"+1.0\"",
            "\" 1\"", "\"\"", "\"abc\"", "\"1e-2\"", "\"1E+3\"", "\"1e-999999999\"", "\"123456789012345678.9\"",
            "\"99999999999999999999\"", "\"0.10000000000000000000000000000000000000000000000000000000000000000\"",
            "\"0.005\"", "\"0.0125000000\"", "\"-0.0125\"", "\"92233720368.54775807\"", "\"-92233720368.54775808\"",
            "0.0125", "1", "-0", "1e-2", "1.5E300", "12345678901234567890123", "true", "false", "null", "{}",
            "[\"0.1\"]", "{\"a\":[1,{\"b\":\"\\u00e9\"}]}", "\"0.\\u0030125\"");
        final Arbitrary<String> text = Arbitraries.of("\"1759500000123000101940000001\"", "\"NEW\"", "\"OPEN\"",
            "\"CLOSED\"", "\"UNTRIGGERED\"", "\"CANCELED\"", "\"BUY\"", "\"SELL\"", "\"buy\"", "\"\\u0042UY\"",
            "\"MAKER\"", "\"TAKER\"", "\"BTC-USD-PERP\"", "\"ETH-USD-PERP\"", "\"B\\\"TC\\\\\\/\\n\"", "\"\"",
            "\"REMAINING_IOC_CANCEL\"", "\"USER_CANCELED\"", "\"NOT_ENOUGH_MARGIN\"", "\"arb-1\"", "\"boom\"",
            "\"1759500000131\"", "\"+1759500000131\"", "\"-5\"", "\"0017\"", "\"12.7\"", "\"x\"", "\"١٢٣\"",
            "\"9223372036854775807\"", "\"9223372036854775808\"", "\"1234567890123456789\"", "1759500000131", "7",
            "-0", "2.5", "1e3", "9223372036854775807", "99999999999999999999999", "true", "false", "null", "{}", "[]",
            "{\"x\":{\"y\":[null,{}]}}", "\"é𝄞\"");
        final String[] names = {"status", "side", "size", "remaining_size", "avg_fill_price", "cancel_reason",
            "market", "client_id", "id", "last_updated_at", "created_at", "fee", "order_id", "price", "liquidity",
            "account", "seq_no", "flags", "request_info", "st\\u0061tus"};
        final java.util.Map<String, Arbitrary<String>> plain = java.util.Map.ofEntries(
            java.util.Map.entry("status", Arbitraries.of("\"NEW\"", "\"OPEN\"", "\"CLOSED\"", "\"UNTRIGGERED\"")),
            java.util.Map.entry("side", Arbitraries.of("\"BUY\"", "\"SELL\"")),
            java.util.Map.entry("size", Arbitraries.of("\"0.0125\"", "\"0.01\"", "\"1\"", "\"0\"", "0.5", "2")),
            java.util.Map.entry("remaining_size", Arbitraries.of("\"0\"", "\"0.005\"", "\"0.0125\"", "\"\"", "0")),
            java.util.Map.entry("avg_fill_price", Arbitraries.of("\"62000.7\"", "\"62000.712345678\"", "\"\"",
                "\"62000.71234567891\"", "62000.5")),
            java.util.Map.entry("price", Arbitraries.of("\"62000.7\"", "\"67630.1\"", "62000")),
            java.util.Map.entry("fee", Arbitraries.of("\"0.387504\"", "\"-0.01\"", "\"\"", "\"0\"", "0.5")),
            java.util.Map.entry("cancel_reason", Arbitraries.of("\"\"", "\"REMAINING_IOC_CANCEL\"",
                "\"NOT_ENOUGH_MARGIN\"", "\"USER_CANCELED\"")),
            java.util.Map.entry("market", Arbitraries.of("\"BTC-USD-PERP\"", "\"ETH-USD-PERP\"")),
            java.util.Map.entry("liquidity", Arbitraries.of("\"MAKER\"", "\"TAKER\"")),
            java.util.Map.entry("last_updated_at", Arbitraries.of("1759500000131", "\"1759500000131\"", "\"\"")),
            java.util.Map.entry("created_at", Arbitraries.of("1759500000123", "\"1759500000123\"", "\"\"")));
        final Arbitrary<String> ids = Arbitraries.of("\"1759500000123000101940000001\"", "\"arb-1\"", "\"boom\"",
            "\"\"", "\"a\\u00e9\\\"b\"");
        final List<Arbitrary<String>> fields = new ArrayList<>();
        for (final String name : names) {
            final boolean numeric = name.contains("size") || name.contains("price") || name.equals("fee");
            final Arbitrary<String> usual = plain.getOrDefault(name.replace("\\u0061", "a"), ids);
            final Arbitrary<String> odd = Arbitraries.oneOf(numeric ? decimal : text, text, decimal);
            fields.add(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(40, usual), net.jqwik.api.Tuple.of(1, odd))
                .injectNull(0.1).map(v -> v == null ? "" : '"' + name + "\":" + v));
        }
        final Arbitrary<String> data = Combinators.combine(fields).as(values -> {
            final List<String> present = new ArrayList<>(values.stream().filter(v -> !v.isEmpty()).toList());
            java.util.Collections.rotate(present, present.size() / 3);
            return "{" + String.join(",", present) + "}";
        });
        final Arbitrary<String> channel = Arbitraries.of("\"orders.ALL\"", "\"fills.ALL\"", "\"orders.ALL\"",
            "\"fills.ALL\"", "\"orders.ALL\"", "\"fills.ALL\"", "\"orders.BTC-USD-PERP\"",
            "\"fills\"", "\"positions\"", "\"account\"", "\"markets_summary.BTC-USD-PERP\"", "\"ordersX\"");
        final Arbitrary<String> extra = Arbitraries.of("", "", "", "", "", "", "", "", "", "", "", "", "", "\"id\":5,", "\"id\":\"5\",", "\"id\":null,", "\"id\":5.5,",
            "\"error\":null,", "\"error\":{\"code\":-32601,\"message\":\"m\"},", "\"result\":{\"channel\":\"x\"},",
            "\"usIn\":1710522972729581,", "\"jsonrpc\":\"2.0\",");
        final Arbitrary<String> method = Arbitraries.of("\"subscription\"", "\"subscription\"", "\"subscription\"",
            "\"subscription\"", "\"subscription\"", "\"subscription\"", "\"subscription\"", "\"subscription\"",
            "\"subscribe\"", "null", "1");
        return Combinators.combine(extra, method, channel, data, Arbitraries.integers().between(0, 3))
            .as((x, m, c, d, order) -> switch (order) {
                case 0 -> "{" + x + "\"method\":" + m + ",\"params\":{\"channel\":" + c + ",\"data\":" + d + "}}";
                case 1 -> "{\"params\":{\"data\":" + d + ",\"channel\":" + c + "}," + x + "\"method\":" + m + "}";
                case 2 -> "{\"method\":" + m + ",\"params\":{\"channel\":" + c + ",\"data\":" + d + ",\"data2\":[" + d
                    + "]}," + x + "\"z\":1}";
                default -> "{\"method\":" + m + ",\"params\":{\"channel\":" + c + ",\"data\":" + d + "},\"params\":"
                    + "{\"channel\":" + c + ",\"data\":" + d + "}}";
            });
    }

    private static List<byte[]> seeds() {
        final List<byte[]> frames = new ArrayList<>();
        for (final String name : NAMES) {
            frames.add(FuzzSeeds.bytes(PrivatePushDifferentialTest.class, "/paradex/" + name));
        }
        for (final String s : EXTRA) {
            frames.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return frames;
    }

    /** Runs both paths over one frame, in both modes, and asserts they agree on everything. */
    private static void compare(final byte[] frame) {
        for (final boolean sbe : new boolean[] {true, false}) {
            final long streamedBefore = STREAMING.account.streamedPushes();
            final String tree = TREE.feed(frame, sbe);
            final String streamed = STREAMING.feed(frame, sbe);
            if (!validUtf8(frame)) {
                // not valid UTF-8: whether Jackson rejects a field name with bad bytes depends on the names its symbol
                // table saw before (the tree path alone can accept or reject the same frame); no exception escapes
                continue;
            }
            assertThat(streamed).as("%s (%s mode)", new String(frame, StandardCharsets.UTF_8), sbe ? "SBE" : "JSON")
                .isEqualTo(tree);
            Statistics.label("path").collect(STREAMING.account.streamedPushes() > streamedBefore ? "streamed" : "tree");
            Statistics.label("outcome").collect(tree.contains("private+1") ? "counted"
                : tree.startsWith("[update") ? "update" : tree.startsWith("[fill") ? "fill" : "other");
        }
    }

    private static boolean validUtf8(final byte[] frame) {
        return java.util.Arrays.equals(frame, new String(frame, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }
}
