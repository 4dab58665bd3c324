package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import java.util.UUID;

/** uuid: 16 bytes, most significant first. */
final class UuidCodec implements BinaryCodec {
    static final UuidCodec INSTANCE = new UuidCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        UUID uuid = value instanceof UUID u ? u : UUID.fromString(value.toString());
        out.writeLong(uuid.getMostSignificantBits());
        out.writeLong(uuid.getLeastSignificantBits());
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        BinaryFormatException.expectLength(length, 16, "uuid");
        return new UUID(in.readLong(), in.readLong());
    }
}
