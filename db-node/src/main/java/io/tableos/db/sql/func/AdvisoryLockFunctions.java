package io.tableos.db.sql.func;

import static io.tableos.db.sql.func.FunctionRegistry.volatileFunction;

import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.util.Map;

/**
 * pg_advisory_lock, pg_try_advisory_lock, pg_advisory_unlock (one bigint key, or two
 * integers) and pg_advisory_unlock_all: session-level locks that migration tools (Flyway)
 * take around their work; pg_advisory_xact_lock and pg_try_advisory_xact_lock, held until the
 * transaction ends (Flyway 10 and later). Shared variants are not provided.
 */
final class AdvisoryLockFunctions {
    private AdvisoryLockFunctions() {}

    static void register(Map<String, FunctionRegistry.Resolver> r) {
        keyed(r, "pg_advisory_lock", DataType.of(SqlType.VOID), (locks, pair, key, c) -> {
            locks.lock(pair, key, false, true, c::checkNow);
            return null;
        });
        keyed(r, "pg_try_advisory_lock", DataType.BOOL, (locks, pair, key, c) -> locks.lock(pair, key, false, false, c::checkNow));
        keyed(r, "pg_advisory_xact_lock", DataType.of(SqlType.VOID), (locks, pair, key, c) -> {
            locks.lock(pair, key, true, true, c::checkNow);
            return null;
        });
        keyed(r, "pg_try_advisory_xact_lock", DataType.BOOL, (locks, pair, key, c) -> locks.lock(pair, key, true, false, c::checkNow));
        keyed(r, "pg_advisory_unlock", DataType.BOOL, (locks, pair, key, c) -> locks.unlock(pair, key));
        FunctionRegistry.fixed(r, "pg_advisory_unlock_all", 0, 0, volatileFunction(DataType.of(SqlType.VOID), (a, c) -> {
            c.advisoryLocks().unlockAll();
            return null;
        }));
    }

    @FunctionalInterface
    private interface KeyedBody {
        Object apply(AdvisoryLocks locks, boolean pairKey, long key, FunctionContext ctx);
    }

    /** The (bigint) and (integer, integer) forms of one function; null in, null out. */
    private static void keyed(Map<String, FunctionRegistry.Resolver> r, String name, DataType result, KeyedBody body) {
        FunctionRegistry.fixed(r, name, 1, 2, volatileFunction(result, (a, c) -> {
            for (Object arg : a) if (arg == null) return null;
            boolean pair = a.length == 2;
            long key = pair ? (Args.longValue(a[0]) << 32) | (Args.longValue(a[1]) & 0xFFFF_FFFFL) : Args.longValue(a[0]);
            return body.apply(c.advisoryLocks(), pair, key, c);
        }));
    }
}
