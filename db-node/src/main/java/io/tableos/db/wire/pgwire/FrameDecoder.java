package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;

/**
 * Cuts the byte stream into {@link Frame}s. Never trusts a length prefix: a startup packet
 * must be 8..{@value PgServerConfig#MAX_STARTUP_PACKET_BYTES} bytes, a regular message's
 * length 4..{@code maxMessageBytes}; anything else is FATAL 08P01 and the rest of the stream
 * is discarded (the exception handler closes the connection). Memory held is therefore at
 * most one message plus one read.
 *
 * <p>Starts in the startup phase (untyped packets) and leaves it by itself once it has cut a
 * StartupMessage, so bytes pipelined behind the startup packet are cut correctly. Bytes that
 * arrive in the same read as an SSLRequest/GSSENCRequest are refused (they would bypass
 * the TLS handshake: CVE-2021-23214).
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final int STARTUP_HEADER_BYTES = 8;

    private final int maxMessageBytes;
    private boolean startupPhase = true;
    private boolean failed;

    FrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (startupPhase) {
            decodeStartup(in, out);
        } else {
            decodeRegular(in, out);
        }
    }

    private void decodeStartup(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) return;
        int length = in.getInt(in.readerIndex());
        if (length < STARTUP_HEADER_BYTES || length > PgServerConfig.MAX_STARTUP_PACKET_BYTES) {
            throw fail(in, "invalid length of startup packet");
        }
        if (in.readableBytes() < length) return;
        int code = in.getInt(in.readerIndex() + 4);
        in.skipBytes(STARTUP_HEADER_BYTES);
        ByteBuf body = in.readRetainedSlice(length - STARTUP_HEADER_BYTES);
        if (code == ProtocolCodes.SSL_REQUEST || code == ProtocolCodes.GSSENC_REQUEST) {
            if (in.isReadable()) {
                body.release();
                throw fail(in, "received unencrypted data after SSL request");
            }
        } else if (!ProtocolCodes.isSpecialRequest(code)) {
            startupPhase = false;
        }
        out.add(new Frame(Frame.STARTUP, code, body));
    }

    private void decodeRegular(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 5) return;
        int start = in.readerIndex();
        byte type = in.getByte(start);
        int length = in.getInt(start + 1);
        if (length < 4 || length > maxMessageBytes) {
            throw fail(in, length < 4 ? "invalid message length" : "message of " + length + " bytes exceeds the limit of " + maxMessageBytes);
        }
        if (in.readableBytes() - 1 < length) return;
        in.skipBytes(5);
        out.add(new Frame(type, 0, in.readRetainedSlice(length - 4)));
    }

    private DbException fail(ByteBuf in, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new FatalProtocolException(SqlState.PROTOCOL_VIOLATION, message);
    }
}
