package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;

/** float4 and float8: IEEE 754 big-endian, NaN and infinities included. */
final class FloatCodec implements BinaryCodec {
    static final FloatCodec INSTANCE = new FloatCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        if (type.type() == SqlType.FLOAT4) {
            out.writeFloat(((Number) value).floatValue());
        } else {
            out.writeDouble(((Number) value).doubleValue());
        }
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        if (type.type() == SqlType.FLOAT4) {
            BinaryFormatException.expectLength(length, 4, "real");
            return in.readFloat();
        }
        BinaryFormatException.expectLength(length, 8, "double precision");
        return in.readDouble();
    }
}
