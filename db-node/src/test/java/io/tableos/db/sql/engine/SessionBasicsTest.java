package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.types.DbException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke test of the session over a real single-node engine: DDL, DML, queries, transaction blocks. */
class SessionBasicsTest extends EngineTestBase {
    @Test
    void createInsertSelectUpdateDelete() {
        try (SqlSessionImpl s = fixture.session()) {
            assertEquals("CREATE TABLE", EngineFixture.tag(s, "create table basics (id serial primary key, name text not null, v int default 7)"));
            assertEquals("INSERT 0 2", EngineFixture.tag(s, "insert into basics (name) values ('a'), ('b')"));
            List<Object[]> rows = EngineFixture.run(s, "select id, name, v from basics order by id");
            assertEquals(2, rows.size());
            assertEquals(1, rows.get(0)[0]);
            assertEquals("b", rows.get(1)[1]);
            assertEquals(7, rows.get(1)[2]);
            assertEquals("UPDATE 1", EngineFixture.tag(s, "update basics set v = v + 1 where id = 2"));
            assertEquals(8, EngineFixture.run(s, "select v from basics where id = 2").get(0)[0]);
            assertEquals("DELETE 1", EngineFixture.tag(s, "delete from basics where id = 1"));
            assertEquals(1L, EngineFixture.run(s, "select count(*) from basics").get(0)[0]);
        }
    }

    @Test
    void failedBlockRefusesUntilRollback() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "create table blocks (k int primary key)");
            EngineFixture.run(s, "begin");
            assertEquals('T', s.transactionStatus());
            EngineFixture.run(s, "insert into blocks values (1)");
            DbException e = assertThrows(DbException.class, () -> EngineFixture.run(s, "insert into blocks values (1)"));
            assertEquals("23505", e.sqlState());
            assertEquals('E', s.transactionStatus());
            DbException ignored = assertThrows(DbException.class, () -> EngineFixture.run(s, "select 1"));
            assertEquals("25P02", ignored.sqlState());
            assertEquals("ROLLBACK", EngineFixture.tag(s, "commit"));
            assertEquals('I', s.transactionStatus());
            assertEquals(0L, EngineFixture.run(s, "select count(*) from blocks").get(0)[0]);
        }
    }

    @Test
    void setAndShow() {
        try (SqlSessionImpl s = fixture.session()) {
            assertEquals("15.0", EngineFixture.run(s, "show server_version").get(0)[0]);
            EngineFixture.run(s, "set statement_timeout = 5000");
            assertEquals("5s", EngineFixture.run(s, "show statement_timeout").get(0)[0]);
            EngineFixture.run(s, "set application_name to 'x'");
            assertEquals("x", s.takeChangedReportedSettings().get("application_name"));
            assertEquals("x", EngineFixture.run(s, "select current_setting('application_name')").get(0)[0]);
        }
    }
}
