package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Jdbi 3: named and positional binding, a prepared batch of 1,000 rows, RETURNING through
 * executeAndReturnGeneratedKeys, bindList expansion, row mapping to maps and values, and
 * inTransaction rolling back on an exception.
 */
class JdbiTest {
    private static final String SCHEMA = "eco_jdbi";

    @OnBothDatabases
    void bindingBatchesKeysAndTransactions(Database db) throws SQLException {
        Schemas.recreate(db, SCHEMA);
        Jdbi jdbi = Jdbi.create(Schemas.url(db, SCHEMA));
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE event (id serial PRIMARY KEY, kind text NOT NULL, payload jsonb, at timestamptz NOT NULL DEFAULT now())");
            PreparedBatch batch = h.prepareBatch("INSERT INTO event (kind, payload) VALUES (:kind, cast(:payload AS jsonb))");
            for (int i = 0; i < 1000; i++) batch.bind("kind", i % 3 == 0 ? "click" : "view").bind("payload", "{\"n\": " + i + "}").add();
            assertEquals(1000, java.util.Arrays.stream(batch.execute()).sum());

            int id = h.createUpdate("INSERT INTO event (kind) VALUES (?)").bind(0, "buy")
                    .executeAndReturnGeneratedKeys("id").mapTo(Integer.class).one();
            assertEquals(1001, id);

            List<Map<String, Object>> kinds = h.createQuery("SELECT kind, count(*) AS n FROM event GROUP BY kind ORDER BY kind")
                    .mapToMap().list();
            assertEquals(List.of(Map.of("kind", "buy", "n", 1L), Map.of("kind", "click", "n", 334L), Map.of("kind", "view", "n", 666L)), kinds);

            assertEquals(List.of(3, 6), h.createQuery("SELECT (payload->>'n')::int FROM event WHERE id IN (<ids>) ORDER BY id")
                    .bindList("ids", List.of(4, 7)).mapTo(Integer.class).list());
        });

        assertThrows(UnableToExecuteStatementException.class, () -> jdbi.useTransaction(h -> {
            h.execute("DELETE FROM event WHERE kind = 'view'");
            h.execute("INSERT INTO event (id, kind) VALUES (1, 'duplicate')");
        }));
        assertEquals(1001, (int) jdbi.<Integer, RuntimeException>withHandle(h -> h.createQuery("SELECT count(*) FROM event").mapTo(Integer.class).one()));
        assertEquals(666, (int) jdbi.<Integer, RuntimeException>inTransaction(h -> h.execute("DELETE FROM event WHERE kind = 'view'")));
    }
}
