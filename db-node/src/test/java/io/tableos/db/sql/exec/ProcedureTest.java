package io.tableos.db.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.types.DataType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Built-in procedures: registered in Java with SQL bodies (ProcedureContext.query/update),
 * called as a FROM item and in the select list, each run whole through
 * TransactionManager.runProcedure in its own transaction.
 */
class ProcedureTest {
    @TempDir
    Path dir;

    @Test
    void proceduresRunSqlBodiesOnTheCommitPath() throws Exception {
        try (EngineFixture fixture = new EngineFixture(dir); SqlSession s = fixture.session()) {
            SessionText.execute(s, "CREATE SCHEMA sched");
            SessionText.execute(s, "CREATE TABLE sched.tasks (id bigint PRIMARY KEY, state text NOT NULL, worker text)");
            SessionText.execute(s, "INSERT INTO sched.tasks SELECT g, 'queued', NULL FROM generate_series(1, 5) AS g");
            fixture.engine.procedures().register("sched.claim", List.of(DataType.TEXT, DataType.INT4),
                    List.of(ResultColumn.of("id", DataType.INT8)),
                    (ctx, args) -> ctx.query("UPDATE sched.tasks SET state = 'running', worker = $1 WHERE id IN "
                            + "(SELECT id FROM sched.tasks WHERE state = 'queued' ORDER BY id LIMIT $2) RETURNING id", args[0], args[1]));
            fixture.engine.procedures().register("sched.finish", List.of(DataType.INT8),
                    List.of(ResultColumn.of("done", DataType.INT8)),
                    (ctx, args) -> List.<Object[]>of(new Object[] {ctx.update("UPDATE sched.tasks SET state = 'done' WHERE id = $1 AND state = 'running'", args[0])}));

            assertEquals(List.of("id", "1", "2"), SessionText.execute(s, "SELECT * FROM sched.claim('w1', 2) ORDER BY id"));
            assertEquals(List.of("claim", "3"), SessionText.execute(s, "SELECT sched.claim('w2', 1)"));
            assertEquals(List.of("done", "1"), SessionText.execute(s, "SELECT * FROM sched.finish(2)"));
            assertEquals(List.of("done", "0"), SessionText.execute(s, "SELECT * FROM sched.finish(5)"));
            assertEquals(List.of("state | count", "done | 1", "queued | 2", "running | 2"),
                    SessionText.execute(s, "SELECT state, count(*) FROM sched.tasks GROUP BY state ORDER BY state"));
            assertEquals(List.of("ERROR 42883 function sched.nope does not exist"), SessionText.execute(s, "SELECT * FROM sched.nope(1)"));
        }
    }
}
