package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Index and constraint DDL that migration tools emit, compared with PostgreSQL 15: CREATE INDEX
 * CONCURRENTLY IF NOT EXISTS, DROP INDEX CONCURRENTLY IF EXISTS, USING gin/hash (TableOS builds an
 * ordered index and says so in a NOTICE), and ALTER TABLE ADD CONSTRAINT name UNIQUE keeping its
 * name, so DROP CONSTRAINT name drops it (unless a foreign key depends on it).
 */
class IndexAndConstraintDdlTest {

    @OnBothDatabases
    void concurrentlyFormsAndOtherAccessMethods(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ddl_indexed");
            s.execute("CREATE TABLE ddl_indexed (id int PRIMARY KEY, a int, b int, doc jsonb)");
            s.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ddl_indexed_a ON ddl_indexed (a)");
            s.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ddl_indexed_a ON ddl_indexed (a)");
            s.execute("CREATE INDEX ddl_indexed_b_hash ON ddl_indexed USING hash (b)");
            if (db.isPostgres()) {
                assertNull(s.getWarnings());
            } else {
                // TableOS has ordered indexes only: it says what it built instead.
                assertTrue(s.getWarnings().getMessage().contains("btree"), s.getWarnings().getMessage());
            }
            s.execute("CREATE INDEX ddl_indexed_doc ON ddl_indexed USING gin (doc)");
            assertEquals("42704", stateOf(s, "CREATE INDEX ddl_indexed_bad ON ddl_indexed USING no_such_method (a)"));
            assertEquals(List.of("ddl_indexed_a", "ddl_indexed_b_hash", "ddl_indexed_doc", "ddl_indexed_pkey"),
                    Rows.of(s, "SELECT indexname FROM pg_indexes WHERE tablename = 'ddl_indexed' ORDER BY indexname"));
            s.execute("INSERT INTO ddl_indexed VALUES (1, 5, 6, '{\"k\": 1}'), (2, 5, 7, '[]')");
            assertEquals(List.of("2"), Rows.of(s, "SELECT id FROM ddl_indexed WHERE b = 7"));
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS ddl_indexed_a");
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS ddl_indexed_a");
            s.execute("DROP INDEX CONCURRENTLY ddl_indexed_b_hash");
            assertEquals(List.of("ddl_indexed_doc", "ddl_indexed_pkey"),
                    Rows.of(s, "SELECT indexname FROM pg_indexes WHERE tablename = 'ddl_indexed' ORDER BY indexname"));
            s.execute("DROP TABLE ddl_indexed");
        }
    }

    @OnBothDatabases
    void namedUniqueConstraintsKeepTheirNames(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ddl_unique_ref");
            s.execute("DROP TABLE IF EXISTS ddl_unique");
            s.execute("CREATE TABLE ddl_unique (id int PRIMARY KEY, a int, b int)");
            s.execute("ALTER TABLE ddl_unique ADD CONSTRAINT ddl_unique_pair UNIQUE (a, b), ADD UNIQUE (b)");
            assertEquals(List.of("ddl_unique_b_key|u", "ddl_unique_pair|u", "ddl_unique_pkey|p"), Rows.of(s,
                    "SELECT conname, contype FROM pg_constraint WHERE conrelid = 'ddl_unique'::regclass ORDER BY conname"));
            s.execute("INSERT INTO ddl_unique VALUES (1, 1, 1)");
            assertEquals("23505", stateOf(s, "INSERT INTO ddl_unique VALUES (2, 1, 1)"));
            s.execute("ALTER TABLE ddl_unique DROP CONSTRAINT ddl_unique_pair");
            s.execute("ALTER TABLE ddl_unique DROP CONSTRAINT ddl_unique_b_key");
            s.execute("INSERT INTO ddl_unique VALUES (2, 1, 1)");
            assertEquals(List.of("ddl_unique_pkey|p"), Rows.of(s,
                    "SELECT conname, contype FROM pg_constraint WHERE conrelid = 'ddl_unique'::regclass ORDER BY conname"));
            s.execute("ALTER TABLE ddl_unique ADD CONSTRAINT ddl_unique_id_a UNIQUE (id, a)");
            s.execute("CREATE TABLE ddl_unique_ref (id int, a int, FOREIGN KEY (id, a) REFERENCES ddl_unique (id, a))");
            assertEquals("2BP01", stateOf(s, "ALTER TABLE ddl_unique DROP CONSTRAINT ddl_unique_id_a"));
            s.execute("DROP TABLE ddl_unique_ref");
            s.execute("DROP TABLE ddl_unique");
        }
    }
}
