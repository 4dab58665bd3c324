package io.tableos.db.sql.func;

import static io.tableos.db.sql.func.FunctionRegistry.fixed;
import static io.tableos.db.sql.func.FunctionRegistry.lenient;
import static io.tableos.db.sql.func.FunctionRegistry.volatileFunction;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.Map;

/** Session and server information functions, and pg_sleep. */
final class SystemFunctions {
    private SystemFunctions() {}

    private static final DataType NAME = DataType.of(SqlType.NAME);
    static final String VERSION = "PostgreSQL 15.0 (TableOS) on x86_64-pc-linux-gnu, compiled by javac, 64-bit";
    /** pg_sleep wakes at least this often to notice an interrupt (statement cancel). */
    static final long SLEEP_SLICE_MILLIS = 50;

    static void register(Map<String, FunctionRegistry.Resolver> r) {
        fixed(r, "version", 0, 0, lenient(DataType.TEXT, (a, c) -> VERSION));
        fixed(r, "current_database", 0, 0, lenient(NAME, (a, c) -> c.currentDatabase()));
        fixed(r, "current_catalog", 0, 0, lenient(NAME, (a, c) -> c.currentDatabase()));
        fixed(r, "current_schema", 0, 0, lenient(NAME, (a, c) -> c.currentSchema()));
        fixed(r, "current_user", 0, 0, lenient(NAME, (a, c) -> c.currentUser()));
        fixed(r, "session_user", 0, 0, lenient(NAME, (a, c) -> c.currentUser()));
        fixed(r, "user", 0, 0, lenient(NAME, (a, c) -> c.currentUser()));
        fixed(r, "current_role", 0, 0, lenient(NAME, (a, c) -> c.currentUser()));
        fixed(r, "pg_backend_pid", 0, 0, lenient(DataType.INT4, (a, c) -> c.backendPid()));
        fixed(r, "current_setting", 1, 2, lenient(DataType.TEXT, (a, c) -> {
            if (a[0] == null) return null;
            String name = Args.text(a[0]);
            String v = c.setting(name);
            if (v == null && !(a.length > 1 && Boolean.TRUE.equals(a[1]))) {
                throw new DbException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
            }
            return v;
        }));
        fixed(r, "pg_sleep", 1, 1, volatileFunction(DataType.of(SqlType.VOID), (a, c) -> {
            if (a[0] != null) sleep(Args.doubleValue(a[0]), c);
            return null;
        }));
    }

    /**
     * Sleeps in slices, checking the session's cancel request and statement_timeout between
     * them, so either ends it within a slice with 57014.
     */
    static void sleep(double seconds, FunctionContext context) {
        long deadline = System.nanoTime() + (long) (Math.max(seconds, 0) * 1e9);
        while (true) {
            context.checkNow();
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            try {
                Thread.sleep(Math.min(SLEEP_SLICE_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
    }
}
