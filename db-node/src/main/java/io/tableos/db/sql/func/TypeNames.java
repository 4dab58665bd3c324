package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.Locale;
import java.util.Map;

/**
 * SQL type names to {@link DataType}: every spelling PostgreSQL accepts for the types TableOS
 * has, with modifiers and a trailing {@code []}. serial types map to their integer type (the
 * caller adds the sequence default). reg* types other than regclass/regproc map to oid.
 */
final class TypeNames {
    private TypeNames() {}

    private static final Map<String, SqlType> BASE = Map.ofEntries(
            Map.entry("bool", SqlType.BOOL), Map.entry("boolean", SqlType.BOOL),
            Map.entry("int2", SqlType.INT2), Map.entry("smallint", SqlType.INT2), Map.entry("smallserial", SqlType.INT2),
            Map.entry("serial2", SqlType.INT2),
            Map.entry("int", SqlType.INT4), Map.entry("int4", SqlType.INT4), Map.entry("integer", SqlType.INT4),
            Map.entry("serial", SqlType.INT4), Map.entry("serial4", SqlType.INT4),
            Map.entry("int8", SqlType.INT8), Map.entry("bigint", SqlType.INT8), Map.entry("bigserial", SqlType.INT8),
            Map.entry("serial8", SqlType.INT8),
            Map.entry("float4", SqlType.FLOAT4), Map.entry("real", SqlType.FLOAT4),
            Map.entry("float8", SqlType.FLOAT8), Map.entry("double precision", SqlType.FLOAT8), Map.entry("float", SqlType.FLOAT8),
            Map.entry("numeric", SqlType.NUMERIC), Map.entry("decimal", SqlType.NUMERIC),
            Map.entry("text", SqlType.TEXT),
            Map.entry("varchar", SqlType.VARCHAR), Map.entry("character varying", SqlType.VARCHAR),
            Map.entry("char varying", SqlType.VARCHAR),
            Map.entry("char", SqlType.BPCHAR), Map.entry("character", SqlType.BPCHAR), Map.entry("bpchar", SqlType.BPCHAR),
            Map.entry("name", SqlType.NAME),
            Map.entry("bytea", SqlType.BYTEA),
            Map.entry("date", SqlType.DATE),
            Map.entry("time", SqlType.TIME), Map.entry("time without time zone", SqlType.TIME),
            Map.entry("timestamp", SqlType.TIMESTAMP), Map.entry("timestamp without time zone", SqlType.TIMESTAMP),
            Map.entry("timestamptz", SqlType.TIMESTAMPTZ), Map.entry("timestamp with time zone", SqlType.TIMESTAMPTZ),
            Map.entry("interval", SqlType.INTERVAL),
            Map.entry("uuid", SqlType.UUID),
            Map.entry("json", SqlType.JSON), Map.entry("jsonb", SqlType.JSONB),
            Map.entry("oid", SqlType.OID), Map.entry("regclass", SqlType.REGCLASS), Map.entry("regproc", SqlType.REGPROC),
            Map.entry("regtype", SqlType.OID), Map.entry("regnamespace", SqlType.OID), Map.entry("regrole", SqlType.OID),
            Map.entry("regprocedure", SqlType.OID), Map.entry("regoper", SqlType.OID), Map.entry("xid", SqlType.OID),
            Map.entry("cid", SqlType.OID), Map.entry("xid8", SqlType.INT8),
            Map.entry("unknown", SqlType.UNKNOWN), Map.entry("void", SqlType.VOID));

    static DataType parse(String sqlTypeName) {
        String s = sqlTypeName.strip().toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\s+", " ");
        if (s.startsWith("pg_catalog.")) s = s.substring("pg_catalog.".length());
        boolean array = false;
        while (s.endsWith("]")) {
            int open = s.lastIndexOf('[');
            if (open < 0) throw unknown(sqlTypeName);
            s = s.substring(0, open).strip();
            array = true;
        }
        if (s.endsWith(" array")) {
            s = s.substring(0, s.length() - " array".length()).strip();
            array = true;
        }
        if (s.startsWith("_") && BASE.containsKey(s.substring(1))) { // PostgreSQL's internal array names: _int4
            s = s.substring(1);
            array = true;
        }
        int length = -1, scale = -1;
        int open = s.indexOf('(');
        String suffix = "";
        if (open >= 0) {
            int close = s.indexOf(')', open);
            if (close < 0) throw unknown(sqlTypeName);
            String[] mods = s.substring(open + 1, close).split(",");
            try {
                length = Integer.parseInt(mods[0].strip());
                if (mods.length > 1) scale = Integer.parseInt(mods[1].strip());
            } catch (NumberFormatException e) {
                throw unknown(sqlTypeName);
            }
            suffix = s.substring(close + 1).strip();
            s = (s.substring(0, open).strip() + (suffix.isEmpty() ? "" : " " + suffix)).strip();
        }
        SqlType base = BASE.get(s);
        if (base == null) throw unknown(sqlTypeName);
        DataType type = withModifiers(base, s, length, scale);
        if (!array) return type;
        return DataType.arrayOf(type.type());
    }

    private static DataType withModifiers(SqlType base, String name, int length, int scale) {
        switch (base) {
            case VARCHAR:
                return new DataType(base, length, -1, null);
            case BPCHAR:
                // "char" alone means char(1); "bpchar" alone is unconstrained
                return new DataType(base, length < 0 && !name.equals("bpchar") ? 1 : length, -1, null);
            case NUMERIC:
                if (length == 0 || length > 1000 || scale > length) {
                    throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision " + length + " must be between 1 and 1000");
                }
                return new DataType(base, length, length < 0 ? -1 : Math.max(scale, 0), null);
            case FLOAT8:
                if (name.equals("float") && length >= 1 && length <= 24) return DataType.FLOAT4;
                return DataType.FLOAT8;
            default:
                return DataType.of(base); // timestamp(p), time(p), interval(p): precision ignored
        }
    }

    private static DbException unknown(String name) {
        return new DbException(SqlState.UNDEFINED_OBJECT, "type \"" + name.strip() + "\" does not exist");
    }
}
