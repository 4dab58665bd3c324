package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;

/** bool: one byte, 0 or 1 (any non-zero reads as true, as in PostgreSQL's boolrecv). */
final class BoolCodec implements BinaryCodec {
    static final BoolCodec INSTANCE = new BoolCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        out.writeByte((Boolean) value ? 1 : 0);
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        BinaryFormatException.expectLength(length, 1, "boolean");
        return in.readByte() != 0;
    }
}
