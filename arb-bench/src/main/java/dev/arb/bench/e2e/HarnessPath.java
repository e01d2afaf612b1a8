package dev.arb.bench.e2e;

import dev.arb.executor.ExecutorConfig;
import dev.arb.paradex.ParadexConfig;
import dev.arb.vest.VestConfig;

/**
 * The order path the end-to-end harness measures: every switch between the old path and the new one in one
 * place, so that {@code --path both} compares exactly these settings and nothing else.
 *
 * <table>
 *   <caption>switches</caption>
 *   <tr><th>setting</th><th>{@link #OLD}</th><th>{@link #NEW}</th></tr>
 *   <tr><td>{@code VestConfig.presign}</td><td>false (deterministic signer)</td><td>true (pooled nonces)</td></tr>
 *   <tr><td>{@code ParadexConfig.presign}</td><td>false</td><td>true (hashes computed ahead)</td></tr>
 *   <tr><td>{@code ParadexConfig.wsOrderEntry}</td><td>false (REST)</td><td>true (WebSocket; the
 *       {@code order.create} request written into a pooled buffer, no tree)</td></tr>
 *   <tr><td>{@code VestConfig.nettyOrderEntry}</td><td>false ({@code HttpClient})</td><td>true (warm Netty
 *       keep-alive connections, body into a reused buffer)</td></tr>
 *   <tr><td>{@code ExecutorConfig.journalBeforeSend}</td><td>true (commit, then send)</td><td>false (write-ahead
 *       in parallel)</td></tr>
 *   <tr><td>{@code ExecutorConfig.limitPriceGridBps}</td><td>0 (exact ticks)</td><td>1 (limits on a 1 bps
 *       grid)</td></tr>
 *   <tr><td>{@code ExecutorConfig.orderHints}</td><td>false</td><td>true (each leg's likely next order hashed
 *       ahead by Paradex)</td></tr>
 *   <tr><td>{@code ExecutorConfig.slowerLegFirst}</td><td>false (Vest, leg A, first)</td><td>true (the leg whose
 *       venue answers more slowly first: Paradex here)</td></tr>
 * </table>
 *
 * <p><b>Note:</b> immutable, thread-safe.
 */
public enum HarnessPath {
    /** Everything as before issue 14. */
    OLD(false),
    /** The defaults: pre-signed orders, Paradex orders on the WebSocket, Vest orders on warm Netty connections,
     * intents written ahead to the journal. */
    NEW(true);

    private final boolean fast;

    HarnessPath(final boolean fast) {
        this.fast = fast;
    }

    /**
     * @param b the Vest adapter's configuration
     * @return {@code b}, with this path's switches set
     */
    public VestConfig.Builder vest(final VestConfig.Builder b) {
        return b.presign(fast).nettyOrderEntry(fast);
    }

    /**
     * @param b the Paradex adapter's configuration
     * @return {@code b}, with this path's switches set
     */
    public ParadexConfig.Builder paradex(final ParadexConfig.Builder b) {
        return b.presign(fast).wsOrderEntry(fast);
    }

    /**
     * @param b the executor's configuration
     * @return {@code b}, with this path's switches set
     */
    public ExecutorConfig.Builder executor(final ExecutorConfig.Builder b) {
        return b.journalBeforeSend(!fast).limitPriceGridBps(fast ? 1 : 0).orderHints(fast)
            .slowerLegFirst(fast);
    }

    /**
     * @param text {@code old}, {@code new} or {@code both} (any case)
     * @return the paths to run, old first
     * @throws IllegalArgumentException if {@code text} is none of them
     */
    public static HarnessPath[] parse(final String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "old" -> new HarnessPath[] {OLD};
            case "new" -> new HarnessPath[] {NEW};
            case "both" -> new HarnessPath[] {OLD, NEW};
            default -> throw new IllegalArgumentException("--path must be old, new or both: " + text);
        };
    }
}
