package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.types.DbException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a retype inside a transaction block is TableOS's own, on a real engine: until the block
 * ends, another session's write to the table (INSERT, UPDATE, TRUNCATE) fails at its COMMIT with
 * 55006 and nothing of it is stored, and its DDL on the table fails with 55006 at once (PostgreSQL's ACCESS EXCLUSIVE lock would make it wait; we have no table locks, and the
 * block's ROLLBACK puts the kept rows back whole, which would lose the write). Once the block has
 * rolled back or committed, the table takes writes again.
 */
class RetypeInBlockEngineTest extends EngineTestBase {

    @Test
    void othersCannotCommitWritesUntilTheRetypingBlockEnds() {
        try (SqlSessionImpl owner = fixture.session(); SqlSessionImpl other = fixture.session()) {
            EngineFixture.run(owner, "DROP TABLE IF EXISTS rb_t");
            EngineFixture.run(owner, "CREATE TABLE rb_t (id int PRIMARY KEY, v text)");
            EngineFixture.run(owner, "INSERT INTO rb_t VALUES (1, '1')");
            for (String end : List.of("ROLLBACK", "COMMIT")) {
                EngineFixture.run(owner, "BEGIN");
                EngineFixture.run(owner, "ALTER TABLE rb_t ALTER COLUMN v TYPE text USING v || '0'");
                DbException implicit = assertThrows(DbException.class, () -> EngineFixture.run(other, "INSERT INTO rb_t VALUES (2, '2')"));
                assertEquals("55006", implicit.sqlState(), implicit.getMessage());
                EngineFixture.run(other, "BEGIN");
                EngineFixture.run(other, "UPDATE rb_t SET v = 'other' WHERE id = 1");
                DbException block = assertThrows(DbException.class, () -> EngineFixture.run(other, "COMMIT"));
                assertEquals("55006", block.sqlState(), block.getMessage());
                DbException truncate = assertThrows(DbException.class, () -> EngineFixture.run(other, "TRUNCATE rb_t"));
                assertEquals("55006", truncate.sqlState(), truncate.getMessage());
                for (String ddl : List.of("ALTER TABLE rb_t ADD COLUMN w int", "CREATE INDEX rb_t_v ON rb_t (v)", "DROP TABLE rb_t")) {
                    DbException refused = assertThrows(DbException.class, () -> EngineFixture.run(other, ddl));
                    assertEquals("55006", refused.sqlState(), ddl + ": " + refused.getMessage());
                }
                EngineFixture.run(owner, "INSERT INTO rb_t VALUES (3, 'mine')");
                EngineFixture.run(owner, end);
                String expected = end.equals("ROLLBACK") ? "1:1" : "1:10,3:mine";
                assertEquals(expected, EngineFixture.run(other, "SELECT string_agg(id || ':' || v, ',' ORDER BY id) FROM rb_t").get(0)[0], end);
                EngineFixture.run(other, "INSERT INTO rb_t VALUES (2, '2')");
                EngineFixture.run(other, "DELETE FROM rb_t WHERE id <> 1");
            }
        }
    }
}
