package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import java.nio.charset.StandardCharsets;

/** text, varchar, bpchar, name, json and unknown: the UTF-8 bytes, nothing else. */
final class TextCodec implements BinaryCodec {
    static final TextCodec INSTANCE = new TextCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        out.writeCharSequence(value.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        String s = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return s;
    }
}
