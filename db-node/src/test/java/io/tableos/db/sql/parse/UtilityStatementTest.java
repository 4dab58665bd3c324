package io.tableos.db.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.sql.parse.UtilityStatement.*;
import io.tableos.db.types.DbException;
import java.util.List;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.junit.jupiter.api.Test;

/** Every utility statement form clients send, parsed into our records; plus normalisations and syntax errors. */
class UtilityStatementTest {

    private static ParsedStatement p(String sql) {
        return SqlFrontEnd.parse(sql);
    }

    @Test
    void transactionControl() {
        assertEquals(new Begin(null, null, null), p("BEGIN"));
        assertEquals(new Begin(null, null, null), p("begin work;"));
        assertEquals(new Begin("serializable", null, null), p("BEGIN ISOLATION LEVEL SERIALIZABLE"));
        assertEquals(new Begin("repeatable read", true, true), p("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY, DEFERRABLE"));
        assertEquals(new Begin("read committed", false, false), p("BEGIN TRANSACTION READ WRITE ISOLATION LEVEL READ COMMITTED NOT DEFERRABLE"));
        assertEquals(new Commit(false), p("COMMIT"));
        assertEquals(new Commit(false), p("END"));
        assertEquals(new Commit(true), p("COMMIT AND CHAIN"));
        assertEquals(new Rollback(false), p("ABORT"));
        assertEquals(new Rollback(false), p("ROLLBACK WORK"));
        assertEquals(new Savepoint("sp1"), p("SAVEPOINT sp1"));
        assertEquals(new RollbackToSavepoint("sp1"), p("ROLLBACK TO SAVEPOINT sp1"));
        assertEquals(new RollbackToSavepoint("Sp"), p("ROLLBACK TO \"Sp\""));
        assertEquals(new ReleaseSavepoint("sp1"), p("RELEASE SAVEPOINT SP1"));
        assertEquals(new ReleaseSavepoint("sp1"), p("RELEASE sp1"));
        assertEquals(new SetTransaction(null, false), p("SET TRANSACTION READ WRITE"));
        assertEquals(new SetTransaction("serializable", null), p("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"));
        assertEquals(new SetSessionCharacteristics("read committed", null),
                p("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"));
    }

    @Test
    void settings() {
        assertEquals(new UtilityStatement.Set("application_name", List.of("PostgreSQL JDBC Driver"), false),
                p("SET application_name = 'PostgreSQL JDBC Driver'"));
        assertEquals(new UtilityStatement.Set("search_path", List.of("public", "pg_catalog"), false), p("SET search_path TO public, pg_catalog"));
        assertEquals(new UtilityStatement.Set("lock_timeout", List.of("1s"), true), p("SET LOCAL lock_timeout TO '1s'"));
        assertEquals(new UtilityStatement.Set("statement_timeout", List.of("5000"), false), p("SET SESSION statement_timeout = 5000"));
        assertEquals(new UtilityStatement.Set("timezone", List.of("UTC"), false), p("SET TIME ZONE 'UTC'"));
        assertEquals(new UtilityStatement.Set("client_encoding", List.of("UTF8"), false), p("SET NAMES 'UTF8'"));
        assertEquals(new UtilityStatement.Set("extra_float_digits", List.of("3"), false), p("SET extra_float_digits = 3"));
        assertEquals(new UtilityStatement.Set("search_path", List.of(), false), p("SET search_path TO DEFAULT"));
        assertEquals(new UtilityStatement.Set("session_authorization", List.of(), false), p("SET SESSION AUTHORIZATION DEFAULT"));
        assertEquals(new UtilityStatement.Set("datestyle", List.of("iso", "mdy"), false), p("SET DateStyle = ISO, MDY"));
        assertEquals(new Reset("statement_timeout"), p("RESET statement_timeout"));
        assertEquals(new Reset("all"), p("RESET ALL"));
        assertEquals(new Show("server_version"), p("SHOW server_version"));
        assertEquals(new Show("transaction_isolation"), p("SHOW TRANSACTION ISOLATION LEVEL"));
        assertEquals(new Show("timezone"), p("SHOW TIME ZONE"));
        assertEquals(new Show("all"), p("SHOW ALL"));
    }

    @Test
    void notificationsAndPreparedStatements() {
        assertEquals(new Listen("queue_jobs_default"), p("LISTEN queue_jobs_default"));
        assertEquals(new Unlisten("*"), p("UNLISTEN *"));
        assertEquals(new Unlisten("chan"), p("UNLISTEN chan"));
        assertEquals(new Notify("q", "payload text"), p("NOTIFY q, 'payload text'"));
        assertEquals(new Notify("q", null), p("NOTIFY q"));
        assertEquals(new Prepare("claim", List.of("text", "int"), "UPDATE queue_jobs SET worker = $1 WHERE id = $2"),
                p("PREPARE claim(text, int) AS UPDATE queue_jobs SET worker = $1 WHERE id = $2"));
        assertEquals(new Prepare("q", List.of("numeric(10, 2)", "text[]"), "SELECT $1, $2"), p("PREPARE q (numeric(10, 2), text[]) AS SELECT $1, $2"));
        assertEquals(new Execute("claim", List.of("'w2'", "1")), p("EXECUTE claim('w2', 1)"));
        assertEquals(new Execute("q", List.of("f(1, 2)", "'a,b'")), p("EXECUTE q(f(1, 2), 'a,b')"));
        assertEquals(new Execute("q", List.of()), p("EXECUTE q"));
        assertEquals(new Deallocate("claim"), p("DEALLOCATE claim"));
        assertEquals(new Deallocate(null), p("DEALLOCATE PREPARE ALL"));
        assertEquals(new DiscardAll(), p("DISCARD ALL"));
        assertEquals(new Vacuum(), p("VACUUM (ANALYZE, VERBOSE) queue_jobs"));
        assertEquals(new Analyze(List.of(List.of("queue_jobs"))), p("ANALYZE queue_jobs"));
        assertEquals(new Analyze(List.of(List.of("s", "a"), List.of("b"))), p("ANALYZE VERBOSE s.a (x, y), b"));
        assertEquals(new Analyze(List.of()), p("ANALYZE"));
        assertEquals(new Checkpoint(), p("CHECKPOINT"));
    }

