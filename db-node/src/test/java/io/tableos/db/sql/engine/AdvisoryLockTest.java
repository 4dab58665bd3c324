package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.types.DbException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** pg_advisory_lock and friends across sessions of one engine: exclusion, re-entry, waiting, release at session end. */
class AdvisoryLockTest extends EngineTestBase {
    private static Object one(SqlSessionImpl s, String sql) {
        return EngineFixture.run(s, sql).get(0)[0];
    }

    @Test
    void exclusiveReentrantAndReleasedByUnlockOrSessionEnd() {
        try (SqlSessionImpl b = fixture.session()) {
            try (SqlSessionImpl a = fixture.session()) {
                assertEquals(true, one(a, "select pg_try_advisory_lock(42)"));
                assertEquals(true, one(a, "select pg_try_advisory_lock(42)"), "re-entrant for its holder");
                assertEquals(false, one(b, "select pg_try_advisory_lock(42)"));
                assertEquals(true, one(b, "select pg_try_advisory_lock(0, 42)"), "the two-integer keys are another space");
                assertEquals(false, one(b, "select pg_advisory_unlock(42)"), "only the holder unlocks");
                assertEquals(true, one(a, "select pg_advisory_unlock(42)"));
                assertEquals(false, one(b, "select pg_try_advisory_lock(42)"), "held once more");
                assertEquals(true, one(a, "select pg_advisory_unlock(42)"));
                assertEquals(false, one(a, "select pg_advisory_unlock(42)"));
                assertEquals(true, one(b, "select pg_try_advisory_lock(42)"));
                assertEquals(true, one(b, "select pg_advisory_unlock(42)"));
                EngineFixture.run(a, "select pg_advisory_lock(7)");
                assertNull(one(a, "select pg_try_advisory_lock(null)"));
            }
            assertEquals(true, one(b, "select pg_try_advisory_lock(7)"), "a closed session's locks are released");
            EngineFixture.run(b, "select pg_advisory_unlock_all()");
        }
    }

    @Test
    void waiterHonoursStatementTimeoutAndGetsTheLockOnceFree() throws Exception {
        try (SqlSessionImpl holder = fixture.session(); SqlSessionImpl waiter = fixture.session()) {
            EngineFixture.run(holder, "select pg_advisory_lock(99)");
            EngineFixture.run(waiter, "set statement_timeout = 100");
            DbException e = assertThrows(DbException.class, () -> EngineFixture.run(waiter, "select pg_advisory_lock(99)"));
            assertEquals("57014", e.sqlState());
            EngineFixture.run(waiter, "set statement_timeout = 0");
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> one(waiter, "select pg_advisory_lock(99) is null"));
            EngineFixture.run(holder, "select pg_advisory_unlock(99)");
            assertEquals(true, waiting.get(30, TimeUnit.SECONDS));
            assertEquals(false, one(holder, "select pg_try_advisory_lock(99)"), "the waiter holds it now");
        }
    }
}
