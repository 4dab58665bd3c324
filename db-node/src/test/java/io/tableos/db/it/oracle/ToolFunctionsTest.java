package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Functions migration tools and ORMs call, compared with PostgreSQL 15: transaction-scoped
 * advisory locks (Flyway 10+ takes pg_try_advisory_xact_lock around a migration), set_config,
 * pg_sequence_last_value, pg_identify_object (in FROM, as dependency queries call it).
 */
class ToolFunctionsTest {

    @OnBothDatabases
    void transactionAdvisoryLocksLastUntilTheTransactionEnds(Database db) throws SQLException {
        try (Connection a = db.connect(); Connection b = db.connect(); Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            assertEquals(List.of("t"), Rows.of(sa, "SELECT pg_try_advisory_xact_lock(917001)"));
            assertEquals(List.of("t"), Rows.of(sa, "SELECT pg_try_advisory_xact_lock(917001)"), "re-entrant");
            assertEquals(List.of("f"), Rows.of(sb, "SELECT pg_try_advisory_xact_lock(917001)"), "held by a's open transaction");
            assertEquals(List.of("f"), Rows.of(sa, "SELECT pg_advisory_unlock(917001)"), "a transaction lock is not unlocked by hand");
            assertEquals(List.of("f"), Rows.of(sb, "SELECT pg_try_advisory_lock(917001)"));
            a.commit();
            assertEquals(List.of("t"), Rows.of(sb, "SELECT pg_try_advisory_xact_lock(917001)"), "released at commit");
            assertEquals(List.of("t|t"), Rows.of(sb, "SELECT pg_try_advisory_xact_lock(917001), pg_try_advisory_xact_lock(917001)"),
                    "b's own statement-long transaction released it");

            Rows.of(sa, "SELECT pg_advisory_xact_lock(917, 2)");
            assertEquals(List.of("f"), Rows.of(sb, "SELECT pg_try_advisory_xact_lock(917, 2)"));
            assertEquals(List.of("t"), Rows.of(sb, "SELECT pg_try_advisory_xact_lock(917002)"), "the two-integer keys are another space");
            a.rollback();
            assertEquals(List.of("t"), Rows.of(sb, "SELECT pg_try_advisory_xact_lock(917, 2)"), "released at rollback");

            a.setAutoCommit(true);
            Rows.of(sa, "SELECT pg_advisory_lock(917003)");
            a.setAutoCommit(false);
            Rows.of(sa, "SELECT pg_advisory_xact_lock(917003)");
            a.commit();
            assertEquals(List.of("f"), Rows.of(sb, "SELECT pg_try_advisory_xact_lock(917003)"), "the session-level hold remains");
            assertEquals(List.of("t"), Rows.of(sa, "SELECT pg_advisory_unlock(917003)"));
            a.commit();
            assertEquals(List.of("t"), Rows.of(sb, "SELECT pg_try_advisory_xact_lock(917003)"));
        }
    }

    @OnBothDatabases
    void setConfigSetsForTheSessionOrTheTransaction(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertEquals(List.of("migrator"), Rows.of(s, "SELECT set_config('application_name', 'migrator', false)"));
            assertEquals(List.of("migrator"), Rows.of(s, "SHOW application_name"));
            assertEquals(List.of("42"), Rows.of(s, "SELECT set_config('myapp.tenant', '42', false)"));
            assertEquals(List.of("42"), Rows.of(s, "SELECT current_setting('myapp.tenant')"));
            c.setAutoCommit(false);
            assertEquals(List.of("5s"), Rows.of(s, "SELECT set_config('statement_timeout', '5s', true)"));
            assertEquals(List.of("5s"), Rows.of(s, "SELECT current_setting('statement_timeout')"));
            c.commit();
            assertEquals(List.of("0"), Rows.of(s, "SELECT current_setting('statement_timeout')"), "is_local: until the transaction ends");
            Rows.of(s, "SELECT set_config('application_name', 'rolled back', false)");
            c.rollback();
            assertEquals(List.of("migrator"), Rows.of(s, "SHOW application_name"), "undone by rollback");
        }
    }

    @OnBothDatabases
    void sequenceLastValueIsNullUntilFirstUse(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SEQUENCE IF EXISTS tool_functions_seq");
            s.execute("CREATE SEQUENCE tool_functions_seq START 5");
            assertEquals(Arrays.asList("null"), Rows.of(s, "SELECT pg_sequence_last_value('tool_functions_seq')"));
            Rows.of(s, "SELECT nextval('tool_functions_seq')");
            Rows.of(s, "SELECT nextval('tool_functions_seq')");
            assertEquals(List.of("6"), Rows.of(s, "SELECT pg_sequence_last_value('tool_functions_seq'::regclass)"));
            s.execute("DROP SEQUENCE tool_functions_seq");
        }
    }

    @OnBothDatabases
    void identifyObjectNamesRelationsSchemasAndConstraints(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS tool_identify");
            s.execute("CREATE TABLE tool_identify (id int PRIMARY KEY, v int)");
            assertEquals(List.of("table|public|tool_identify|public.tool_identify"), Rows.of(s,
                    "SELECT i.type, i.schema, i.name, i.identity FROM pg_identify_object('pg_class'::regclass, 'tool_identify'::regclass, 0) AS i"));
            assertEquals(List.of("schema|null|public|public"), Rows.of(s, "SELECT type, schema, name, identity FROM"
                    + " pg_identify_object('pg_namespace'::regclass, (SELECT oid FROM pg_namespace WHERE nspname = 'public'), 0)"));
            assertEquals(List.of("table constraint|public|null|tool_identify_pkey on public.tool_identify"), Rows.of(s,
                    "SELECT type, schema, name, identity FROM pg_identify_object('pg_constraint'::regclass,"
                            + " (SELECT oid FROM pg_constraint WHERE conname = 'tool_identify_pkey'), 0)"));
            assertEquals(List.of("tool_identify_pkey|index"), Rows.of(s, "SELECT c.relname, i.type FROM pg_class c,"
                    + " pg_identify_object('pg_class'::regclass, c.oid, 0) i WHERE c.relname = 'tool_identify_pkey'"));
            s.execute("DROP TABLE tool_identify");
        }
    }
}
