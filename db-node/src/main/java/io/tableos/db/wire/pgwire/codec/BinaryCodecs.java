package io.tableos.db.wire.pgwire.codec;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** Finds the binary codec of a type; types without one fail with 0A000 when binary is asked for. */
public final class BinaryCodecs {
    private BinaryCodecs() {}

    public static BinaryCodec forType(DataType type) {
        BinaryCodec codec = find(type);
        if (codec == null) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "binary format is not supported for type " + type.sqlName());
        }
        return codec;
    }

    /** The codec, or null when the type has no binary format here. */
    public static BinaryCodec find(DataType type) {
        return switch (type.type()) {
            case BOOL -> BoolCodec.INSTANCE;
            case INT2, INT4, INT8, OID, REGPROC, REGCLASS -> IntegerCodec.INSTANCE;
            case FLOAT4, FLOAT8 -> FloatCodec.INSTANCE;
            case NUMERIC -> NumericCodec.INSTANCE;
            case TEXT, VARCHAR, BPCHAR, NAME, JSON, UNKNOWN -> TextCodec.INSTANCE;
            case JSONB -> JsonbCodec.INSTANCE;
            case BYTEA -> ByteaCodec.INSTANCE;
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> DateTimeCodec.INSTANCE;
            case INTERVAL -> IntervalCodec.INSTANCE;
            case UUID -> UuidCodec.INSTANCE;
            case VOID -> VoidCodec.INSTANCE;
            case RECORD -> RecordCodec.INSTANCE;
            case ARRAY -> type.element() == null ? null : ArrayCodec.INSTANCE;
        };
    }
}
