package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;

/** void: no bytes (PostgreSQL's void_send), read as null. */
final class VoidCodec implements BinaryCodec {
    static final VoidCodec INSTANCE = new VoidCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {}

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        in.skipBytes(length);
        return null;
    }
}
