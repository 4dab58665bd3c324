package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;

/** The binary wire format of one type family. Implementations are stateless and thread-safe. */
public interface BinaryCodec {
    /** Writes the value's bytes (without the length word) to {@code out}; {@code value} is not null. */
    void encode(Object value, DataType type, ByteBuf out);

    /** Reads exactly {@code length} bytes from {@code in}; throws DbException 22P03 when malformed. */
    Object decode(ByteBuf in, int length, DataType type);
}
