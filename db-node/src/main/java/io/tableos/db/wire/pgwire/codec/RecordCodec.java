package io.tableos.db.wire.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlState;

/**
 * Row values in PostgreSQL's binary layout (record_send): int32 field count, then per field its
 * type oid, int32 length (−1 = NULL) and its bytes. Sent only: a record parameter has no field
 * types to read it by, and PostgreSQL refuses anonymous record input too (0A000).
 */
final class RecordCodec implements BinaryCodec {
    static final RecordCodec INSTANCE = new RecordCodec();

    @Override
    public void encode(Object value, DataType type, ByteBuf out) {
        SqlRow row = (SqlRow) value;
        out.writeInt(row.size());
        for (int i = 0; i < row.size(); i++) {
            DataType fieldType = row.types().get(i);
            Object field = row.values()[i];
            out.writeInt(fieldType.oid());
            if (field == null) {
                out.writeInt(-1);
                continue;
            }
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            BinaryCodecs.forType(fieldType).encode(field, fieldType, out);
            out.setInt(lengthAt, out.writerIndex() - lengthAt - 4);
        }
    }

    @Override
    public Object decode(ByteBuf in, int length, DataType type) {
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
    }
}
