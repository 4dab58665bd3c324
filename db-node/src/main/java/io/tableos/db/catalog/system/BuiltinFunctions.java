package io.tableos.db.catalog.system;

/** The built-in functions pg_proc lists, and their signatures for pg_get_function_result/arguments. */
public final class BuiltinFunctions {
    /**
     * Built-in functions pg_proc lists (enough for \df, getFunctions and regproc lookups):
     * oid, name, result type, argument types, volatility.
     */
    static final Object[][] FUNCTIONS = {
            {89L, "version", 25L, new long[] {}, "s"},
            {750L, "array_in", 2277L, new long[] {2275, 26, 23}, "s"},
            {861L, "current_database", 19L, new long[] {}, "s"},
            {1081L, "format_type", 25L, new long[] {26, 23}, "s"},
            {1299L, "now", 1184L, new long[] {}, "s"},
            {1402L, "current_schema", 19L, new long[] {}, "s"},
            {1403L, "current_schemas", 1003L, new long[] {16}, "s"},
            {1574L, "nextval", 20L, new long[] {2205}, "v"},
            {1575L, "currval", 20L, new long[] {2205}, "v"},
            {1576L, "setval", 20L, new long[] {2205, 20}, "v"},
            {1642L, "pg_get_userbyid", 19L, new long[] {26}, "s"},
            {2026L, "pg_backend_pid", 23L, new long[] {}, "s"},
            {2079L, "pg_table_is_visible", 16L, new long[] {26}, "s"},
            {2507L, "pg_get_indexdef", 25L, new long[] {26, 23, 16}, "s"},
            {2508L, "pg_get_constraintdef", 25L, new long[] {26, 16}, "s"},
            {2509L, "pg_get_expr", 25L, new long[] {194, 26, 16}, "s"},
            {2943L, "txid_current", 20L, new long[] {}, "s"},
            {3036L, "pg_notify", 2278L, new long[] {25, 25}, "v"},
            {3810L, "pg_is_in_recovery", 16L, new long[] {}, "v"}};

    private BuiltinFunctions() {}

    /** The result type OID of the listed function {@code oid}, or -1 when it is not listed. */
    public static long resultType(long oid) {
        Object[] f = find(oid);
        return f == null ? -1 : (Long) f[2];
    }

    /** The argument type OIDs of the listed function {@code oid}, or null when it is not listed. */
    public static long[] argumentTypes(long oid) {
        Object[] f = find(oid);
        return f == null ? null : (long[]) f[3];
    }

    private static Object[] find(long oid) {
        for (Object[] f : FUNCTIONS) if ((Long) f[0] == oid) return f;
        return null;
    }
}
