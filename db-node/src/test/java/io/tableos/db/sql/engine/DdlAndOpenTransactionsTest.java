package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.types.DbException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DDL commits as it runs, while rows a transaction buffered are encoded in the table's layout
 * of the time they were written: such rows must never be stored under a newer definition.
 */
class DdlAndOpenTransactionsTest extends EngineTestBase {

    @Test
    void anotherSessionsAlterFailsTheWriterAtCommit() {
        try (SqlSessionImpl writer = fixture.session(); SqlSessionImpl migrator = fixture.session()) {
            EngineFixture.run(writer, "create table layout_a (id int primary key, v text)");
            EngineFixture.run(writer, "begin");
            EngineFixture.run(writer, "insert into layout_a values (1, 'buffered')");
            EngineFixture.run(migrator, "alter table layout_a drop column v");
            EngineFixture.run(migrator, "alter table layout_a add column n int default 7");
            DbException e = assertThrows(DbException.class, () -> EngineFixture.run(writer, "commit"));
            assertEquals("40001", e.sqlState());
            EngineFixture.run(writer, "insert into layout_a values (2)");
            List<Object[]> rows = EngineFixture.run(writer, "select * from layout_a order by id");
            assertEquals(1, rows.size(), "the buffered row of the old layout was not stored");
            assertEquals(7, rows.get(0)[1]);
        }
    }

    @Test
    void ownAlterAfterOwnRowWritesIsRefused() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "create table layout_b (id int primary key, v text)");
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "insert into layout_b values (1, 'x')");
            DbException e = assertThrows(DbException.class, () -> EngineFixture.run(s, "alter table layout_b add column n int"));
            assertEquals("55006", e.sqlState());
            EngineFixture.run(s, "rollback");
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "alter table layout_b add column n int default 3");
            EngineFixture.run(s, "insert into layout_b values (1, 'x')");
            EngineFixture.run(s, "commit");
            assertEquals(3, EngineFixture.run(s, "select n from layout_b where id = 1").get(0)[0], "rows written after the DDL use the new layout");
        }
    }

    @Test
    void ddlThatKeepsTheRowLayoutLetsWritersCommit() {
        try (SqlSessionImpl writer = fixture.session(); SqlSessionImpl other = fixture.session()) {
            EngineFixture.run(writer, "create table layout_c (id int primary key, v text)");
            EngineFixture.run(writer, "begin");
            EngineFixture.run(writer, "insert into layout_c values (1, 'a')");
            EngineFixture.run(writer, "create index layout_c_v on layout_c (v)");
            EngineFixture.run(other, "alter table layout_c rename column v to w");
            EngineFixture.run(writer, "insert into layout_c values (2, 'b')");
            EngineFixture.run(writer, "commit");
            assertEquals(2L, EngineFixture.run(writer, "select count(*) from layout_c where w in ('a', 'b')").get(0)[0]);
        }
    }
}
