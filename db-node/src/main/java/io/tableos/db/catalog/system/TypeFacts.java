package io.tableos.db.catalog.system;

import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;

/** Per-type facts pg_attribute, pg_index and information_schema repeat for every column. */
final class TypeFacts {
    private TypeFacts() {}

    static PgTypes.PgType pgType(DataType type) {
        PgTypes.PgType pgType = PgTypes.byOid(type.oid());
        if (pgType == null) throw new IllegalStateException("no pg_type row for " + type);
        return pgType;
    }

    /** The collation PostgreSQL gives a column of this type: default for text types, C for name, else none. */
    static long collation(DataType type) {
        SqlType base = type.type() == SqlType.ARRAY ? type.element() : type.type();
        return switch (base) {
            case TEXT, VARCHAR, BPCHAR -> ObjectIds.DEFAULT_COLLATION_OID;
            case NAME -> ObjectIds.C_COLLATION_OID;
            default -> 0;
        };
    }

    /** The default btree operator class for an index key of this type (pg_opclass.oid), or 0. */
    static long btreeOperatorClass(DataType type) {
        return switch (type.type()) {
            case BOOL -> 10003;
            case BYTEA -> 10006;
            case NAME -> 10028;
            case INT8 -> 3124;
            case INT2 -> 1979;
            case INT4 -> 1978;
            case TEXT, VARCHAR -> 3126;
            case OID -> 1981;
            case FLOAT4 -> 10012;
            case FLOAT8 -> 3123;
            case BPCHAR -> 10004;
            case DATE -> 3122;
            case TIME -> 10038;
            case TIMESTAMP -> 3128;
            case TIMESTAMPTZ -> 3127;
            case INTERVAL -> 10022;
            case NUMERIC -> 3125;
            case UUID -> 10065;
            case JSONB -> 10088;
            default -> 0;
        };
    }
}
