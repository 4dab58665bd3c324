package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.wire.pgwire.auth.ScramServerConversation;
import io.tableos.db.wire.pgwire.auth.ScramVerifier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection until it is authenticated: SSLRequest / GSSENCRequest, CancelRequest,
 * StartupMessage (protocol 3.0; newer minors get NegotiateProtocolVersion), admission
 * against {@code maxConnections}, then trust or SCRAM-SHA-256. On success it replaces itself
 * with a {@link SessionHandler}. Runs on the event loop; the user lookup, which may touch
 * the database, runs on a worker. Secrets (proofs, keys) are never logged.
 *
 * <p>Every failure is FATAL and closes the connection. A wrong password and an unknown
 * user get the same 28P01 message.
 */
final class StartupHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(StartupHandler.class);
    private static final String PROTOCOL_OPTION_PREFIX = "_pq_.";

    private enum State { AWAITING_STARTUP, LOOKING_UP_USER, AWAITING_SASL_INITIAL, AWAITING_SASL_RESPONSE, DONE }

    private final ServerContext server;
    private State state = State.AWAITING_STARTUP;
    private boolean encryptionNegotiated;
    private boolean admitted;
    private MessageWriter writer;
    private Map<String, String> startupParameters;
    private String user;
    private ScramServerConversation scram;
    private ScheduledFuture<?> timeout;

    StartupHandler(ServerContext server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        writer = new MessageWriter(ctx.channel(), server.config().batchBytes());
        timeout = ctx.executor().schedule(() -> {
            if (state != State.DONE) ctx.close();
        }, server.config().authenticationTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state != State.DONE) cleanup();
        super.channelInactive(ctx);
    }

    private void cleanup() {
        if (timeout != null) timeout.cancel(false);
        if (admitted) {
            admitted = false;
            server.release();
        }
        writer.discard();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (state == State.DONE) {
                // Should not happen: the handler leaves the pipeline when done.
                throw new FatalProtocolException(SqlState.PROTOCOL_VIOLATION, "unexpected message after authentication");
            }
            if (frame.type == Frame.STARTUP) {
                onStartupPacket(ctx, frame);
            } else if (frame.type == 'p' && state == State.AWAITING_SASL_INITIAL) {
                onSaslInitialResponse(ctx, frame.content());
            } else if (frame.type == 'p' && state == State.AWAITING_SASL_RESPONSE) {
                onSaslResponse(ctx, frame.content());
            } else {
                throw new FatalProtocolException(SqlState.PROTOCOL_VIOLATION,
                        "expected " + (state == State.AWAITING_STARTUP ? "startup packet" : "SASL response")
                                + ", got message type " + (frame.type & 0xff));
            }
        } catch (DbException e) {
            fail(ctx, e);
        } finally {
            frame.release();
        }
    }

    private void onStartupPacket(ChannelHandlerContext ctx, Frame frame) {
        if (state != State.AWAITING_STARTUP) {
            throw new FatalProtocolException(SqlState.PROTOCOL_VIOLATION, "unexpected startup packet");
        }
        ByteBuf body = frame.content();
        switch (frame.startupCode) {
            case ProtocolCodes.CANCEL_REQUEST -> {
                if (body.readableBytes() >= 8) server.cancelRegistry.cancel(body.readInt(), body.readInt());
                ctx.close();
            }
            case ProtocolCodes.SSL_REQUEST -> onSslRequest(ctx);
            case ProtocolCodes.GSSENC_REQUEST -> {
                writer.encryptionResponse('N');
                writer.flush();
            }
            default -> onStartupMessage(ctx, frame.startupCode, body);
        }
    }

    private void onSslRequest(ChannelHandlerContext ctx) {
        if (encryptionNegotiated) {
            throw new FatalProtocolException(SqlState.PROTOCOL_VIOLATION, "SSL negotiation requested twice");
        }
        encryptionNegotiated = true;
        if (server.sslContext == null) {
            writer.encryptionResponse('N');
            writer.flush();
            return;
        }
        writer.encryptionResponse('S');
        writer.flush();
        // On the event loop the 'S' has reached the socket's outbound buffer in plaintext before the
        // TLS handler is placed in front of it; the decoder refused any bytes pipelined behind the request.
        SslHandler tls = server.sslContext.newHandler(ctx.alloc());
        ctx.pipeline().addFirst("tls", tls);
    }

    private void onStartupMessage(ChannelHandlerContext ctx, int version, ByteBuf body) {
        int major = version >>> 16;
        int minor = version & 0xffff;
        if (major != 3) {
            throw new FatalProtocolException(SqlState.FEATURE_NOT_SUPPORTED,
                    "unsupported frontend protocol " + major + "." + minor + ": server supports 3.0 to 3.0");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> unrecognizedOptions = new ArrayList<>();
        while (true) {
            String name = MessageReader.cString(body);
            if (name.isEmpty()) break;
            String value = MessageReader.cString(body);
            if (name.startsWith(PROTOCOL_OPTION_PREFIX)) unrecognizedOptions.add(name);
            else parameters.put(name, value);
        }
        if (minor > 0 || !unrecognizedOptions.isEmpty()) writer.negotiateProtocolVersion(0, unrecognizedOptions);
        user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            throw new FatalProtocolException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        parameters.putIfAbsent("database", user);
        startupParameters = parameters;
        if (!server.tryAdmit()) {
            throw new FatalProtocolException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        }
        admitted = true;
        if (trusted(ctx)) {
            succeed(ctx);
            return;
        }
        state = State.LOOKING_UP_USER;
        String name = user;
        server.workers.execute(() -> {
            Optional<ScramVerifier> verifier;
            try {
                verifier = server.users.lookup(name);
            } catch (RuntimeException e) {
                LOG.warn("user lookup failed", e);
                verifier = Optional.empty();
            }
            Optional<ScramVerifier> found = verifier;
            ctx.executor().execute(() -> beginScram(ctx, found));
        });
    }

    private boolean trusted(ChannelHandlerContext ctx) {
        return switch (server.config().authMode()) {
            case TRUST -> true;
            case SCRAM_SHA_256 -> false;
            case TRUST_LOOPBACK -> ctx.channel().remoteAddress() instanceof InetSocketAddress a
                    && a.getAddress() != null && a.getAddress().isLoopbackAddress();
        };
    }

    private void beginScram(ChannelHandlerContext ctx, Optional<ScramVerifier> verifier) {
        if (!ctx.channel().isActive() || state != State.LOOKING_UP_USER) return;
        scram = verifier.isPresent()
                ? ScramServerConversation.forUser(verifier.get(), server.random)
                : ScramServerConversation.forUnknownUser(user, server.mockAuthSecret, server.random);
        state = State.AWAITING_SASL_INITIAL;
        writer.authenticationSasl(List.of(ScramServerConversation.MECHANISM));
        writer.flush();
    }

    private void onSaslInitialResponse(ChannelHandlerContext ctx, ByteBuf body) {
        String mechanism = MessageReader.cString(body);
        if (!ScramServerConversation.MECHANISM.equals(mechanism)) {
            throw new FatalProtocolException(SqlState.PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism");
        }
        int length = MessageReader.int32(body);
        if (length < 0 || length != body.readableBytes()) {
            throw new FatalProtocolException(SqlState.PROTOCOL_VIOLATION, "invalid SASL initial response length");
        }
        String clientFirst = body.readCharSequence(length, StandardCharsets.UTF_8).toString();
        String serverFirst = fatalOnError(() -> scram.handleClientFirst(clientFirst));
        state = State.AWAITING_SASL_RESPONSE;
        writer.authenticationSaslContinue(serverFirst);
        writer.flush();
    }

    private void onSaslResponse(ChannelHandlerContext ctx, ByteBuf body) {
        String clientFinal = body.readCharSequence(body.readableBytes(), StandardCharsets.UTF_8).toString();
        boolean ok = fatalOnError(() -> scram.verifyClientFinal(clientFinal));
        if (!ok) {
            LOG.info("password authentication failed for user \"{}\" from {}", user, ctx.channel().remoteAddress());
            throw new FatalProtocolException(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
        }
        writer.authenticationSaslFinal(scram.serverFinal());
        succeed(ctx);
    }

    private static <T> T fatalOnError(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (FatalProtocolException e) {
            throw e;
        } catch (DbException e) {
            throw new FatalProtocolException(e.sqlState(), e.getMessage());
        }
    }

    /** Authenticated: AuthenticationOk now; the session worker opens the session and sends the rest. */
    private void succeed(ChannelHandlerContext ctx) {
        state = State.DONE;
        timeout.cancel(false);
        writer.authenticationOk();
        writer.flush();
        SessionWorker worker = new SessionWorker(ctx.channel(), server, writer, startupParameters);
        admitted = false; // the session handler releases the slot from now on
        ctx.pipeline().replace(this, "session", new SessionHandler(worker, server));
        worker.schedule();
    }

    private void fail(ChannelHandlerContext ctx, DbException e) {
        state = State.DONE;
        writer.errorResponse("FATAL", e);
        writer.flushAndClose();
        cleanup();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.DONE) {
            ctx.close();
            return;
        }
        DbException error = ErrorReports.unwrapProtocolError(cause);
        if (error == null) {
            LOG.warn("connection {} failed during startup", ctx.channel().remoteAddress(), cause);
            state = State.DONE;
            cleanup();
            ctx.close();
            return;
        }
        fail(ctx, error);
    }
}
