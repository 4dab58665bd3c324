package io.tableos.db.sql.exec.standin;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Stand-in for io.tableos.db.sql.func.Casts. */
public final class Casts {
    private Casts() {}

    public static Object cast(Object value, DataType target) {
        return cast(value, target, false);
    }

    public static Object castExplicit(Object value, DataType target) {
        return cast(value, target, true);
    }

    private static Object cast(Object v, DataType target, boolean explicit) {
        if (v == null) return null;
        SqlType t = target.type();
        if (t == SqlType.UNKNOWN) return v;
        if (v instanceof String s && !target.type().isText() && t != SqlType.JSON && t != SqlType.JSONB) return TextFormat.parse(s, target);
        switch (t) {
            case TEXT, NAME, JSON, JSONB:
                return v instanceof String ? v : TextFormat.format(v, typeOfValue(v));
            case VARCHAR, BPCHAR: {
                String s = v instanceof String str ? str : TextFormat.format(v, typeOfValue(v));
                if (target.length() >= 0 && s.length() > target.length()) {
                    if (explicit || s.substring(target.length()).isBlank()) s = s.substring(0, target.length());
                    else throw new DbException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                            "value too long for type " + target.sqlName());
                }
                return s;
            }
            case BOOL:
                if (v instanceof Boolean) return v;
                if (v instanceof Integer i) return i != 0;
                break;
            case INT2: return (short) checkRange(toLong(v), Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4: return (int) checkRange(toLong(v), Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT8, OID: return toLong(v);
            case FLOAT4: if (v instanceof Number n) return n.floatValue(); break;
            case FLOAT8: if (v instanceof Number n) return n.doubleValue(); break;
            case NUMERIC: {
                if (!(v instanceof Number n)) break;
                BigDecimal d = n instanceof BigDecimal b ? b : (n instanceof Double || n instanceof Float) ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
                if (target.scale() >= 0) d = d.setScale(target.scale(), RoundingMode.HALF_UP);
                if (target.length() > 0 && d.precision() - d.scale() > target.length() - Math.max(0, target.scale()))
                    throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
                return d;
            }
            case DATE:
                if (v instanceof LocalDate) return v;
                if (v instanceof LocalDateTime d) return d.toLocalDate();
                if (v instanceof OffsetDateTime d) return d.toLocalDate();
                break;
            case TIMESTAMP:
                if (v instanceof LocalDateTime) return v;
                if (v instanceof LocalDate d) return d.atStartOfDay();
                if (v instanceof OffsetDateTime d) return d.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                break;
            case TIMESTAMPTZ:
                if (v instanceof OffsetDateTime) return v;
                if (v instanceof LocalDateTime d) return d.atOffset(ZoneOffset.UTC);
                if (v instanceof LocalDate d) return d.atStartOfDay().atOffset(ZoneOffset.UTC);
                break;
            case UUID: if (v instanceof UUID) return v; break;
            case BYTEA: if (v instanceof byte[]) return v; break;
            case INTERVAL: if (v instanceof Interval) return v; break;
            case ARRAY:
                if (v instanceof SqlArray a) {
                    Object[] out = new Object[a.elements().length];
                    for (int i = 0; i < out.length; i++) out[i] = cast(a.elements()[i], DataType.of(target.element()), explicit);
                    return new SqlArray(target.element(), out);
                }
                break;
            default:
                return v;
        }
        throw new DbException(SqlState.DATATYPE_MISMATCH, "cannot cast type " + typeOfValue(v).sqlName() + " to " + target.sqlName());
    }

    private static long checkRange(long v, long min, long max, String name) {
        if (v < min || v > max) throw new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, name + " out of range");
        return v;
    }

    private static long toLong(Object v) {
        if (v instanceof Long l) return l;
        if (v instanceof Integer || v instanceof Short) return ((Number) v).longValue();
        if (v instanceof BigDecimal d) return d.setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (v instanceof Number n) return Math.round(n.doubleValue());
        if (v instanceof Boolean b) return b ? 1 : 0;
        throw new DbException(SqlState.DATATYPE_MISMATCH, "cannot cast " + typeOfValue(v).sqlName() + " to integer");
    }

