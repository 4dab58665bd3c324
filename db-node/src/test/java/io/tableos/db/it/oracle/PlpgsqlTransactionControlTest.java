package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * COMMIT and ROLLBACK inside PL/pgSQL procedures and DO blocks, compared with PostgreSQL 15: allowed
 * when the CALL or DO runs at the top level in a transaction of its own (through the simple and the
 * extended protocol), the body going on in a new transaction, also inside a FOR loop over a query;
 * 2D000 inside a transaction block, in a simple Query of several statements (an implicit block in
 * PostgreSQL; an extended-protocol batch before Sync is not one), from a function, in a procedure with a SET clause, and inside a block with an EXCEPTION clause. A
 * failure after a COMMIT rolls back only what followed it. A procedure such a body calls (outside an
 * EXCEPTION block) may end transactions too, and the caller goes on in the one open after it.
 */
class PlpgsqlTransactionControlTest {

    @OnBothDatabases
    void proceduresEndTransactionsWhenCalledInTheirOwn(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("DROP TABLE IF EXISTS ptc_rows", "DROP FUNCTION IF EXISTS ptc_function()",
                    "DROP PROCEDURE IF EXISTS ptc_steps()", "DROP PROCEDURE IF EXISTS ptc_loop()", "DROP PROCEDURE IF EXISTS ptc_fails()")) {
                s.execute(sql);
            }
            s.execute("CREATE TABLE ptc_rows (x int)");
            s.execute("""
                    CREATE PROCEDURE ptc_steps() LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO ptc_rows VALUES (1);
                        COMMIT;
                        INSERT INTO ptc_rows VALUES (2);
                        ROLLBACK;
                        INSERT INTO ptc_rows VALUES (3);
                    END $$""");
            s.execute("CALL ptc_steps()");
            assertEquals(List.of("1", "3"), Rows.of(s, "SELECT x FROM ptc_rows ORDER BY x"));
            try (PreparedStatement p = c.prepareStatement("CALL ptc_steps()")) {
                p.execute();
            }
            assertEquals(List.of("1", "1", "3", "3"), Rows.of(s, "SELECT x FROM ptc_rows ORDER BY x"));

            c.setAutoCommit(false);
            assertEquals("2D000", stateOf(s, "CALL ptc_steps()"));
            c.rollback();
            c.setAutoCommit(true);
            s.execute("CREATE FUNCTION ptc_function() RETURNS int AS $$ BEGIN CALL ptc_steps(); RETURN 1; END $$ LANGUAGE plpgsql");
            assertEquals("2D000", stateOf(s, "SELECT ptc_function()"));

