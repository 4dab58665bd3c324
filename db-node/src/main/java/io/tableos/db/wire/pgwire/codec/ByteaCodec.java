package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;

/** bytea: the raw bytes. */
final class ByteaCodec implements BinaryCodec {
    static final ByteaCodec INSTANCE = new ByteaCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        out.writeBytes((byte[]) value);
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }
}
