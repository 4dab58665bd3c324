package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import java.nio.charset.StandardCharsets;

/** jsonb: a version byte (always 1) followed by the JSON text in UTF-8. */
final class JsonbCodec implements BinaryCodec {
    static final JsonbCodec INSTANCE = new JsonbCodec();
    private static final int VERSION = 1;

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        out.writeByte(VERSION);
        out.writeCharSequence(value.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        if (length < 1) throw BinaryFormatException.of("invalid jsonb: empty");
        int version = in.readByte();
        if (version != VERSION) {
            in.skipBytes(length - 1);
            throw BinaryFormatException.of("unsupported jsonb version number " + version);
        }
        String s = in.toString(in.readerIndex(), length - 1, StandardCharsets.UTF_8);
        in.skipBytes(length - 1);
        return s;
    }
}
