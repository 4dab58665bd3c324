package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One client message as the {@link FrameDecoder} cut it: the type byte and the body after the
 * length word. Startup-phase packets have type {@link #STARTUP} and carry their request code.
 * Reference counted: whoever consumes a frame releases it.
 */
final class Frame extends DefaultByteBufHolder {
    /** Type of the untyped startup-phase packets (StartupMessage, SSLRequest, CancelRequest, ...). */
    static final byte STARTUP = 0;

    final byte type;
    /** For startup packets: the int32 after the length (protocol version or request code). */
    final int startupCode;

    Frame(byte type, int startupCode, ByteBuf body) {
        super(body);
        this.type = type;
        this.startupCode = startupCode;
    }

    /** The message's size as the client sent it, for buffering limits. */
    int wireBytes() {
        return content().readableBytes() + 5;
    }

    @Override
    public String toString() {
        return "Frame[" + (type == STARTUP ? "startup " + startupCode : String.valueOf((char) type)) + ", "
                + content().readableBytes() + " bytes]";
    }
}
