package dev.arb.paradex;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.api.Fill;
import dev.arb.api.OrderListener;
import dev.arb.api.OrderUpdate;
import dev.arb.api.fuzz.FuzzSeeds;
import dev.arb.paradex.internal.BookFeed;
import dev.arb.paradex.internal.WsRpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON dispatch of the Paradex stream without a socket, as the adapter wires it: {@link ParadexControlFrames}
 * (SBE mode: every JSON text frame) or a {@link BookFeed} offering its control frames (JSON book mode), then
 * {@link ParadexAccountStream} with a fixed clock and recording order listeners; the streaming path on or off. A
 * listener throws for the client order id {@code "boom"}, to exercise the listener-error count.
 */
final class PrivatePushPipeline {
    static final long NOW_MS = 1_700_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    final ParadexCounters counters = new ParadexCounters();
    final ParadexAccountStream account;
    final ParadexControlFrames control;
    final BookFeed books;
    final List<String> events = new ArrayList<>();
    /** The last object delivered (kept so the allocation test's JIT cannot drop it). */
    Object last;
    /** Whether the listener describes each event into {@link #events} (off for the allocation test). */
    boolean record = true;

    PrivatePushPipeline(final boolean streaming) {
        final ParadexConfig config = ParadexConfig.builder().restBaseUrl("http://127.0.0.1:1/v1")
            .wsUrl("ws://127.0.0.1:1/v1").chainId("PRIVATE_SN_PARACLEAR_MAINNET").build();
        final ParadexMarkets markets = new ParadexMarkets(config);
        try {
            markets.load(JSON.readTree(FuzzSeeds.bytes(PrivatePushPipeline.class, "/paradex/rest-markets-btc.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        account = new ParadexAccountStream(config, false, null, null, null, markets, counters);
        account.clock(() -> NOW_MS);
        account.streamingPushes(streaming);
        account.addOrderListener(new OrderListener() {
            @Override
            public void onOrderUpdate(final OrderUpdate u) {
                last = u;
                if (record) {
                    events.add(describe(u));
                }
                if ("boom".equals(u.clientOrderId())) {
                    throw new IllegalStateException("listener boom");
                }
            }

            @Override
            public void onFill(final Fill f) {
                last = f;
                if (record) {
                    events.add(describe(f));
                }
                if ("boom".equals(f.clientOrderId())) {
                    throw new IllegalStateException("listener boom");
                }
            }
        });
        final ParadexChannels channels = new ParadexChannels(null, new WsRpc(null, 1000));
        control = new ParadexControlFrames(channels, new ParadexBooks(markets, 1000), counters);
        control.route(account);
        books = new BookFeed(s -> { }, control::offer, control::onControl);
    }

    /**
     * @param frame a JSON text frame
     * @param sbe   {@code true}: as a text frame of the SBE stream; {@code false}: through the JSON book feed
     * @return everything the frame caused: listener calls and counter changes
     */
    String feed(final byte[] frame, final boolean sbe) {
        events.clear();
        final long control0 = counters.controlErrors();
        final long private0 = counters.privateMessageErrors();
        final long malformed0 = books.malformedMessages();
        final long errors0 = books.errorReplies();
        final byte[] padded = new byte[frame.length + 7];
        System.arraycopy(frame, 0, padded, 3, frame.length);
        if (sbe) {
            control.onText(padded, 3, frame.length);
        } else {
            books.onFrame(padded, 3, frame.length, 1L);
        }
        final ParadexAccountSummary summary = account.lastAccountSummary();
        return events + " control+" + (counters.controlErrors() - control0) + " private+"
            + (counters.privateMessageErrors() - private0) + " malformed+" + (books.malformedMessages() - malformed0)
            + " errorReplies+" + (books.errorReplies() - errors0) + " summary=" + summary
            + " position=" + account.lastStreamedPosition("BTC-USD-PERP");
    }

    static String describe(final OrderUpdate u) {
        return "update " + u.venue() + '|' + u.market() + '|' + u.clientOrderId() + '|' + u.venueOrderId() + '|'
            + u.side() + '|' + u.status() + '|' + u.size() + '|' + u.filledSize() + '|' + u.avgFillPrice() + '|'
            + u.feeUsd().unscaledValue() + 'e' + u.feeUsd().scale() + '|' + u.rejectCode() + '|' + u.rejectReason()
            + '|' + u.timestampMs();
    }

    static String describe(final Fill f) {
        return "fill " + f.venue() + '|' + f.market() + '|' + f.venueOrderId() + '|' + f.clientOrderId() + '|'
            + f.side() + '|' + f.price() + '|' + f.size() + '|' + f.feeUsd().unscaledValue() + 'e' + f.feeUsd().scale()
            + '|' + f.liquidity() + '|' + f.timestampMs();
    }
}
