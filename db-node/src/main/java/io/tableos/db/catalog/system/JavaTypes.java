package io.tableos.db.catalog.system;

import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlArray;

import java.time.OffsetDateTime;

/** Checks (under -ea) that catalog rows hold the Java representation SqlType documents. */
final class JavaTypes {
    private JavaTypes() {}

    static boolean accepts(DataType type, Object value) {
        return switch (type.type()) {
            case BOOL -> value instanceof Boolean;
            case INT2 -> value instanceof Short;
            case INT4 -> value instanceof Integer;
            case INT8, OID -> value instanceof Long;
            case FLOAT4 -> value instanceof Float;
            case FLOAT8 -> value instanceof Double;
            case TEXT, VARCHAR, NAME, BPCHAR -> value instanceof String;
            case TIMESTAMPTZ -> value instanceof OffsetDateTime;
            case INTERVAL -> value instanceof io.tableos.db.types.Interval;
            case BYTEA -> value instanceof byte[];
            case ARRAY -> value instanceof SqlArray a && a.elementType() == type.element();
            default -> true;
        };
    }
}
