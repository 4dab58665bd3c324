package io.tableos.db.it.isolation;

import static io.tableos.db.it.isolation.Session.SERIALIZATION_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Hermitage's OTV (observed transaction vanishes, three sessions) and PMP
 * (predicate-many-preceders, with a read predicate and with a write predicate) at every level,
 * with PostgreSQL 15's outcomes: READ COMMITTED re-reads per statement and re-checks a waiting
 * UPDATE/DELETE on the newest row version; a transaction snapshot does not move, and a write to
 * a row changed since the snapshot fails with 40001.
 */
@Tag(IsolationAcceptance.TAG)
class HermitagePredicateTest {

    @OnBothDatabases
    void observedTransactionVanishes(Database db) {
        AtEachLevel.run(db, HermitagePredicateTest::otvAt);
    }

    private static void otvAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            h.t3.begin(level);
            assertEquals(1, h.t1.execute("update hermitage set value = 11 where id = 1"));
            assertEquals(1, h.t1.execute("update hermitage set value = 19 where id = 2"));
            Session.Pending t2Update = h.t2.blocked("update hermitage set value = 12 where id = 1", h.waits);
            h.t1.commit();
            if (level.snapshotPerTransaction()) {
                assertEquals(SERIALIZATION_FAILURE, t2Update.failure());
                h.t2.rollback();
                assertEquals(Map.of(1, 11), h.t3.rows("select * from hermitage where id = 1"));
                assertEquals(Map.of(2, 19), h.t3.rows("select * from hermitage where id = 2"));
                h.t3.commit();
                assertEquals(Map.of(1, 11, 2, 19), h.committed());
                return;
            }
            assertEquals(1, t2Update.updateCount());
            assertEquals(Map.of(1, 11), h.t3.rows("select * from hermitage where id = 1"));
            assertEquals(1, h.t2.execute("update hermitage set value = 18 where id = 2"));
            assertEquals(Map.of(2, 19), h.t3.rows("select * from hermitage where id = 2"));
            h.t2.commit();
            // T3 sees T2 whole once it commits: never T1's 11 beside T2's 18
            assertEquals(Map.of(2, 18), h.t3.rows("select * from hermitage where id = 2"));
            assertEquals(Map.of(1, 12), h.t3.rows("select * from hermitage where id = 1"));
            h.t3.commit();
            assertEquals(Map.of(1, 12, 2, 18), h.committed());
        }
    }

    @OnBothDatabases
    void predicateManyPreceders(Database db) {
        AtEachLevel.run(db, HermitagePredicateTest::pmpAt);
    }

    private static void pmpAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(Map.of(), h.t1.rows("select * from hermitage where value = 30"));
            assertEquals(1, h.t2.execute("insert into hermitage (id, value) values (3, 30)"));
            h.t2.commit();
            Map<Integer, Integer> expected = level.snapshotPerTransaction() ? Map.of() : Map.of(3, 30);
            assertEquals(expected, h.t1.rows("select * from hermitage where value % 3 = 0"));
            h.t1.commit();
            assertEquals(Map.of(1, 10, 2, 20, 3, 30), h.committed());
        }
    }

    @OnBothDatabases
    void predicateManyPrecedersWritePredicate(Database db) {
        AtEachLevel.run(db, HermitagePredicateTest::pmpWritePredicateAt);
    }

    private static void pmpWritePredicateAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(2, h.t1.execute("update hermitage set value = value + 10"));
            Session.Pending t2Delete = h.t2.blocked("delete from hermitage where value = 20", h.waits);
            h.t1.commit();
            if (level.snapshotPerTransaction()) {
                assertEquals(SERIALIZATION_FAILURE, t2Delete.failure());
                h.t2.rollback();
            } else {
                // row 2 matched T2's snapshot, but its newest version (30) no longer does; row 1
                // (now 20) was not a candidate: nothing is deleted
                assertEquals(0, t2Delete.updateCount());
                assertEquals(Map.of(1, 20), h.t2.rows("select * from hermitage where value = 20"));
                h.t2.commit();
            }
            assertEquals(Map.of(1, 20, 2, 30), h.committed());
        }
    }
}
