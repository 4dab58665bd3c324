package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DDL inside a transaction is undone when the transaction rolls back, as PostgreSQL's is:
 * ROLLBACK, a failed COMMIT, ROLLBACK TO SAVEPOINT, a failed implicit transaction, a session
 * that ends inside a block. Changes that destroy data say that they cannot be undone.
 */
class DdlRollbackTest extends EngineTestBase {
    private static boolean exists(SqlSessionImpl s, String relation) {
        return !EngineFixture.run(s, "select 1 from pg_class where relname = '" + relation + "'").isEmpty();
    }

    private static List<Object[]> columns(SqlSessionImpl s, String table) {
        return EngineFixture.run(s, "select column_name from information_schema.columns where table_name = '"
                + table + "' order by ordinal_position");
    }

    @Test
    void rollbackUndoesCreatesAndTheirRows() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "create schema rb_schema");
            EngineFixture.run(s, "create table rb_schema.rb_t (id serial primary key, v text)");
            EngineFixture.run(s, "insert into rb_schema.rb_t (v) values ('x')");
            EngineFixture.run(s, "create index rb_t_v on rb_schema.rb_t (v)");
            EngineFixture.run(s, "create sequence rb_seq");
            assertTrue(exists(s, "rb_t"));
            assertEquals("ROLLBACK", EngineFixture.tag(s, "rollback"));
            assertTrue(!exists(s, "rb_t") && !exists(s, "rb_t_v") && !exists(s, "rb_seq") && !exists(s, "rb_t_id_seq"));
            assertTrue(EngineFixture.run(s, "select 1 from pg_namespace where nspname = 'rb_schema'").isEmpty());
            // The names are free again, and a committed CREATE stays.
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "create table rb_t (id int primary key)");
            assertEquals("COMMIT", EngineFixture.tag(s, "commit"));
            assertTrue(exists(s, "rb_t"));
        }
    }

    @Test
    void alterAddingColumnsAndIndexesIsUndoneRowsKept() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "create table alt_t (id int primary key, v text)");
            EngineFixture.run(s, "insert into alt_t values (1, 'one'), (2, 'two')");
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "alter table alt_t add column w int default 5");
            EngineFixture.run(s, "create unique index alt_t_v on alt_t (v)");
            EngineFixture.run(s, "rollback");
            assertEquals(List.of("id", "v"), columns(s, "alt_t").stream().map(r -> (String) r[0]).toList());
            assertTrue(!exists(s, "alt_t_v"));
            assertEquals("two", EngineFixture.run(s, "select v from alt_t where id = 2").get(0)[0]);
        }
    }

    @Test
    void failedMigrationInABlockLeavesNothing() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "create table mig_a (id int primary key)");
            DbException e = assertThrows(DbException.class, () -> EngineFixture.run(s, "create table mig_b (id nosuchtype)"));
            assertEquals('E', s.transactionStatus());
            assertEquals("ROLLBACK", EngineFixture.tag(s, "commit"), "COMMIT of a failed block rolls back: " + e.getMessage());
            assertTrue(!exists(s, "mig_a"));
        }
    }

    @Test
    void rollbackToSavepointUndoesOnlyWhatFollowedIt() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "create table sp_kept (id int primary key)");
            EngineFixture.run(s, "savepoint before_second");
            EngineFixture.run(s, "create table sp_undone (id int primary key)");
            EngineFixture.run(s, "rollback to savepoint before_second");
            assertTrue(exists(s, "sp_kept") && !exists(s, "sp_undone"));
            EngineFixture.run(s, "commit");
            assertTrue(exists(s, "sp_kept"));
        }
    }

    @Test
    void failedImplicitTransactionUndoesItsDdl() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.runInBatch(s, "create table imp_a (id int primary key)");
            assertThrows(DbException.class, () -> EngineFixture.runInBatch(s, "insert into imp_a values ('not a number')"));
            s.endImplicitTransaction(false);
            assertTrue(!exists(s, "imp_a"));
            EngineFixture.run(s, "create table imp_b (id int primary key)");
            assertTrue(exists(s, "imp_b"), "a lone DDL statement commits");
        }
    }

    @Test
    void sessionEndingInsideABlockUndoesItsDdl() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "create table gone_t (id int primary key)");
        }
        try (SqlSessionImpl s = fixture.session()) {
            assertTrue(!exists(s, "gone_t"));
        }
    }

    @Test
    void dropInsideABlockIsUndoneByRollbackAndDoneByCommit() {
        try (SqlSessionImpl s = fixture.session(); SqlSessionImpl other = fixture.session()) {
            EngineFixture.run(s, "create table drop_t (id int primary key)");
            EngineFixture.run(s, "insert into drop_t values (1)");
            s.endImplicitTransaction(true);
            EngineFixture.run(s, "begin");
            try (StatementResult r = s.execute(s.prepare("drop table drop_t", new int[0]), new Object[0])) {
                assertNull(r.notice());
            }
            assertTrue(!exists(s, "drop_t"), "the dropping transaction no longer sees it");
            EngineFixture.run(s, "rollback");
            assertTrue(exists(other, "drop_t"), "rolled back: the table is back");
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "drop table drop_t");
            EngineFixture.run(s, "savepoint sp");
            EngineFixture.run(s, "commit");
            assertTrue(!exists(other, "drop_t"), "committed: dropped");
            assertTrue(fixture.catalog.tables().stream().noneMatch(t -> t.name().startsWith(DdlExecutor.DROPPED_PREFIX)),
                    "and not left behind under another name");
            // Outside a block a DROP is simply committed: no notice.
            EngineFixture.run(s, "create table drop_t (id int primary key)");
            try (StatementResult r = s.execute(s.prepare("drop table drop_t", new int[0]), new Object[0])) {
                assertNull(r.notice());
            }
            s.endImplicitTransaction(true);
        }
    }

    @Test
    void anotherSessionsLaterChangeIsNotOverwritten() {
        try (SqlSessionImpl s = fixture.session(); SqlSessionImpl other = fixture.session()) {
            EngineFixture.run(s, "create table shared_t (id int primary key)");
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "alter table shared_t add column a int");
            EngineFixture.run(other, "alter table shared_t add column b int");
            EngineFixture.run(s, "rollback");
            // The undo would drop b too: it is skipped, and the table stays as the other session left it.
            assertEquals(List.of("id", "a", "b"), columns(s, "shared_t").stream().map(r -> (String) r[0]).toList());
        }
    }
}
