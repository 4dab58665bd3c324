package io.tableos.db.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long-running statements stop with 57014: at statement_timeout, and on cancel() from
 * another thread (here: requested before fetching, as the wire layer may do between
 * Execute and the first rows). Operators check every 64 rows.
 */
class InterruptTest {
    @TempDir
    Path dir;

    private static final String LONG_QUERY = "SELECT count(*) FROM generate_series(1, 2000000000) AS g WHERE g % 7 = 3";

    @Test
    void statementTimeoutStopsALongAggregate() throws Exception {
        try (EngineFixture fixture = new EngineFixture(dir); SqlSession s = fixture.session()) {
            SessionText.execute(s, "SET statement_timeout = 100");
            List<String> out = SessionText.execute(s, LONG_QUERY);
            assertEquals("ERROR 57014", out.get(0).substring(0, 11), out.toString());
            SessionText.execute(s, "SET statement_timeout = 0");
            assertEquals(List.of("n", "1"), SessionText.execute(s, "SELECT 1 AS n"));
        }
    }

    @Test
    void cancelStopsAStreamingQuery() throws Exception {
        try (EngineFixture fixture = new EngineFixture(dir); SqlSession s = fixture.session()) {
            StatementResult r = s.execute(s.prepare("SELECT g FROM generate_series(1, 2000000000) AS g WHERE g < 0", new int[0]), new Object[0]);
            s.cancel();
            DbException e = assertThrows(DbException.class, () -> r.fetch(row -> { }, 0));
            assertEquals("57014", e.sqlState());
            s.endImplicitTransaction(false);
        }
    }
}