            s.execute("DO $$ BEGIN INSERT INTO ptc_rows VALUES (7); COMMIT; INSERT INTO ptc_rows VALUES (8); ROLLBACK; END $$");
            s.execute("""
                    CREATE PROCEDURE ptc_loop() LANGUAGE plpgsql AS $$
                    DECLARE
                        r record;
                    BEGIN
                        FOR r IN SELECT DISTINCT x FROM ptc_rows ORDER BY x LOOP
                            INSERT INTO ptc_rows VALUES (r.x * 10);
                            IF r.x = 3 THEN
                                ROLLBACK;
                            ELSE
                                COMMIT;
                            END IF;
                        END LOOP;
                    END $$""");
            s.execute("CALL ptc_loop()");
            s.execute("""
                    CREATE PROCEDURE ptc_fails() LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO ptc_rows VALUES (100);
                        COMMIT;
                        INSERT INTO ptc_rows VALUES (101);
                        PERFORM 1 / 0;
                    END $$""");
            assertEquals("22012", stateOf(s, "CALL ptc_fails()"));
            assertEquals(List.of("1", "1", "3", "3", "7", "10", "70", "100"), Rows.of(s, "SELECT x FROM ptc_rows ORDER BY x"));
            for (String sql : List.of("DROP TABLE ptc_rows", "DROP FUNCTION ptc_function()", "DROP PROCEDURE ptc_steps()",
                    "DROP PROCEDURE ptc_loop()", "DROP PROCEDURE ptc_fails()")) {
                s.execute(sql);
            }
        }
    }

    @OnBothDatabases
    void whereProceduresMayNotEndTransactions(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("DROP PROCEDURE IF EXISTS ptc_with_setting()", "DROP PROCEDURE IF EXISTS ptc_in_handler_block()",
                    "DROP PROCEDURE IF EXISTS ptc_commit()")) {
                s.execute(sql);
            }
            s.execute("CREATE PROCEDURE ptc_with_setting() LANGUAGE plpgsql SET work_mem = '1MB' AS $$ BEGIN COMMIT; END $$");
            assertEquals("2D000", stateOf(s, "CALL ptc_with_setting()"));
            s.execute("""
                    CREATE PROCEDURE ptc_in_handler_block() LANGUAGE plpgsql AS $$
                    BEGIN
                        BEGIN
                            ROLLBACK;
                        EXCEPTION WHEN division_by_zero THEN
                            NULL;
                        END;
                    END $$""");
            assertEquals("2D000", stateOf(s, "CALL ptc_in_handler_block()"));
            assertEquals("2D000", stateOf(s, "BEGIN; DO $$ BEGIN COMMIT; END $$"));
            s.execute("ROLLBACK");
            // a simple Query of several statements is an implicit transaction block; an extended-protocol batch is not
            s.execute("CREATE OR REPLACE PROCEDURE ptc_commit() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$");
            s.execute("SELECT 1; CALL ptc_commit()");
            s.execute("CALL ptc_commit(); SELECT 1");
            try (Connection simple = db.connect("preferQueryMode=simple"); Statement q = simple.createStatement()) {
                q.execute("CALL ptc_commit()");
                assertEquals("2D000", stateOf(q, "SELECT 1; CALL ptc_commit()"));
                assertEquals("2D000", stateOf(q, "CALL ptc_commit(); SELECT 1"));
                assertEquals("2D000", stateOf(q, "SELECT 1; DO $$ BEGIN ROLLBACK; END $$"));
            }
            s.execute("DROP PROCEDURE ptc_commit()");
            s.execute("DROP PROCEDURE ptc_with_setting()");
            s.execute("DROP PROCEDURE ptc_in_handler_block()");
        }
    }

    @OnBothDatabases
    void aProcedureCalledByOneThatMayEndTransactionsMayToo(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("DROP TABLE IF EXISTS ptc_nested", "DROP PROCEDURE IF EXISTS ptc_outer()",
                    "DROP PROCEDURE IF EXISTS ptc_guarded()", "DROP PROCEDURE IF EXISTS ptc_outer_fails()", "DROP PROCEDURE IF EXISTS ptc_inner(int)")) {
                s.execute(sql);
            }
            s.execute("CREATE TABLE ptc_nested (x int)");
            s.execute("""
                    CREATE PROCEDURE ptc_inner(INOUT n int) LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO ptc_nested VALUES (n);
                        COMMIT;
                        n := n + 1;
                        INSERT INTO ptc_nested VALUES (n);
                        ROLLBACK;
                    END $$""");
            s.execute("""
                    CREATE PROCEDURE ptc_outer() LANGUAGE plpgsql AS $$
                    DECLARE
                        k int := 1;
                    BEGIN
                        CALL ptc_inner(k);
                        INSERT INTO ptc_nested VALUES (k * 10);
                        CALL ptc_inner(k);
                    END $$""");
            s.execute("CALL ptc_outer()");
            assertEquals(List.of("1", "2", "20"), Rows.of(s, "SELECT x FROM ptc_nested ORDER BY x"));
            // inside an EXCEPTION block the called procedure may not end the transaction either
            s.execute("CREATE PROCEDURE ptc_guarded() LANGUAGE plpgsql AS $$ DECLARE k int := 5; "
                    + "BEGIN BEGIN CALL ptc_inner(k); EXCEPTION WHEN division_by_zero THEN NULL; END; END $$");
            assertEquals("2D000", stateOf(s, "CALL ptc_guarded()"));
            s.execute("CREATE PROCEDURE ptc_outer_fails() LANGUAGE plpgsql AS $$ DECLARE k int := 7; "
                    + "BEGIN CALL ptc_inner(k); INSERT INTO ptc_nested VALUES (99); PERFORM 1 / 0; END $$");
            assertEquals("22012", stateOf(s, "CALL ptc_outer_fails()"));
            s.execute("DO $$ DECLARE k int := 50; BEGIN CALL ptc_inner(k); INSERT INTO ptc_nested VALUES (k); END $$");
            assertEquals(List.of("1", "2", "7", "20", "50", "51"), Rows.of(s, "SELECT x FROM ptc_nested ORDER BY x"));
            for (String sql : List.of("DROP TABLE ptc_nested", "DROP PROCEDURE ptc_outer()", "DROP PROCEDURE ptc_guarded()",
                    "DROP PROCEDURE ptc_outer_fails()", "DROP PROCEDURE ptc_inner(int)")) {
                s.execute(sql);
            }
        }
    }
}
