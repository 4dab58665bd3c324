package io.tableos.db.it.isolation;

import static io.tableos.db.it.isolation.Session.SERIALIZATION_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Hermitage's P4 (lost update) and G-single (read skew: by item, by read predicate, and with a
 * write predicate) at every level, with PostgreSQL 15's outcomes. P4 begins its transactions
 * through JDBC's setTransactionIsolation instead of SET TRANSACTION.
 */
@Tag(IsolationAcceptance.TAG)
class HermitageLostUpdateAndReadSkewTest {

    @OnBothDatabases
    void lostUpdate(Database db) {
        AtEachLevel.run(db, HermitageLostUpdateAndReadSkewTest::p4At);
    }

    private static void p4At(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.beginWithJdbc(db, level)) {
            assertEquals(Map.of(1, 10), h.t1.rows("select * from hermitage where id = 1"));
            assertEquals(Map.of(1, 10), h.t2.rows("select * from hermitage where id = 1"));
            assertEquals(1, h.t1.execute("update hermitage set value = 11 where id = 1"));
            Session.Pending t2Update = h.t2.blocked("update hermitage set value = 11 where id = 1", h.waits);
            h.t1.commit();
            if (level.snapshotPerTransaction()) {
                assertEquals(SERIALIZATION_FAILURE, t2Update.failure());
                h.t2.rollback();
            } else {
                // T2 overwrites T1's update, which it never saw: the lost update READ COMMITTED allows
                assertEquals(1, t2Update.updateCount());
                h.t2.commit();
            }
            assertEquals(Map.of(1, 11, 2, 20), h.committed());
        }
    }

    @OnBothDatabases
    void readSkew(Database db) {
        AtEachLevel.run(db, HermitageLostUpdateAndReadSkewTest::gSingleAt);
    }

    private static void gSingleAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(Map.of(1, 10), h.t1.rows("select * from hermitage where id = 1"));
            assertEquals(Map.of(1, 10), h.t2.rows("select * from hermitage where id = 1"));
            assertEquals(Map.of(2, 20), h.t2.rows("select * from hermitage where id = 2"));
            assertEquals(1, h.t2.execute("update hermitage set value = 12 where id = 1"));
            assertEquals(1, h.t2.execute("update hermitage set value = 18 where id = 2"));
            h.t2.commit();
            Map<Integer, Integer> expected = level.snapshotPerTransaction() ? Map.of(2, 20) : Map.of(2, 18);
            assertEquals(expected, h.t1.rows("select * from hermitage where id = 2"));
            h.t1.commit();
            assertEquals(Map.of(1, 12, 2, 18), h.committed());
        }
    }

    @OnBothDatabases
    void readSkewPredicateDependencies(Database db) {
        AtEachLevel.run(db, HermitageLostUpdateAndReadSkewTest::gSinglePredicateAt);
    }

    private static void gSinglePredicateAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(Hermitage.INITIAL, h.t1.rows("select * from hermitage where value % 5 = 0"));
            assertEquals(1, h.t2.execute("update hermitage set value = 12 where value = 10"));
            h.t2.commit();
            Map<Integer, Integer> expected = level.snapshotPerTransaction() ? Map.of() : Map.of(1, 12);
            assertEquals(expected, h.t1.rows("select * from hermitage where value % 3 = 0"));
            h.t1.commit();
            assertEquals(Map.of(1, 12, 2, 20), h.committed());
        }
    }

    @OnBothDatabases
    void readSkewWritePredicate(Database db) {
        AtEachLevel.run(db, HermitageLostUpdateAndReadSkewTest::gSingleWritePredicateAt);
    }

    private static void gSingleWritePredicateAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(Map.of(1, 10), h.t1.rows("select * from hermitage where id = 1"));
            assertEquals(Hermitage.INITIAL, h.t2.rows("select * from hermitage"));
            assertEquals(1, h.t2.execute("update hermitage set value = 12 where id = 1"));
            assertEquals(1, h.t2.execute("update hermitage set value = 18 where id = 2"));
            h.t2.commit();
            if (level.snapshotPerTransaction()) {
                // row 2 is 20 in T1's snapshot but was changed since: deleting it cannot serialize
                assertEquals(SERIALIZATION_FAILURE, h.t1.failure("delete from hermitage where value = 20"));
                h.t1.rollback();
            } else {
                assertEquals(0, h.t1.execute("delete from hermitage where value = 20"));
                h.t1.commit();
            }
            assertEquals(Map.of(1, 12, 2, 18), h.committed());
        }
    }
}
