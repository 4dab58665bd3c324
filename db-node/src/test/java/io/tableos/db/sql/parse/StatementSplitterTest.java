package io.tableos.db.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting simple-query strings where semicolons hide inside quotes, dollar quotes and comments. */
class StatementSplitterTest {

    @Test
    void splitsAtTopLevelSemicolonsAndDropsEmptyStatements() {
        assertEquals(List.of("BEGIN", "SELECT 1", "COMMIT"), StatementSplitter.split("BEGIN; SELECT 1; COMMIT;"));
        assertEquals(List.of("SELECT 1"), StatementSplitter.split(" ; ;SELECT 1;;  "));
        assertEquals(List.of(), StatementSplitter.split(""));
        assertEquals(List.of(), StatementSplitter.split("  -- only a comment\n /* and this */ ;"));
    }

    @Test
    void semicolonsInsideLiteralsDoNotSplit() {
        assertEquals(List.of("SELECT 'a;b', \"c;d\"", "SELECT 2"), StatementSplitter.split("SELECT 'a;b', \"c;d\"; SELECT 2"));
        assertEquals(List.of("SELECT 'it''s; ok'"), StatementSplitter.split("SELECT 'it''s; ok'"));
        assertEquals(List.of("SELECT E'\\'; still'", "SELECT 3"), StatementSplitter.split("SELECT E'\\'; still'; SELECT 3"));
        // a plain string ending in a backslash is closed by its quote (standard_conforming_strings)
        assertEquals(List.of("SELECT 'C:\\'", "SELECT 4"), StatementSplitter.split("SELECT 'C:\\'; SELECT 4"));
    }

    @Test
    void dollarQuotesAndComments() {
        String fn = "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$";
        assertEquals(List.of(fn, "SELECT f()"), StatementSplitter.split(fn + "; SELECT f()"));
        assertEquals(List.of("SELECT $tag$ a; $$ b; $tag$"), StatementSplitter.split("SELECT $tag$ a; $$ b; $tag$;"));
        assertEquals(List.of("SELECT $1 + $2", "SELECT 5"), StatementSplitter.split("SELECT $1 + $2; SELECT 5"));
        assertEquals(List.of("SELECT 1 -- tail; comment\n+ 1"), StatementSplitter.split("SELECT 1 -- tail; comment\n+ 1"));
        assertEquals(List.of("SELECT /* a /* nested; */ still; */ 1", "SELECT 2"),
                StatementSplitter.split("SELECT /* a /* nested; */ still; */ 1; SELECT 2"));
    }
}
