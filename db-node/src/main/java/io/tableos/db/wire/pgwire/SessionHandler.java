package io.tableos.db.wire.pgwire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.tableos.db.types.DbException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-loop side of an authenticated connection: hands each frame to the connection's
 * {@link SessionWorker} and relays writability and closing. Does no SQL and no encoding.
 * Stops reading while too many decoded bytes wait for the worker
 * ({@code maxInboundQueuedBytes}); the worker resumes reading as it catches up.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final SessionWorker worker;
    private final ServerContext server;
    private boolean released;

    SessionHandler(SessionWorker worker, ServerContext server) {
        this.worker = worker;
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame frame) {
            worker.enqueue(frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) worker.schedule();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseSlot();
        worker.requestClose();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseSlot();
    }

    private void releaseSlot() {
        if (!released) {
            released = true;
            server.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        DbException error = ErrorReports.unwrapProtocolError(cause);
        if (error != null) {
            // The worker owns the session's writer; a separate one is safe because both write whole
            // messages only, and the connection closes right after this one.
            MessageWriter fatal = new MessageWriter(ctx.channel(), 256);
            fatal.errorResponse("FATAL", error);
            fatal.flushAndClose();
        } else {
            if (!(cause instanceof IOException)) LOG.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
        worker.requestClose();
    }
}