    public static DataType typeOfValue(Object v) {
        if (v == null) return DataType.UNKNOWN;
        if (v instanceof Integer) return DataType.INT4;
        if (v instanceof Long) return DataType.INT8;
        if (v instanceof Short) return DataType.INT2;
        if (v instanceof String) return DataType.TEXT;
        if (v instanceof Boolean) return DataType.BOOL;
        if (v instanceof Double) return DataType.FLOAT8;
        if (v instanceof Float) return DataType.FLOAT4;
        if (v instanceof BigDecimal) return DataType.NUMERIC;
        if (v instanceof LocalDate) return DataType.DATE;
        if (v instanceof LocalDateTime) return DataType.TIMESTAMP;
        if (v instanceof OffsetDateTime) return DataType.TIMESTAMPTZ;
        if (v instanceof UUID) return DataType.UUID;
        if (v instanceof byte[]) return DataType.BYTEA;
        if (v instanceof Interval) return DataType.INTERVAL;
        if (v instanceof SqlArray a) return DataType.arrayOf(a.elementType());
        return DataType.UNKNOWN;
    }

    private static int rank(SqlType t) {
        return switch (t) { case INT2 -> 1; case INT4 -> 2; case INT8 -> 3; case NUMERIC -> 4; case FLOAT4 -> 5; case FLOAT8 -> 6; default -> 0; };
    }

    public static DataType commonType(DataType a, DataType b) {
        if (a.type() == SqlType.UNKNOWN) return b.type() == SqlType.UNKNOWN ? DataType.TEXT : b;
        if (b.type() == SqlType.UNKNOWN) return a;
        if (a.type() == b.type()) return a.equals(b) ? a : DataType.of(a.type());
        if (a.type().isNumeric() && b.type().isNumeric()) return rank(a.type()) >= rank(b.type()) ? DataType.of(a.type()) : DataType.of(b.type());
        if (a.type().isText() && b.type().isText()) return DataType.TEXT;
        if (isTime(a.type()) && isTime(b.type())) return a.type() == SqlType.TIMESTAMPTZ || b.type() == SqlType.TIMESTAMPTZ ? DataType.TIMESTAMPTZ : DataType.TIMESTAMP;
        if ((a.type() == SqlType.JSON || a.type() == SqlType.JSONB) && b.type().isText()) return a;
        if ((b.type() == SqlType.JSON || b.type() == SqlType.JSONB) && a.type().isText()) return b;
        throw new DbException(SqlState.DATATYPE_MISMATCH, "types " + a.sqlName() + " and " + b.sqlName() + " cannot be matched");
    }

    private static boolean isTime(SqlType t) {
        return t == SqlType.DATE || t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMPTZ;
    }

    public static DataType parseTypeName(String name) {
        String n = name.trim().toLowerCase().replaceAll("\\s+", " ").replace(" (", "(");
        if (n.endsWith("[]")) return DataType.arrayOf(parseTypeName(n.substring(0, n.length() - 2)).type());
        if (n.startsWith("pg_catalog.")) n = n.substring(11);
        int p = n.indexOf('(');
        String base = p < 0 ? n : n.substring(0, p).trim();
        int len = -1, scale = -1;
        if (p >= 0) {
            String[] args = n.substring(p + 1, n.indexOf(')')).split(",");
            len = Integer.parseInt(args[0].trim());
            if (args.length > 1) scale = Integer.parseInt(args[1].trim());
        }
        SqlType t = switch (base) {
            case "bool", "boolean" -> SqlType.BOOL;
            case "int2", "smallint", "smallserial", "serial2" -> SqlType.INT2;
            case "int", "int4", "integer", "serial", "serial4" -> SqlType.INT4;
            case "int8", "bigint", "bigserial", "serial8" -> SqlType.INT8;
            case "real", "float4" -> SqlType.FLOAT4;
            case "float8", "double precision", "float" -> SqlType.FLOAT8;
            case "numeric", "decimal" -> SqlType.NUMERIC;
            case "text" -> SqlType.TEXT;
            case "varchar", "character varying" -> SqlType.VARCHAR;
            case "char", "character", "bpchar" -> SqlType.BPCHAR;
            case "name" -> SqlType.NAME;
            case "bytea" -> SqlType.BYTEA;
            case "date" -> SqlType.DATE;
            case "timestamp", "timestamp without time zone" -> SqlType.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> SqlType.TIMESTAMPTZ;
            case "interval" -> SqlType.INTERVAL;
            case "uuid" -> SqlType.UUID;
            case "json" -> SqlType.JSON;
            case "jsonb" -> SqlType.JSONB;
            case "oid" -> SqlType.OID;
            case "regclass" -> SqlType.REGCLASS;
            default -> throw new DbException(SqlState.UNDEFINED_OBJECT, "type \"" + base + "\" does not exist");
        };
        if (t == SqlType.BPCHAR && len < 0) len = 1;
        return new DataType(t, len, scale, null);
    }
}
