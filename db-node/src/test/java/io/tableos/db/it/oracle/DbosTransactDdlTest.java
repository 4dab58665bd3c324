package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tableos.db.sql.parse.StatementSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * DBOS Transact 1.1.0-m6's schema statements, verbatim (src/test/resources/reference/
 * dbos-transact-migrations.sql: its PL/pgSQL functions, triggers and ALTER FUNCTION ... SET among
 * them), run against PostgreSQL 15 and a node; then its functions called as a client would:
 * enqueue_workflow with named and default arguments, send_message, whose insert fires the
 * notifications trigger that a LISTENing connection receives, and their SQLSTATEs.
 */
class DbosTransactDdlTest {

    /**
     * The capture's notifications table (MIG 1.8) is declared with this primary key already, so
     * PostgreSQL 15 itself rejects MIG 10.1 (42P16); the SDK creates the key once.
     */
    private static final String CAPTURE_DUPLICATE = "ALTER TABLE \"dbos\".notifications ADD PRIMARY KEY (message_uuid)";

    @OnBothDatabases
    void migrationsCreateFunctionsAndTriggersThatWork(Database db) throws SQLException, IOException {
        try (Connection c = db.connect(); Connection listener = db.connect(); Statement s = c.createStatement();
             Statement ls = listener.createStatement()) {
            dropDbosSchema(s);
            s.execute("CREATE SCHEMA dbos");
            for (String statement : StatementSplitter.split(read("/reference/dbos-transact-migrations.sql"))) {
                if (statement.contains(CAPTURE_DUPLICATE)) continue;
                s.execute(statement);
            }

            String id = single(s, "SELECT \"dbos\".enqueue_workflow('wf', 'q', named_args => '{\"a\": 1}'::json, workflow_id => 'wf-1', priority => 3)");
            assertEquals("wf-1", id);
            assertEquals(List.of("wf-1|ENQUEUED|wf|q|3|portable_json|{\"positionalArgs\" : [], \"namedArgs\" : {\"a\": 1}}"),
                    Rows.of(s, "SELECT workflow_uuid, status, name, queue_name, priority, serialization, inputs FROM dbos.workflow_status"));
            assertEquals("wf-2", single(s, "SELECT dbos.enqueue_workflow('wf', 'q', workflow_id => 'wf-2', delay_until_epoch_ms => 5)"));
            assertEquals("DELAYED", single(s, "SELECT status FROM dbos.workflow_status WHERE workflow_uuid = 'wf-2'"));
            assertEquals("P0001", stateOf(s, "SELECT dbos.enqueue_workflow('', 'q')"));
            s.execute("SELECT dbos.enqueue_workflow('wf', 'q', workflow_id => 'wf-3', deduplication_id => 'd')");
            assertEquals("23505", stateOf(s, "SELECT dbos.enqueue_workflow('wf', 'q', workflow_id => 'wf-4', deduplication_id => 'd')"));

            ls.execute("LISTEN dbos_notifications_channel");
            s.execute("SELECT dbos.send_message('wf-1', '{\"m\": 1}'::json, 'topic-a', 'key-1')");
            s.execute("SELECT dbos.send_message('wf-1', '{\"m\": 1}'::json, 'topic-a', 'key-1')");  // idempotent: no second row
            assertEquals(List.of("wf-1|topic-a|key-1"), Rows.of(s, "SELECT destination_uuid, topic, message_uuid FROM dbos.notifications"));
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertNotNull(received);
            assertEquals("wf-1::topic-a", received[0].getParameter());
            assertEquals("23503", stateOf(s, "SELECT dbos.send_message('no-such-workflow', '{}'::json)"));
            dropDbosSchema(s);
        }
    }

    private static void dropDbosSchema(Statement s) throws SQLException {
        s.execute("DROP SCHEMA IF EXISTS dbos CASCADE");
    }

    private static String single(Statement s, String sql) throws SQLException {
        List<String> rows = Rows.of(s, sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = DbosTransactDdlTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
