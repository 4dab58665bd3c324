package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.catalog.ReferentialAction;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CHECK and FOREIGN KEY constraints survive a restart: first rebuilt by replaying the DDL
 * log entries, then loaded from a snapshot taken after them (plus a constraint added after
 * the snapshot, replayed from the log). Each phase opens a fresh engine on the same data
 * directory and asserts the definitions and their enforcement.
 */
class ConstraintRestartTest {
    @TempDir
    Path dir;

    @Test
    void constraintsSurviveLogReplayAndSnapshots() throws Exception {
        try (EngineFixture f = new EngineFixture(dir); SqlSessionImpl s = f.session()) {
            EngineFixture.run(s, "create table p (id int primary key, code text unique)");
            EngineFixture.run(s, "create table c (id int primary key, p_id int references p(id) on delete cascade, qty int check (qty > 0))");
            EngineFixture.run(s, "insert into p values (1, 'a')");
            EngineFixture.run(s, "insert into c values (1, 1, 5)");
        }
        try (EngineFixture f = new EngineFixture(dir); SqlSessionImpl s = f.session()) {
            assertDefinitions(f, 1);
            assertEnforced(s);
            assertTrue(f.transactions.takeSnapshot() > 0);
            EngineFixture.run(s, "alter table c add constraint c_code_fkey foreign key (id) references p (id)");
        }
        try (EngineFixture f = new EngineFixture(dir); SqlSessionImpl s = f.session()) {
            assertDefinitions(f, 2);
            assertEnforced(s);
            EngineFixture.run(s, "delete from p where id = 1");
            assertEquals(0L, EngineFixture.run(s, "select count(*) from c").get(0)[0]);
        }
    }

    private static void assertDefinitions(EngineFixture f, int foreignKeys) {
        TableDef c = f.catalog.table("public", "c");
        assertEquals(1, c.checks().size());
        assertEquals("c_qty_check", c.checks().get(0).name());
        assertEquals("qty > 0", c.checks().get(0).expressionSql());
        assertEquals(foreignKeys, c.foreignKeys().size());
        assertEquals("c_p_id_fkey", c.foreignKeys().get(0).name());
        assertEquals(ReferentialAction.CASCADE, c.foreignKeys().get(0).onDelete());
        assertEquals(f.catalog.table("public", "p").id(), c.foreignKeys().get(0).referencedTableId());
    }

    private static void assertEnforced(SqlSessionImpl s) {
        DbException check = assertThrows(DbException.class, () -> EngineFixture.run(s, "insert into c values (2, 1, 0)"));
        assertEquals(SqlState.CHECK_VIOLATION, check.sqlState());
        DbException missing = assertThrows(DbException.class, () -> EngineFixture.run(s, "insert into c values (2, 9, 1)"));
        assertEquals(SqlState.FOREIGN_KEY_VIOLATION, missing.sqlState());
        assertEquals("Key (p_id)=(9) is not present in table \"p\".", missing.detail());
    }
}