    @Test
    void copyTruncateExplain() {
        assertEquals(new Copy("queue_jobs", List.of("queue", "priority", "v"), true, false, null, "csv", true, null, null, null, null),
                p("COPY queue_jobs (queue, priority, v) FROM STDIN WITH (FORMAT csv, HEADER)"));
        assertEquals(new Copy(null, List.of(), false, true, "SELECT id, state FROM queue_jobs WHERE state = 'queued'", "csv", true, ",", null, null, null),
                p("COPY (SELECT id, state FROM queue_jobs WHERE state = 'queued') TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ',')"));
        assertEquals(new Copy("t", List.of(), true, false, null, "binary", false, null, null, null, null), p("COPY t FROM STDIN (FORMAT binary)"));
        assertEquals(new Copy("public.t", List.of(), true, false, null, "csv", true, ";", "", null, null),
                p("COPY public.t FROM STDIN WITH CSV HEADER DELIMITER ';' NULL ''"));
        assertEquals(new Copy("t", List.of(), true, false, null, "text", false, "|", "\\N", null, null),
                p("COPY t FROM stdin WITH (DELIMITER '|', NULL E'\\\\N')"));
        assertEquals("0A000", assertThrows(DbException.class, () -> p("COPY t FROM '/etc/passwd'")).sqlState());
        assertEquals(new Truncate(List.of("queue_jobs"), true, true), p("TRUNCATE queue_jobs RESTART IDENTITY CASCADE"));
        assertEquals(new Truncate(List.of("a", "b"), false, false), p("TRUNCATE TABLE a, ONLY b"));
        assertEquals(new Explain("SELECT * FROM t WHERE x = 1", List.of("analyze", "buffers", "format json")),
                p("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM t WHERE x = 1"));
        assertEquals(new Explain("SELECT 1", List.of("analyze", "verbose")), p("EXPLAIN ANALYZE VERBOSE SELECT 1"));
    }

    @Test
    void syntaxErrorsCarryPosition() {
        DbException e = assertThrows(DbException.class, () -> p("BEGIN ISOLATION LEVEL SOMETIMES"));
        assertEquals("42601", e.sqlState());
        assertEquals("syntax error at or near \"SOMETIMES\"", e.getMessage());
        assertEquals(23, e.position());
        e = assertThrows(DbException.class, () -> p("SELECT * FROM WHERE x = 1"));
        assertEquals("42601", e.sqlState());
        assertTrue(e.getMessage().startsWith("syntax error at or near"), e.getMessage()); // JSqlParser stops at FROM
        assertTrue(e.position() >= 10 && e.position() <= 15, "position " + e.position());
        e = assertThrows(DbException.class, () -> p("SELECT 1\nFROM t\nWHERE x = = 1"));
        assertEquals("syntax error at or near \"=\"", e.getMessage());
        assertEquals(27, e.position());
        e = assertThrows(DbException.class, () -> p("SELECT 1 +"));
        assertEquals("42601", e.sqlState());
        assertEquals("syntax error at end of input", e.getMessage());
        assertEquals("42601", assertThrows(DbException.class, () -> p("SAVEPOINT")).sqlState());
        assertEquals("42601", assertThrows(DbException.class, () -> p("COMMIT extra")).sqlState());
    }

    @Test
    void normalisationsReachJsqlParser() {
        JsqlStatement s = assertInstanceOf(JsqlStatement.class,
                p("SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(accounts)$' COLLATE pg_catalog.default"));
        assertTrue(s.normalizedText().matches(".*relname +~ +'\\^\\(accounts\\)\\$'.*"), s.normalizedText());
        assertTrue(!s.normalizedText().contains("COLLATE"), s.normalizedText());

        JsqlStatement e = assertInstanceOf(JsqlStatement.class, p("SELECT E'line1\\nit\\'s', U&'d\\0061t\\+000061', 'plain\\'"));
        List<SelectItem<?>> items = ((PlainSelect) (Select) e.statement()).getSelectItems();
        assertEquals("line1\nit's", ((StringValue) items.get(0).getExpression()).getValue().replace("''", "'"));
        assertEquals("data", ((StringValue) items.get(1).getExpression()).getValue());
        assertEquals("plain\\", ((StringValue) items.get(2).getExpression()).getValue());
        assertEquals(String.valueOf((char) 0x41) + "é\t", LexicalNormalizer.decodeEscapes("\\x41\\u00e9\\t", 0, 12));
        assertEquals("A", LexicalNormalizer.decodeEscapes("\\101", 0, 4));
    }
}
