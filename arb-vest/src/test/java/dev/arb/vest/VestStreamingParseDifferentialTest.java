package dev.arb.vest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.arb.api.MarketSpec;
import dev.arb.api.OrderRequest;
import dev.arb.api.OrderType;
import dev.arb.api.OrderUpdate;
import dev.arb.api.Side;
import dev.arb.api.TimeInForce;
import dev.arb.api.fuzz.FuzzSeeds;
import dev.arb.api.fuzz.Mutations;
import dev.arb.vest.internal.VestAccountFrameParser;
import dev.arb.vest.internal.VestOrderCodec;
import dev.arb.vest.internal.VestOrderEvent;
import dev.arb.vest.internal.VestOrderEventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The streaming parse of {@code account_private} frames ({@link VestAccountFrameParser} → {@link VestOrderEvent} →
 * {@link VestOrderEventCodec}) against the tree-based path it replaced ({@code readTree}, the envelope checks of the
 * old {@code VestAccountStream.onFrame}, {@link VestOrderCodec#update}): the same classification (PONG, error answer
 * and its code, ORDER, ORDER without args, not JSON, ignored), the same {@link OrderUpdate} field by field or the same
 * typed error and message, the same tracker match, and the rebuilt node ({@link VestOrderEvent#toNode}) giving the
 * tree-based readers the same answers. Inputs: the recorded and benchmark frames, byte-level mutations of them, and
 * generated events with every field of every JSON kind.
 */
class VestStreamingParseDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VestOrderCodec CODEC = new VestOrderCodec(JSON);
    private static final MarketSpec BTC = spec("BTC-PERP", 2, 4);
    private static final MarketSpec NDX = spec("NDX-USD-PERP", 2, 4);
    private static final MarketSpec FINE = spec("BTC-PERP", 8, 8);
    private static final MarketSpec COARSE = spec("NDX-USD-PERP", 0, 0);
    private static final List<OrderRequest> REQUESTS = List.of(
        OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.IOC)
            .size(125).limitPrice(6_201_000).clientOrderId("c-ioc").build(),
        OrderRequest.builder().market("NDX-USD-PERP").side(Side.SELL).type(OrderType.MARKET).size(1000)
            .limitPrice(3_148_000).clientOrderId("c-mkt").build(),
        OrderRequest.builder().market("BTC-PERP").side(Side.BUY).type(OrderType.LIMIT).timeInForce(TimeInForce.GTC)
            .size(2000).limitPrice(6_201_000).clientOrderId("c-gtc").build());
    private static final List<String> SEEDS = List.of(
        "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":{\"id\":\"0x5f2a\",\"symbol\":\"BTC-PERP\","
            + "\"isBuy\":true,\"orderType\":\"LIMIT\",\"limitPrice\":\"62010.00\",\"size\":\"0.0125\",\"reduceOnly\":false,"
            + "\"initMarginRatio\":\"0.1000\",\"status\":\"NEW\",\"postTime\":1759500000101,\"nonce\":1759500000100}}}",
        "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":{\"id\":\"0x5f2a\",\"symbol\":\"BTC-PERP\","
            + "\"isBuy\":true,\"orderType\":\"LIMIT\",\"limitPrice\":\"62010.00\",\"size\":\"0.0125\",\"reduceOnly\":false,"
            + "\"initMarginRatio\":\"0.1000\",\"status\":\"FILLED\",\"postTime\":1759500000101,\"nonce\":1759500000100,"
            + "\"lastFilledSize\":\"0.0125\",\"lastFilledPrice\":\"62003.50\",\"lastFilledTime\":1759500000131,"
            + "\"avgFilledPrice\":\"62003.50\",\"cumFunding\":\"0.000000000000\",\"fees\":\"0.077504\"}}}",
        "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":{\"id\":\"0x7\",\"status\":\"CANCELLED\","
            + "\"postTime\":1759500000101,\"nonce\":7}}}",
        "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":{\"id\":\"0x9\",\"nonce\":9,"
            + "\"symbol\":\"NDX-USD-PERP\",\"isBuy\":false,\"orderType\":\"MARKET\",\"limitPrice\":\"31480.00\","
            + "\"size\":\"0.1000\",\"reduceOnly\":true,\"status\":\"FILLED\",\"postTime\":1,\"lastFilledSize\":\"0.0500\","
            + "\"avgFilledPrice\":\"31479.505\",\"fees\":\"-0.0010\"}}}",
        "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":\"oops\"}}",
        "{\"channel\":\"account_private\",\"data\":{\"event\":\"LIQUIDATION\",\"args\":{}}}",
        "{\"id\":3,\"error\":{\"code\":1125,\"msg\":\"INVALID_LISTEN_KEY\"}}",
        "{\"id\":3,\"error\":\"bad\"}", "{\"data\":\"PONG\"}", "{\"result\":null,\"id\":1}", "", " ", "[1,2]", "\"PONG\"",
        "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":{\"id\":\"a\"}},\"data\":\"PONG\"}",
        "{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":{\"id\":\"a\",\"status\":\"NEW\"},"
            + "\"args\":{\"id\":\"b\"}}}");

    /** One parser for every frame of a run, as on the stream: a frame must not leak state into the next. */
    private static final VestAccountFrameParser PARSER = new VestAccountFrameParser();

    @Example
    void shouldClassifyAndDecodeEverySeedFrameAsTheTreeDid() {
        for (final byte[] frame : seeds()) {
            compare(frame);
        }
    }

    @Property(tries = 10_000)
    void shouldAgreeWithTheTreeOnMutatedFrames(@ForAll("mutatedFrames") final byte[] frame) {
        compare(frame);
    }

    @Property(tries = 3000)
    void shouldAgreeWithTheTreeOnEveryFieldKind(@ForAll("generatedEvents") final String frame) {
        compare(frame.getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void shouldKeepReadingFramesAfterTruncatedOrTrailingContentAndAcrossParserRenewals() {
        final byte[] filled = SEEDS.get(1).getBytes(StandardCharsets.UTF_8);
        for (final String prefix : new String[] {"{\"channel\":\"account_private\",\"data\":{\"ev", "{\"a\":1} 5",
            "{\"a\":1}{\"b\"", "{\"a\":1}\n", "{\"a\":\"\\u00", "{\"a\":12", "[1", "{}]"}) {
            compare(prefix.getBytes(StandardCharsets.UTF_8));
            compare(filled);
        }
        for (int i = 0; i < 2 * VestAccountFrameParser.FRAMES_PER_PARSER + 3; i++) {
            assertThat(PARSER.parse(filled, 0, filled.length)).isEqualTo(VestAccountFrameParser.ORDER);
        }
        compare(filled);
    }

    @Provide
    Arbitrary<byte[]> mutatedFrames() {
        return Mutations.mutated(seeds());
    }

    @Provide
    Arbitrary<String> generatedEvents() {
        final Arbitrary<String> decimal = Arbitraries.of("\"0.0125\"", "\"0.1000\"", "\"62003.50\"", "\"31479.5012\"",
            "\"31479.505\"", "\"-0.00\"", "\"0\"", "\"000\"", "\"5.\"", "\".5\"", "\"+1.0\"", "\" 1\"", "\"\"", "\"abc\"",
            "\"1e-2\"", "\"1E+3\"", "\"1e-999999999\"", "\"123456789012345678.9\"", "\"99999999999999999999\"",
            "\"9999999999999999999999999999999999999931479.5012\"", "\"0.00005\"", "\"0.00015\"", "\"-0.00015\"",
            "\"12345678901234.5678\"", "\"0.1250000000000000000000\"", "0.0125", "1", "-0", "1e-2", "1.5E300",
            "12345678901234567890123", "true", "false", "null", "{}", "[\"0.1\"]", "{\"a\":[1,{\"b\":\"\\u00e9\"}]}");
        final Arbitrary<String> text = Arbitraries.of("\"0x5f2a\"", "\"NEW\"", "\"FILLED\"", "\"CANCELLED\"",
            "\"CANCELED\"", "\"REJECTED\"", "\"PARTIAL\"", "\"BTC-PERP\"", "\"NDX-USD-PERP\"", "\"MARKET\"", "\"LIMIT\"",
            "\"GTC\"", "\"IOC\"", "\"\\u0042TC-PERP\"", "3010", "\"3010\"", "\"1759500000131\"", "\"12.7\"", "\"x\"",
            "1759500000131", "7", "9", "1759500000100", "-0", "2.5", "99999999999999999999999", "true", "false", "null",
            "{}", "[]");
        final String[] names = {"id", "status", "code", "msg", "lastFilledTime", "postTime", "lastFilledSize",
            "avgFilledPrice", "fees", "symbol", "nonce", "size", "isBuy", "reduceOnly", "limitPrice", "orderType",
            "timeInForce", "lastFilledPrice", "cumFunding"};
        final List<Arbitrary<String>> fields = new ArrayList<>();
        for (final String name : names) {
            final boolean numeric = name.endsWith("Size") || name.endsWith("Price") || name.equals("fees")
                || name.equals("size") || name.equals("cumFunding");
            fields.add(Arbitraries.oneOf(numeric ? decimal : text, text).injectNull(0.3)
                .map(v -> v == null ? "" : '"' + name + "\":" + v));
        }
        return Combinators.combine(fields).as(values -> "{\"channel\":\"account_private\",\"data\":{\"event\":"
            + "\"ORDER\",\"args\":{" + String.join(",", values.stream().filter(v -> !v.isEmpty()).toList()) + "}}}");
    }

    private static List<byte[]> seeds() {
        final List<byte[]> frames = new ArrayList<>();
        for (final String s : SEEDS) {
            frames.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (final String name : new String[] {"ws-account-order-filled.json", "ws-account-order-rejected.json",
            "ws-pong.json", "ws-subscribed.json", "ws-tickers.json", "ws-trades.json"}) {
            frames.add(FuzzSeeds.bytes(VestStreamingParseDifferentialTest.class, "/vest/fuzz/" + name));
        }
        return frames;
    }

    /** Runs both paths over one frame and asserts they agree on everything the adapter uses. */
    private static void compare(final byte[] frame) {
        final TreeResult old = TreeResult.of(frame);
        final byte[] padded = new byte[frame.length + 7];
        System.arraycopy(frame, 0, padded, 3, frame.length);
        final int kind = PARSER.parse(padded, 3, frame.length);
        final VestAccountFrameParser parser = PARSER;
        if (!validUtf8(frame)) {
            // not valid UTF-8: whether Jackson rejects a field name with bad bytes depends on the names its symbol
            // table has seen before (the old tree path could accept or reject the same frame); both paths only promise
            // a classification, never an exception
            return;
        }
        assertThat(kind).as("classification of %s (%s)", text(frame), java.util.HexFormat.of().formatHex(frame))
            .isEqualTo(old.kind);
        Statistics.label("kind").collect(kind);
        if (kind == VestAccountFrameParser.ERROR) {
            assertThat(parser.errorCode().asText()).isEqualTo(old.errorCode);
        }
        if (kind != VestAccountFrameParser.ORDER) {
            return;
        }
        final VestOrderEvent event = parser.event();
        final JsonNode args = old.args;
        final JsonNode rebuilt = event.toNode(JsonNodeFactory.instance);
        final JsonNode terminal = event.toUpdateNode(JsonNodeFactory.instance);
        assertThat(event.symbol.asText()).isEqualTo(args.path("symbol").asText());
        assertThat(event.size.isNonNull()).isEqualTo(args.hasNonNull("size"));
        assertThat(terminal.hasNonNull("lastFilledSize")).isEqualTo(args.hasNonNull("lastFilledSize"));
        for (final MarketSpec spec : new MarketSpec[] {BTC, NDX, FINE, COARSE}) {
            for (final OrderRequest req : REQUESTS) {
                final String expected = outcome(() -> CODEC.update(args, spec, req, 42L));
                Statistics.label("update").collect(expected.contains("Exception") ? "error" : "update");
                assertThat(outcome(() -> VestOrderEventCodec.update(event, spec, req, 42L)))
                    .as("update of %s at %s for %s", text(frame), spec.symbol(), req.clientOrderId()).isEqualTo(expected);
                assertThat(outcome(() -> CODEC.update(terminal, spec, req, 42L))).isEqualTo(expected);
            }
            assertThat(outcome(() -> CODEC.fromVenue(rebuilt, spec, null, 42L)))
                .isEqualTo(outcome(() -> CODEC.fromVenue(args, spec, null, 42L)));
        }
        assertThat(match(tracker(), event)).isEqualTo(matchTree(tracker(), args));
    }

    private static VestOrderTracker tracker() {
        final VestOrderTracker t = new VestOrderTracker();
        t.track(REQUESTS.get(0), BTC, 1759500000100L, 1L);
        t.track(REQUESTS.get(1), NDX, 9, 1L);
        t.track(REQUESTS.get(2), BTC, 7, 1L);
        t.attachId(t.track(REQUESTS.get(2), BTC, 7, 1L), "0x7");
        return t;
    }

    private static String match(final VestOrderTracker t, final VestOrderEvent e) {
        return describe(t, t.match(e));
    }

    private static String matchTree(final VestOrderTracker t, final JsonNode args) {
        return describe(t, t.match(args));
    }

    private static String describe(final VestOrderTracker tracker, final VestOrderTracker.Tracked t) {
        final VestOrderTracker.Tracked byId = tracker.byId(t == null ? null : t.venueId);
        return t == null ? "none" : t.nonce + "/" + t.venueId + "/" + (byId == null ? "-" : byId.nonce);
    }

    private static String outcome(final Supplier<OrderUpdate> decode) {
        try {
            final OrderUpdate u = decode.get();
            return u.venue() + '|' + u.market() + '|' + u.clientOrderId() + '|' + u.venueOrderId() + '|' + u.side()
                + '|' + u.status() + '|' + u.size() + '|' + u.filledSize() + '|' + u.avgFillPrice() + '|'
                + u.feeUsd().unscaledValue() + 'e' + u.feeUsd().scale() + '|' + u.rejectCode() + '|' + u.rejectReason()
                + '|' + u.timestampMs();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static boolean validUtf8(final byte[] frame) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(frame));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String text(final byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    /** The tree-based steps of the old {@code VestAccountStream.onFrame}, kept here as the reference. */
    private record TreeResult(int kind, String errorCode, JsonNode args) {
        static TreeResult of(final byte[] frame) {
            final JsonNode node;
            try {
                // a fresh mapper: Jackson's symbol table remembers field names across frames, and whether a name that
                // is not valid UTF-8 is rejected depends on what it saw before; a fresh one answers for the frame alone
                node = new ObjectMapper().readTree(new java.io.ByteArrayInputStream(frame));
            } catch (IOException e) {
                return new TreeResult(VestAccountFrameParser.NOT_JSON, null, null);
            }
            if (node == null) {
                return new TreeResult(VestAccountFrameParser.NOT_JSON, null, null); // "empty account frame"
            }
            if ("PONG".equals(node.path("data").asText(null))) {
                return new TreeResult(VestAccountFrameParser.PONG, null, null);
            }
            if (!"account_private".equals(node.path("channel").asText())) {
                return node.has("error")
                    ? new TreeResult(VestAccountFrameParser.ERROR, node.path("error").path("code").asText(), null)
                    : new TreeResult(VestAccountFrameParser.IGNORED, null, null);
            }
            final JsonNode data = node.path("data");
            if (!"ORDER".equals(data.path("event").asText())) {
                return new TreeResult(VestAccountFrameParser.IGNORED, null, null);
            }
            final JsonNode args = data.path("args");
            return args.isObject() ? new TreeResult(VestAccountFrameParser.ORDER, null, args)
                : new TreeResult(VestAccountFrameParser.ORDER_WITHOUT_ARGS, null, null);
        }
    }

    private static MarketSpec spec(final String symbol, final int priceScale, final int sizeScale) {
        return MarketSpec.builder().venue("vest").symbol(symbol).baseAsset(symbol.substring(0, 3))
            .priceScale(priceScale).sizeScale(sizeScale).tickSize(1).stepSize(1).minSize(1).build();
    }
}
