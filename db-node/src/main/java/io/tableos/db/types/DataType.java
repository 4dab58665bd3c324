package io.tableos.db.types;

/**
 * A column or expression type: the base type plus PostgreSQL's modifiers.
 *
 * @param type     the base type
 * @param length   varchar(n)/char(n) length, numeric precision, or -1 when unconstrained
 * @param scale    numeric scale, or -1
 * @param element  for ARRAY, the element type; otherwise null
 */
public record DataType(SqlType type, int length, int scale, SqlType element) {

    public static final DataType BOOL = of(SqlType.BOOL);
    public static final DataType INT2 = of(SqlType.INT2);
    public static final DataType INT4 = of(SqlType.INT4);
    public static final DataType INT8 = of(SqlType.INT8);
    public static final DataType FLOAT4 = of(SqlType.FLOAT4);
    public static final DataType FLOAT8 = of(SqlType.FLOAT8);
    public static final DataType NUMERIC = of(SqlType.NUMERIC);
    public static final DataType TEXT = of(SqlType.TEXT);
    public static final DataType BYTEA = of(SqlType.BYTEA);
    public static final DataType DATE = of(SqlType.DATE);
    public static final DataType TIMESTAMP = of(SqlType.TIMESTAMP);
    public static final DataType TIMESTAMPTZ = of(SqlType.TIMESTAMPTZ);
    public static final DataType INTERVAL = of(SqlType.INTERVAL);
    public static final DataType UUID = of(SqlType.UUID);
    public static final DataType JSON = of(SqlType.JSON);
    public static final DataType JSONB = of(SqlType.JSONB);
    public static final DataType UNKNOWN = of(SqlType.UNKNOWN);
    public static final DataType RECORD = of(SqlType.RECORD);

    public static DataType of(SqlType type) {
        return new DataType(type, -1, -1, null);
    }

    public static DataType arrayOf(SqlType element) {
        return new DataType(SqlType.ARRAY, -1, -1, element);
    }

    /**
     * PostgreSQL's int2vector / oidvector (pg_index.indkey, indoption, indclass): an array of
     * {@code element} whose subscripts start at 0, as clients index them ({@code indoption[ordinal - 1]}).
     * Marked by length 0, which plain arrays never carry.
     */
    public static DataType vectorOf(SqlType element) {
        return new DataType(SqlType.ARRAY, 0, -1, element);
    }

    /** The first subscript of an array of this type: 0 for int2vector/oidvector, 1 otherwise. */
    public int arrayLowerBound() {
        return type == SqlType.ARRAY && length == 0 ? 0 : 1;
    }

    /** The OID clients see in RowDescription and ParameterDescription. */
    public int oid() {
        return type == SqlType.ARRAY ? element.arrayOid() : type.oid();
    }

    /** PostgreSQL's atttypmod: -1 when unconstrained. */
    public int typmod() {
        return switch (type) {
            case VARCHAR, BPCHAR -> length < 0 ? -1 : length + 4;
            case NUMERIC -> length < 0 ? -1 : ((length << 16) | Math.max(scale, 0)) + 4;
            default -> -1;
        };
    }

    /** As PostgreSQL's format_type prints it, e.g. {@code character varying(20)}. */
    public String sqlName() {
        if (type == SqlType.ARRAY) return element.sqlName() + "[]";
        if ((type == SqlType.VARCHAR || type == SqlType.BPCHAR) && length >= 0) return type.sqlName() + "(" + length + ")";
        if (type == SqlType.NUMERIC && length >= 0) return "numeric(" + length + "," + Math.max(scale, 0) + ")";
        return type.sqlName();
    }

    public static DataType byOid(int oid) {
        SqlType t = SqlType.byOid(oid);
        if (t != null) return of(t);
        SqlType element = SqlType.elementOfArrayOid(oid);
        return element == null ? null : arrayOf(element);
    }
}
