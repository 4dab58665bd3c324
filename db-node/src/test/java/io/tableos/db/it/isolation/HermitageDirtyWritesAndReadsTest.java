package io.tableos.db.it.isolation;

import static io.tableos.db.it.isolation.Session.SERIALIZATION_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Hermitage's READ COMMITTED requirements at every level, with the outcomes PostgreSQL 15 has:
 * G0 (write cycles: a second writer of a row waits for the first; at REPEATABLE READ and above it
 * then fails with 40001), G1a (aborted reads), G1b (intermediate reads) and G1c (circular
 * information flow: SERIALIZABLE lets only the first committer through).
 */
@Tag(IsolationAcceptance.TAG)
class HermitageDirtyWritesAndReadsTest {

    @OnBothDatabases
    void g0(Database db) {
        AtEachLevel.run(db, HermitageDirtyWritesAndReadsTest::g0At);
    }

    private static void g0At(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(1, h.t1.execute("update hermitage set value = 11 where id = 1"));
            Session.Pending t2Update = h.t2.blocked("update hermitage set value = 12 where id = 1", h.waits);
            assertEquals(1, h.t1.execute("update hermitage set value = 21 where id = 2"));
            h.t1.commit();
            assertEquals(Map.of(1, 11, 2, 21), h.t1.rows("select * from hermitage"));
            if (level.snapshotPerTransaction()) {
                assertEquals(SERIALIZATION_FAILURE, t2Update.failure());
                h.t2.rollback();
                assertEquals(Map.of(1, 11, 2, 21), h.committed());
            } else {
                assertEquals(1, t2Update.updateCount());
                assertEquals(1, h.t2.execute("update hermitage set value = 22 where id = 2"));
                h.t2.commit();
                assertEquals(Map.of(1, 12, 2, 22), h.committed());
            }
        }
    }

    @OnBothDatabases
    void g1a(Database db) {
        AtEachLevel.run(db, HermitageDirtyWritesAndReadsTest::g1aAt);
    }

    private static void g1aAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(1, h.t1.execute("update hermitage set value = 101 where id = 1"));
            assertEquals(Hermitage.INITIAL, h.t2.rows("select * from hermitage"));
            h.t1.rollback();
            assertEquals(Hermitage.INITIAL, h.t2.rows("select * from hermitage"));
            h.t2.commit();
            assertEquals(Hermitage.INITIAL, h.committed());
        }
    }

    @OnBothDatabases
    void g1b(Database db) {
        AtEachLevel.run(db, HermitageDirtyWritesAndReadsTest::g1bAt);
    }

    private static void g1bAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(1, h.t1.execute("update hermitage set value = 101 where id = 1"));
            assertEquals(Hermitage.INITIAL, h.t2.rows("select * from hermitage"));
            assertEquals(1, h.t1.execute("update hermitage set value = 11 where id = 1"));
            h.t1.commit();
            // READ COMMITTED reads the final committed value, never the intermediate 101;
            // a transaction snapshot still shows the value from before T1.
            Map<Integer, Integer> expected = level.snapshotPerTransaction() ? Hermitage.INITIAL : Map.of(1, 11, 2, 20);
            assertEquals(expected, h.t2.rows("select * from hermitage"));
            h.t2.commit();
            assertEquals(Map.of(1, 11, 2, 20), h.committed());
        }
    }

    @OnBothDatabases
    void g1c(Database db) {
        AtEachLevel.run(db, HermitageDirtyWritesAndReadsTest::g1cAt);
    }

    private static void g1cAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(1, h.t1.execute("update hermitage set value = 11 where id = 1"));
            assertEquals(1, h.t2.execute("update hermitage set value = 22 where id = 2"));
            assertEquals(Map.of(2, 20), h.t1.rows("select * from hermitage where id = 2"));
            assertEquals(Map.of(1, 10), h.t2.rows("select * from hermitage where id = 1"));
            h.t1.commit();
            if (level == Level.SERIALIZABLE) {
                // each read the other's row before its write: a cycle, so the second committer fails
                assertEquals(SERIALIZATION_FAILURE, h.t2.failedCommit());
                assertEquals(Map.of(1, 11, 2, 20), h.committed());
            } else {
                h.t2.commit();
                assertEquals(Map.of(1, 11, 2, 22), h.committed());
            }
        }
    }
}
