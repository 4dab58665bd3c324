package io.tableos.db.it.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.SQLException;
import java.util.Map;

/**
 * MERGE against a concurrent writer at READ COMMITTED, on PostgreSQL 15 and a node: the MERGE
 * waits for the writer's row lock (observed in pg_stat_activity, {@link LockWaits}), then acts on
 * the row as the writer left it. A concurrent update that keeps the join condition true has the
 * WHEN MATCHED clauses evaluated again on the new version; a concurrent delete sends the source
 * row to the WHEN NOT MATCHED clauses, as PostgreSQL 15 documents for MERGE.
 */
class MergeConcurrencyTest {

    private static final String MERGE = "MERGE INTO merge_rc t USING (VALUES (1, 5), (2, 5)) s(id, v) ON t.id = s.id"
            + " WHEN MATCHED AND t.v > 10 THEN UPDATE SET v = t.v * 2"
            + " WHEN MATCHED THEN UPDATE SET v = t.v + s.v"
            + " WHEN NOT MATCHED THEN INSERT VALUES (s.id, -s.v)";

    @OnBothDatabases
    void concurrentUpdateIsSeenAndTheClausesEvaluatedAgain(Database db) throws SQLException {
        assertEquals(Map.of(1, 22, 2, 15), mergeBehind(db, "UPDATE merge_rc SET v = 11 WHERE id = 1"),
                "row 1 took the first clause on the committed v = 11, not the second on the v = 10 the MERGE started with");
    }

    @OnBothDatabases
    void concurrentDeleteSendsTheSourceRowToNotMatched(Database db) throws SQLException {
        assertEquals(Map.of(1, -5, 2, 15), mergeBehind(db, "DELETE FROM merge_rc WHERE id = 1"));
    }

    /** Runs {@link #MERGE} while a READ COMMITTED writer holds row 1 changed by {@code write}, commits the writer, returns the rows. */
    private static Map<Integer, Integer> mergeBehind(Database db, String write) throws SQLException {
        try (Session writer = Session.open(db, "writer"); Session merger = Session.open(db, "merger"); LockWaits waits = new LockWaits(db)) {
            writer.execute("DROP TABLE IF EXISTS merge_rc");
            writer.execute("CREATE TABLE merge_rc (id int PRIMARY KEY, v int NOT NULL)");
            writer.execute("INSERT INTO merge_rc VALUES (1, 10), (2, 10)");
            writer.begin(Level.READ_COMMITTED);
            assertEquals(1, writer.execute(write));
            Session.Pending merge = merger.blocked(MERGE, waits);
            writer.commit();
            assertEquals(2, merge.updateCount());
            Map<Integer, Integer> rows = merger.rows("SELECT id, v FROM merge_rc");
            writer.execute("DROP TABLE merge_rc");
            return rows;
        }
    }
}
