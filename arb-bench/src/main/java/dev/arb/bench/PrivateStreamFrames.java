package dev.arb.bench;

import dev.arb.paradex.sbe.codec.FillEventEncoder;
import dev.arb.paradex.sbe.codec.FillType;
import dev.arb.paradex.sbe.codec.LiquiditySide;
import dev.arb.paradex.sbe.codec.MessageHeaderEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Realistic BBO, order-update and fill frames for {@link BboBenchmark} and {@link OrderEventBenchmark}, of the
 * shapes and sizes the venues send (one BTC order of 0.0125 BTC around 62,000 USD, filled in one trade):
 * <ul>
 *   <li>Paradex SBE {@code BboEvent} (template 2, 69 bytes): the hand-built fixture
 *       {@code fixtures/paradex/sbe/bbo.sbe.txt} (schema {@code paradex_1_0.xml}), bytes copied below;</li>
 *   <li>Paradex SBE {@code FillEvent} (template 21), built with the generated encoder;</li>
 *   <li>Paradex JSON-RPC pushes of the private {@code orders.ALL} channel (every field of the REST
 *       {@code OrderResp}, protocol reference §3.4) and {@code fills.ALL} channel (every field of
 *       {@code ResponsesFillResult}, §2.5), in the {@code params.data} envelope of §2.1;</li>
 *   <li>Vest {@code account_private} ORDER events, new and filled (protocol reference §5, "Private channel").</li>
 * </ul>
 *
 * <p><b>Note:</b> stateless, thread-safe; every method returns a fresh array.
 */
final class PrivateStreamFrames {
    /** Paradex market of the order and fill frames. */
    static final String PARADEX_MARKET = "BTC-USD-PERP";
    /** Vest market of the order frames. */
    static final String VEST_MARKET = "BTC-PERP";
    /** Paradex venue order id of the order and fill frames. */
    static final String PARADEX_ORDER_ID = "1759500000123000101940000001";
    /** Vest venue order id of the order frames. */
    static final String VEST_ORDER_ID = "0x8c3b1f0e5a2d4c6b9e7f0a1b2c3d4e5f60718293a4b5c6d7e8f9012345678901";
    /** Our client order id on both venues. */
    static final String CLIENT_ORDER_ID = "arb-1759500000100-000042";

    private static final String PARADEX_ACCOUNT = "0x4638e3041366aa71720be63e32e53e1223316c7f0d56f7aa617542ed1e7512d";

    /** The {@code bbo.sbe.txt} fixture: header, 48-byte block, {@code market = "BTC-USD-PERP"}. */
    private static final String BBO_HEX = "3000020001000100" // blockLength=48 templateId=2 schemaId=1 version=1
        + "405a7d8441400600" // ts = 1759500000123456 µs
        + "e903000000000000" // seq = 1001
        + "8020c78fa3050000" // bidPrice = 62000.5
        + "40787d0100000000" // bidSize = 0.25
        + "0011c292a3050000" // askPrice = 62001.0
        + "80d1f00800000000" // askSize = 1.5
        + "0c" + "4254432d5553442d50455250"; // "BTC-USD-PERP"

    private PrivateStreamFrames() {
    }

