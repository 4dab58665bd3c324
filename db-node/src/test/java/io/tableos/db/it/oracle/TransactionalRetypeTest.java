package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * ALTER COLUMN TYPE inside a transaction block, run the same way on PostgreSQL 15 and on a node,
 * as migration tools rely on it: the block sees the new type and values at once; ROLLBACK, a
 * failed block's COMMIT and ROLLBACK TO SAVEPOINT leave the old type, the old values and working
 * indexes (on a table with a primary key and on one without); COMMIT keeps the change and leaves
 * no relation behind.
 */
class TransactionalRetypeTest {

    private static final String ROWS = "SELECT id, t FROM tx_retype ORDER BY id";
    private static final String TYPE = "SELECT data_type FROM information_schema.columns WHERE table_name = 'tx_retype' AND column_name = 't'";
    private static final String LEFT_BEHIND = "SELECT count(*) FROM pg_class WHERE relname LIKE 'pg_retyped%'";

    private static void createTable(Statement s, String key) throws SQLException {
        s.execute("DROP TABLE IF EXISTS tx_retype");
        s.execute("CREATE TABLE tx_retype (id int " + key + ", t text, note varchar(10))");
        s.execute("CREATE INDEX tx_retype_t ON tx_retype (t)");
        s.execute("INSERT INTO tx_retype VALUES (1, '10', 'a'), (2, ' 20', 'b'), (3, NULL, 'c')");
    }

    @OnBothDatabases
    void rollbackLeavesTheOldTypeAndValues(Database db) throws SQLException {
        for (String key : List.of("PRIMARY KEY", "NOT NULL")) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                createTable(s, key);
                c.setAutoCommit(false);
                s.execute("ALTER TABLE tx_retype ALTER COLUMN t TYPE int USING t::int, DROP COLUMN note");
                assertEquals(List.of("1|10", "2|20", "3|null"), Rows.of(s, ROWS), key + ": the block sees the converted values");
                assertEquals(List.of("integer"), Rows.of(s, TYPE));
                s.execute("INSERT INTO tx_retype VALUES (4, 40)");
                assertEquals(List.of("4"), Rows.of(s, "SELECT id FROM tx_retype WHERE t = 40"));
                c.rollback();
                assertEquals(List.of("1|10", "2| 20", "3|null"), Rows.of(s, ROWS), key + ": rolled back, the old values");
                assertEquals(List.of("text"), Rows.of(s, TYPE));
                assertEquals(List.of("1|10|a", "2| 20|b", "3|null|c"), Rows.of(s, "SELECT * FROM tx_retype ORDER BY id"), "the dropped column is back");
                assertEquals(List.of("2"), Rows.of(s, "SELECT id FROM tx_retype WHERE t = ' 20'"), "the index on t reads text again");
                s.execute("INSERT INTO tx_retype VALUES (5, 'five', 'e')");
                c.commit();
                assertEquals(List.of("0"), Rows.of(s, LEFT_BEHIND));
                c.commit();
            }
        }
    }

    @OnBothDatabases
    void aFailedBlockAndASavepointUndoTheRetype(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTable(s, "PRIMARY KEY");
            c.setAutoCommit(false);
            s.execute("ALTER TABLE tx_retype ALTER COLUMN t TYPE int USING t::int");
            assertEquals("23505", stateOf(s, "INSERT INTO tx_retype VALUES (1, 1)"));
            s.execute("COMMIT"); // of a failed block: rolls back
            assertEquals(List.of("text"), Rows.of(s, TYPE));
            assertEquals(List.of("1|10", "2| 20", "3|null"), Rows.of(s, ROWS));
            c.commit();

            s.execute("SAVEPOINT before_retype");
            s.execute("ALTER TABLE tx_retype ALTER COLUMN t TYPE int USING t::int");
            s.execute("ROLLBACK TO SAVEPOINT before_retype");
            assertEquals(List.of("text"), Rows.of(s, TYPE));
            s.execute("ALTER TABLE tx_retype ALTER COLUMN t TYPE varchar(5)");
            c.commit();
            assertEquals(List.of("character varying"), Rows.of(s, TYPE));
            assertEquals(List.of("1|10", "2| 20", "3|null"), Rows.of(s, ROWS));
            assertEquals(List.of("0"), Rows.of(s, LEFT_BEHIND), "COMMIT leaves no relation behind");
            c.commit();
        }
    }
}
