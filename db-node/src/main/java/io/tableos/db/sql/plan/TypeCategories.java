package io.tableos.db.sql.plan;

import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What PostgreSQL 15's function resolution knows of a type, for the types this engine has: its
 * category and whether it is the category's preferred type (pg_type.typcategory, typispreferred),
 * and the implicit and assignment casts between them (pg_cast rows with castcontext 'i' and 'a';
 * arrays convert when their elements do). Read from a PostgreSQL 15 catalog; immutable.
 */
public final class TypeCategories {
    private TypeCategories() {}

    /** pg_cast's implicit casts among our types: source to targets. */
    private static final Map<SqlType, Set<SqlType>> IMPLICIT = implicitCasts();

    /**
     * pg_cast's assignment casts among our types (castcontext 'a'): on assignment they count
     * besides the implicit ones. Checked against PostgreSQL 15's pg_cast (to string types: {@link #assignable}).
     */
    private static final Map<SqlType, Set<SqlType>> ASSIGNMENT_ONLY = Map.ofEntries(
            Map.entry(SqlType.INT4, Set.of(SqlType.INT2)),
            Map.entry(SqlType.INT8, Set.of(SqlType.INT2, SqlType.INT4)),
            Map.entry(SqlType.FLOAT4, Set.of(SqlType.INT2, SqlType.INT4, SqlType.INT8, SqlType.NUMERIC)),
            Map.entry(SqlType.FLOAT8, Set.of(SqlType.INT2, SqlType.INT4, SqlType.INT8, SqlType.FLOAT4, SqlType.NUMERIC)),
            Map.entry(SqlType.NUMERIC, Set.of(SqlType.INT2, SqlType.INT4, SqlType.INT8)),
            Map.entry(SqlType.TIMESTAMP, Set.of(SqlType.DATE, SqlType.TIME)),
            Map.entry(SqlType.TIMESTAMPTZ, Set.of(SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP)),
            Map.entry(SqlType.INTERVAL, Set.of(SqlType.TIME)),
            Map.entry(SqlType.JSON, Set.of(SqlType.JSONB)),
            Map.entry(SqlType.JSONB, Set.of(SqlType.JSON)),
            Map.entry(SqlType.OID, Set.of(SqlType.INT4, SqlType.INT8)),
            Map.entry(SqlType.REGCLASS, Set.of(SqlType.INT4, SqlType.INT8)),
            Map.entry(SqlType.REGPROC, Set.of(SqlType.INT4, SqlType.INT8)));
    private static final Set<SqlType> STRINGS = EnumSet.of(SqlType.TEXT, SqlType.VARCHAR, SqlType.BPCHAR, SqlType.NAME);

    /**
     * Whether PostgreSQL stores a {@code from} value in a {@code to} column without an explicit
     * cast: an implicit or assignment cast, or any type into a string type (its text form).
     */
    public static boolean assignable(SqlType from, SqlType to) {
        return from == to || STRINGS.contains(to) || IMPLICIT.getOrDefault(from, Set.of()).contains(to)
                || ASSIGNMENT_ONLY.getOrDefault(from, Set.of()).contains(to);
    }

    private static Map<SqlType, Set<SqlType>> implicitCasts() {
        Map<SqlType, Set<SqlType>> casts = new EnumMap<>(SqlType.class);
        Set<SqlType> identifiers = EnumSet.of(SqlType.OID, SqlType.REGCLASS, SqlType.REGPROC);
        casts.put(SqlType.INT2, union(EnumSet.of(SqlType.INT4, SqlType.INT8, SqlType.NUMERIC, SqlType.FLOAT4, SqlType.FLOAT8), identifiers));
        casts.put(SqlType.INT4, union(EnumSet.of(SqlType.INT8, SqlType.NUMERIC, SqlType.FLOAT4, SqlType.FLOAT8), identifiers));
        casts.put(SqlType.INT8, union(EnumSet.of(SqlType.NUMERIC, SqlType.FLOAT4, SqlType.FLOAT8), identifiers));
        casts.put(SqlType.NUMERIC, EnumSet.of(SqlType.FLOAT4, SqlType.FLOAT8));
        casts.put(SqlType.FLOAT4, EnumSet.of(SqlType.FLOAT8));
        casts.put(SqlType.BPCHAR, EnumSet.of(SqlType.VARCHAR, SqlType.NAME, SqlType.TEXT));
        casts.put(SqlType.VARCHAR, EnumSet.of(SqlType.BPCHAR, SqlType.NAME, SqlType.TEXT, SqlType.REGCLASS));
        casts.put(SqlType.TEXT, EnumSet.of(SqlType.BPCHAR, SqlType.VARCHAR, SqlType.NAME, SqlType.REGCLASS));
        casts.put(SqlType.NAME, EnumSet.of(SqlType.TEXT));
        casts.put(SqlType.DATE, EnumSet.of(SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ));
        casts.put(SqlType.TIME, EnumSet.of(SqlType.INTERVAL));
        casts.put(SqlType.TIMESTAMP, EnumSet.of(SqlType.TIMESTAMPTZ));
        casts.put(SqlType.OID, EnumSet.of(SqlType.REGCLASS, SqlType.REGPROC));
        casts.put(SqlType.REGCLASS, EnumSet.of(SqlType.OID));
        casts.put(SqlType.REGPROC, EnumSet.of(SqlType.OID));
        Map<SqlType, Set<SqlType>> frozen = new EnumMap<>(SqlType.class);
        casts.forEach((from, to) -> frozen.put(from, java.util.Collections.unmodifiableSet(to)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    private static Set<SqlType> union(Set<SqlType> a, Set<SqlType> b) {
        Set<SqlType> out = EnumSet.copyOf(a);
        out.addAll(b);
        return out;
    }

    /** Whether a value of {@code from} goes to {@code to} without an explicit cast (an unknown-typed one goes anywhere). */
    static boolean implicitlyConverts(DataType from, DataType to) {
        if (from.type() == SqlType.UNKNOWN || same(from, to)) return true;
        if (from.type() == SqlType.ARRAY || to.type() == SqlType.ARRAY) {
            if (from.type() != to.type() || from.element() == null || to.element() == null) return false;
            return implicitlyConverts(DataType.of(from.element()), DataType.of(to.element()));
        }
        return IMPLICIT.getOrDefault(from.type(), Set.of()).contains(to.type());
    }

    /** The same type, modifiers (length, precision) aside. */
    static boolean same(DataType a, DataType b) {
        return a.type() == b.type() && (a.type() != SqlType.ARRAY || a.element() == b.element());
    }

    /** pg_type.typcategory. */
    static char category(DataType t) {
        return switch (t.type()) {
            case INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, OID, REGCLASS, REGPROC -> 'N';
            case TEXT, VARCHAR, BPCHAR, NAME -> 'S';
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> 'D';
            case INTERVAL -> 'T';
            case BOOL -> 'B';
            case ARRAY -> 'A';
            case UNKNOWN -> 'X';
            case VOID -> 'P';
            default -> 'U';
        };
    }

    /** pg_type.typispreferred. */
    static boolean preferred(DataType t) {
        return switch (t.type()) {
            case FLOAT8, OID, TEXT, TIMESTAMPTZ, INTERVAL, BOOL -> true;
            default -> false;
        };
    }

    /** A type as PostgreSQL's messages name it (format_type): {@code integer}, {@code text[]}. */
    static String displayName(DataType t) {
        return t.type() == SqlType.ARRAY ? (t.element() == null ? "anyarray" : t.element().sqlName() + "[]") : t.type().sqlName();
    }
}
