package io.tableos.db.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long literals of DML are taken out before JSqlParser and resolved back exactly ('' doubling
 * kept for the planner to undo); short ones, DDL and text that merely looks like a marker
 * survive unchanged; a literal of 64 Mi characters parses without JSqlParser seeing it.
 */
class LongLiteralsTest {

    @Test
    void longLiteralsOfDmlAreTakenOutAndResolvedBack() {
        String body = "it''s " + "x".repeat(LongLiterals.EXTRACTED_CHARS_MIN);
        LongLiterals.Extracted e = LongLiterals.extract("INSERT INTO t VALUES (1, '" + body + "', 'short')", "insert");
        assertEquals(List.of(body), e.literals());
        assertTrue(e.text().length() < 100, e.text());
        assertTrue(e.text().endsWith(", 'short')"), e.text());
        String marker = e.text().substring(e.text().indexOf('\'') + 1, e.text().indexOf('\'', e.text().indexOf('\'') + 1));
        assertEquals(body, LongLiterals.resolve(marker, e.literals()));
        assertEquals("short", LongLiterals.resolve("short", e.literals()));
    }

    @Test
    void mergeIsDmlToo() {
        String body = "m".repeat(LongLiterals.EXTRACTED_CHARS_MIN);
        LongLiterals.Extracted e = LongLiterals.extract("MERGE INTO t USING (VALUES (1, '" + body + "')) s(id, v) ON t.id = s.id"
                + " WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)", "merge");
        assertEquals(List.of(body), e.literals());
    }

    @Test
    void ddlShortLiteralsAndMarkerLookalikes() {
        String ddl = "CREATE TABLE t (c text DEFAULT '" + "y".repeat(LongLiterals.EXTRACTED_CHARS_MIN) + "')";
        assertEquals(ddl, LongLiterals.extract(ddl, "create").text());
        String shortOnly = "SELECT 'a', 'b'";
        assertEquals(shortOnly, LongLiterals.extract(shortOnly, "select").text());
        String lookalike = LongLiterals.MARKER_PREFIX + "0";
        String sql = "SELECT '" + lookalike + "', '" + "z".repeat(LongLiterals.EXTRACTED_CHARS_MIN) + "'";
        LongLiterals.Extracted e = LongLiterals.extract(sql, "select");
        assertEquals(2, e.literals().size(), "a user literal that looks like a marker is taken out too");
        assertEquals(lookalike, e.literals().get(0));
    }

    @Test
    void sixtyFourMebicharacterLiteralParses() {
        String body = "q".repeat(64 << 20);
        JsqlStatement parsed = (JsqlStatement) SqlFrontEnd.parse("INSERT INTO t VALUES (1, '" + body + "')");
        assertEquals(1, parsed.longLiterals().size());
        assertEquals(body.length(), parsed.longLiterals().get(0).length());
    }
}
