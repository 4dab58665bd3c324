package io.tableos.db.types;

/**
 * The SQL types TableOS stores and exchanges, with their PostgreSQL type OIDs.
 *
 * <p>Java representation of values (null is SQL NULL), used by every layer:
 * BOOL Boolean; INT2 Short; INT4 Integer; INT8 Long; FLOAT4 Float; FLOAT8 Double;
 * NUMERIC BigDecimal; TEXT, VARCHAR, BPCHAR, NAME, JSON, JSONB String; BYTEA byte[];
 * DATE LocalDate; TIMESTAMP LocalDateTime; TIMESTAMPTZ OffsetDateTime at UTC;
 * TIME LocalTime; INTERVAL {@link Interval}; UUID java.util.UUID; OID Long;
 * arrays {@link SqlArray}; RECORD {@link SqlRow}; UNKNOWN (an untyped literal or parameter) String.
 */
public enum SqlType {
    BOOL(16, "boolean", 1000),
    BYTEA(17, "bytea", 1001),
    NAME(19, "name", 1003),
    INT8(20, "bigint", 1016),
    INT2(21, "smallint", 1005),
    INT4(23, "integer", 1007),
    REGPROC(24, "regproc", 1008),
    TEXT(25, "text", 1009),
    OID(26, "oid", 1028),
    JSON(114, "json", 199),
    FLOAT4(700, "real", 1021),
    FLOAT8(701, "double precision", 1022),
    UNKNOWN(705, "unknown", 0),
    BPCHAR(1042, "character", 1014),
    VARCHAR(1043, "character varying", 1015),
    DATE(1082, "date", 1182),
    TIME(1083, "time without time zone", 1183),
    TIMESTAMP(1114, "timestamp without time zone", 1115),
    TIMESTAMPTZ(1184, "timestamp with time zone", 1185),
    INTERVAL(1186, "interval", 1187),
    NUMERIC(1700, "numeric", 1231),
    REGCLASS(2205, "regclass", 2210),
    UUID(2950, "uuid", 2951),
    JSONB(3802, "jsonb", 3807),
    VOID(2278, "void", 0),
    /** A row value ({@link SqlRow}), PostgreSQL's anonymous composite type; never a column's type. */
    RECORD(2249, "record", 2287),
    /** An array; the element type travels beside it (see {@link DataType}). */
    ARRAY(0, "array", 0);

    private final int oid;
    private final String sqlName;
    private final int arrayOid;

    SqlType(int oid, String sqlName, int arrayOid) {
        this.oid = oid;
        this.sqlName = sqlName;
        this.arrayOid = arrayOid;
    }

    public int oid() { return oid; }
    /** The name PostgreSQL's format_type prints. */
    public String sqlName() { return sqlName; }
    /** OID of the array type whose elements are of this type, or 0. */
    public int arrayOid() { return arrayOid; }

    public boolean isInteger() { return this == INT2 || this == INT4 || this == INT8; }
    public boolean isNumeric() { return isInteger() || this == FLOAT4 || this == FLOAT8 || this == NUMERIC; }
    public boolean isText() { return this == TEXT || this == VARCHAR || this == BPCHAR || this == NAME || this == UNKNOWN; }

    public static SqlType byOid(int oid) {
        for (SqlType t : values()) {
            if (t.oid == oid && t != ARRAY) return t;
        }
        return null;
    }

    /** The element type of the array type with this OID, or null. */
    public static SqlType elementOfArrayOid(int arrayOid) {
        if (arrayOid == 0) return null;
        for (SqlType t : values()) {
            if (t.arrayOid == arrayOid) return t;
        }
        return null;
    }
}