    /** @return the Paradex SBE {@code BboEvent} fixture frame (69 bytes) */
    static byte[] paradexSbeBbo() {
        final byte[] out = new byte[BBO_HEX.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(BBO_HEX.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** @return a Paradex SBE {@code FillEvent}: our 0.0125 BTC taker buy at 62,000.7, fee 0.387504 USDC */
    static byte[] paradexSbeFill() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(FillEventEncoder.BLOCK_LENGTH)
            .templateId(FillEventEncoder.TEMPLATE_ID).schemaId(FillEventEncoder.SCHEMA_ID)
            .version(FillEventEncoder.SCHEMA_VERSION);
        final FillEventEncoder e = new FillEventEncoder();
        e.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).ts(1_759_500_000_131_000L).seq(1_759_500_000_131_000_001L)
            .fillType(FillType.FILL).side(dev.arb.paradex.sbe.codec.Side.BUY).liquidity(LiquiditySide.TAKER);
        e.price().mantissa(6_200_070_000_000L);
        e.size().mantissa(1_250_000L);
        e.fee().mantissa(38_750_400L);
        e.realizedPnl().mantissa(0L);
        e.createdAt(1_759_500_000_131_000L);
        e.underlyingPrice().mantissa(6_199_950_000_000L);
        e.realizedFunding().mantissa(0L);
        e.orderbookSeqNo(1_234_567L);
        e.fillId("1759500000131000101940000001-fill").orderId(PARADEX_ORDER_ID).clientOrderId(CLIENT_ORDER_ID)
            .tradeId("1759500000131000101940000001").market(PARADEX_MARKET).feeCurrency("USDC");
        return Arrays.copyOf(buffer.byteArray(), MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    /** @return a Paradex {@code orders.ALL} push of our IOC buy, CLOSED and fully filled (~900 bytes) */
    static byte[] paradexOrderUpdate() {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"orders.ALL\",\"data\":{"
            + "\"id\":\"" + PARADEX_ORDER_ID + "\",\"account\":\"" + PARADEX_ACCOUNT + "\","
            + "\"market\":\"" + PARADEX_MARKET + "\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"0.0125\","
            + "\"remaining_size\":\"0\",\"price\":\"62001.5\",\"avg_fill_price\":\"62000.7\",\"status\":\"CLOSED\","
            + "\"cancel_reason\":\"\",\"client_id\":\"" + CLIENT_ORDER_ID + "\",\"instruction\":\"IOC\","
            + "\"flags\":[],\"stp\":\"EXPIRE_TAKER\",\"trigger_price\":\"0\",\"timestamp\":1759500000100,"
            + "\"created_at\":1759500000123,\"received_at\":1759500000120,\"published_at\":1759500000125,"
            + "\"last_updated_at\":1759500000131,\"seq_no\":1759500000131000001,"
            + "\"request_info\":{\"id\":\"" + PARADEX_ORDER_ID + "\",\"message\":\"\",\"request_type\":\"CREATE_ORDER\","
            + "\"status\":\"SUCCESS\"}}}}").getBytes(StandardCharsets.US_ASCII);
    }

    /** @return a Paradex {@code fills.ALL} push of the fill of that order (~750 bytes) */
    static byte[] paradexFill() {
        return ("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"fills.ALL\",\"data\":{"
            + "\"id\":\"1759500000131000101940000001-fill\",\"side\":\"BUY\",\"liquidity\":\"TAKER\","
            + "\"market\":\"" + PARADEX_MARKET + "\",\"order_id\":\"" + PARADEX_ORDER_ID + "\",\"price\":\"62000.7\","
            + "\"size\":\"0.0125\",\"fee\":\"0.387504\",\"fee_currency\":\"USDC\",\"created_at\":1759500000131,"
            + "\"remaining_size\":\"0\",\"client_id\":\"" + CLIENT_ORDER_ID + "\",\"fill_type\":\"FILL\","
            + "\"realized_pnl\":\"0\",\"realized_funding\":\"0\",\"orderbook_seq_no\":1234567,\"flags\":[],"
            + "\"underlying_price\":\"61999.5\",\"account\":\"" + PARADEX_ACCOUNT + "\"}}}")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** @return a Vest {@code account_private} ORDER event, status NEW (~330 bytes) */
    static byte[] vestOrderNew() {
        return ("{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":{\"id\":\"" + VEST_ORDER_ID
            + "\",\"symbol\":\"" + VEST_MARKET + "\",\"isBuy\":true,\"orderType\":\"LIMIT\",\"limitPrice\":\"62010.00\","
            + "\"size\":\"0.0125\",\"reduceOnly\":false,\"initMarginRatio\":\"0.1000\",\"status\":\"NEW\","
            + "\"postTime\":1759500000101,\"nonce\":1759500000100}}}").getBytes(StandardCharsets.US_ASCII);
    }

    /** @return a Vest {@code account_private} ORDER event, status FILLED, with the fill fields (~480 bytes) */
    static byte[] vestOrderFilled() {
        return ("{\"channel\":\"account_private\",\"data\":{\"event\":\"ORDER\",\"args\":{\"id\":\"" + VEST_ORDER_ID
            + "\",\"symbol\":\"" + VEST_MARKET + "\",\"isBuy\":true,\"orderType\":\"LIMIT\",\"limitPrice\":\"62010.00\","
            + "\"size\":\"0.0125\",\"reduceOnly\":false,\"initMarginRatio\":\"0.1000\",\"status\":\"FILLED\","
            + "\"postTime\":1759500000101,\"nonce\":1759500000100,\"lastFilledSize\":\"0.0125\","
            + "\"lastFilledPrice\":\"62003.50\",\"lastFilledTime\":1759500000131,\"avgFilledPrice\":\"62003.50\","
            + "\"cumFunding\":\"0.000000000000\",\"fees\":\"0.077504\"}}}").getBytes(StandardCharsets.US_ASCII);
    }
}
