package io.tableos.db.it.isolation;

import static io.tableos.db.it.isolation.Session.SERIALIZATION_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * Hermitage's anti-dependency cycles at every level, with PostgreSQL 15's outcomes: G2-item
 * (write skew on items), G2 (on a read predicate, with inserts) and Fekete et al.'s read-only
 * anomaly (two anti-dependency edges through a read-only transaction). READ COMMITTED and
 * REPEATABLE READ allow them; SERIALIZABLE fails one transaction with 40001. G2-item and the
 * Fekete example begin through JDBC's setTransactionIsolation.
 */
@Tag(IsolationAcceptance.TAG)
class HermitageWriteSkewTest {

    @OnBothDatabases
    void writeSkew(Database db) {
        AtEachLevel.run(db, HermitageWriteSkewTest::g2ItemAt);
    }

    private static void g2ItemAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.beginWithJdbc(db, level)) {
            assertEquals(Hermitage.INITIAL, h.t1.rows("select * from hermitage where id in (1, 2)"));
            assertEquals(Hermitage.INITIAL, h.t2.rows("select * from hermitage where id in (1, 2)"));
            assertEquals(1, h.t1.execute("update hermitage set value = 11 where id = 1"));
            assertEquals(1, h.t2.execute("update hermitage set value = 21 where id = 2"));
            h.t1.commit();
            if (level == Level.SERIALIZABLE) {
                assertEquals(SERIALIZATION_FAILURE, h.t2.failedCommit());
                assertEquals(Map.of(1, 11, 2, 20), h.committed());
            } else {
                h.t2.commit();
                assertEquals(Map.of(1, 11, 2, 21), h.committed());
            }
        }
    }

    @OnBothDatabases
    void antiDependencyCycle(Database db) {
        AtEachLevel.run(db, HermitageWriteSkewTest::g2At);
    }

    private static void g2At(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.begin(db, level)) {
            assertEquals(Map.of(), h.t1.rows("select * from hermitage where value % 3 = 0"));
            assertEquals(Map.of(), h.t2.rows("select * from hermitage where value % 3 = 0"));
            assertEquals(1, h.t1.execute("insert into hermitage (id, value) values (3, 30)"));
            assertEquals(1, h.t2.execute("insert into hermitage (id, value) values (4, 42)"));
            h.t1.commit();
            if (level == Level.SERIALIZABLE) {
                assertEquals(SERIALIZATION_FAILURE, h.t2.failedCommit());
                assertEquals(Map.of(3, 30), h.t3.rows("select * from hermitage where value % 3 = 0"));
            } else {
                h.t2.commit();
                assertEquals(Map.of(3, 30, 4, 42), h.t3.rows("select * from hermitage where value % 3 = 0"));
            }
        }
    }

    @OnBothDatabases
    void antiDependencyCycleFekete(Database db) {
        AtEachLevel.run(db, HermitageWriteSkewTest::g2FeketeAt);
    }

    private static void g2FeketeAt(Database db, Level level) throws SQLException {
        try (Hermitage h = Hermitage.open(db)) {
            h.t1.beginWithJdbc(level);
            assertEquals(Hermitage.INITIAL, h.t1.rows("select * from hermitage"));
            h.t2.beginWithJdbc(level);
            assertEquals(1, h.t2.execute("update hermitage set value = value + 5 where id = 2"));
            h.t2.commit();
            h.t3.beginWithJdbc(level);
            assertEquals(Map.of(1, 10, 2, 25), h.t3.rows("select * from hermitage"));
            h.t3.commit();
            if (level == Level.SERIALIZABLE) {
                // T3 saw T2 but not T1, while T1 read before T2: T1 cannot be placed
                assertEquals(SERIALIZATION_FAILURE, h.t1.failure("update hermitage set value = 0 where id = 1"));
                h.t1.rollback();
                assertEquals(Map.of(1, 10, 2, 25), h.committed());
            } else {
                assertEquals(1, h.t1.execute("update hermitage set value = 0 where id = 1"));
                h.t1.commit();
                assertEquals(Map.of(1, 0, 2, 25), h.committed());
            }
        }
    }
}
