package dev.arb.sim;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last handler of a simulator's pipeline: a client that resets or abandons its connection (routine for a venue,
 * and what the chaos proxy does on purpose) closes the channel quietly instead of Netty's WARN with a
 * stack trace ("exceptionCaught() ... reached at the tail of the pipeline").
 *
 * <p><b>Note:</b> stateless, {@link ChannelHandler.Sharable}; use {@link #INSTANCE}.
 */
@ChannelHandler.Sharable
public final class PeerResetHandler extends ChannelInboundHandlerAdapter {
    /** The one instance. */
    public static final PeerResetHandler INSTANCE = new PeerResetHandler();

    private PeerResetHandler() {
    }

    /**
     * Closes the channel.
     *
     * @param ctx   the channel's context
     * @param cause what went wrong (not logged: the client sees its own side of it)
     */
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        ctx.close();
    }
}
