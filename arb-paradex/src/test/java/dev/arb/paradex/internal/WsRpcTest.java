package dev.arb.paradex.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.AuthenticationException;
import dev.arb.api.ExchangeException;
import dev.arb.api.OrderRejectedException;
import dev.arb.api.RateLimitedException;
import dev.arb.api.TransportException;
import org.junit.jupiter.api.Test;

/** JSON-RPC error objects of the WebSocket (protocol reference §2.3) → typed exceptions. */
class WsRpcTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ExchangeException map(final String error) throws Exception {
        return ParadexErrors.fromRpcError(JSON.readTree(error));
    }

    @Test
    void shouldMapRateLimitAuthAndVenueCodes() throws Exception {
        assertThat(map("{\"code\":42901,\"message\":\"rate limit exceeded\"}")).isInstanceOf(RateLimitedException.class);
        assertThat(map("{\"code\":40111,\"message\":\"Invalid Bearer Token\"}")).isInstanceOf(AuthenticationException.class)
            .extracting(ExchangeException::venueCode).isEqualTo("40111");
        assertThat(map("{\"code\":40300,\"message\":\"permission denied\"}")).isInstanceOf(AuthenticationException.class);
        final ExchangeException rejected = map("{\"code\":100,\"message\":\"bad size\",\"data\":\"INVALID_ORDER_SIZE\"}");
        assertThat(rejected).isInstanceOf(OrderRejectedException.class);
        assertThat(rejected.venueCode()).isEqualTo("INVALID_ORDER_SIZE");
        assertThat(map("{\"code\":-32600,\"message\":\"invalid subscribe request\",\"data\":\"no parameters expected for "
            + "deltas topic.\"}").venueCode()).isEqualTo("-32600");
        assertThat(map("{\"code\":-32603,\"message\":\"internal\"}")).isInstanceOf(TransportException.class);
    }

    @Test
    void shouldMatchRepliesByIdOnly() throws Exception {
        final WsRpc rpc = new WsRpc(null, 1000);
        final JsonNode unrelated = JSON.readTree("{\"jsonrpc\":\"2.0\",\"result\":{\"channel\":\"bbo.BTC-USD-PERP\"},\"id\":99}");
        assertThat(rpc.onReply(unrelated)).isFalse();
        assertThat(rpc.onReply(JSON.readTree("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{}}"))).isFalse();
        assertThat(rpc.request("auth", JSON.createObjectNode().put("bearer", "x")).text())
            .startsWith("{\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":{\"bearer\":\"x\"},\"id\":");
    }
}
