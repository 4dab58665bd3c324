package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.types.DbException;
import org.junit.jupiter.api.Test;

/**
 * The session's side of a CancelRequest, without the wire layer: a request waits for the next
 * interrupt check (none is lost because it came before the statement started), ends exactly
 * the statement it interrupts, and can be discarded while idle. pg_sleep checks between slices.
 */
class SessionCancelTest extends EngineTestBase {
    @Test
    void aCancelEndsTheStatementItInterruptsAndNoMore() {
        try (SqlSessionImpl s = fixture.session()) {
            s.cancel(); // arrived while the Execute was queued: still honoured
            DbException e = assertThrows(DbException.class, () -> EngineFixture.runInBatch(s, "select pg_sleep(5)"));
            assertEquals("57014", e.sqlState());
            // The statements behind it (e.g. the next Sync's) run normally.
            assertEquals(1, EngineFixture.run(s, "select pg_sleep(0)").size());
        }
    }

    @Test
    void aCancelDiscardedWhileIdleDoesNotFailTheNextStatement() {
        try (SqlSessionImpl s = fixture.session()) {
            s.cancel(); // late: the statement it was aimed at has finished
            s.discardCancel();
            assertEquals(1, EngineFixture.run(s, "select pg_sleep(0)").size());
        }
    }
}
