package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * Row values, compared with PostgreSQL 15: comparisons of row constructors over NULL-heavy rows
 * (every pair of six rows under =, <>, <, <=, >, >=, IS [NOT] DISTINCT FROM), row IS [NOT] NULL,
 * row IN lists, a row compared with a subquery's row, whole-row references compared and ordered
 * as records (two NULL fields equal, NULL after values), the text of row values, keyset pagination
 * {@code WHERE (created_at, id) > (?, ?)} through every query mode, and the errors with
 * PostgreSQL's SQLSTATEs and messages.
 *
 * <p>Deliberate difference: TableOS has no composite type per table, so a whole-row reference is
 * of type record where PostgreSQL names the table's row type (column type name "record", not the
 * table's name; an error names "record" where PostgreSQL names the table). The assertions avoid
 * those names.
 */
class RowValuesTest {

    private static void createPairs(Statement s) throws SQLException {
        s.execute("DROP TABLE IF EXISTS rv_pairs");
        s.execute("CREATE TABLE rv_pairs (id int PRIMARY KEY, a int, b int)");
        s.execute("INSERT INTO rv_pairs VALUES (1, 1, 1), (2, 1, NULL), (3, NULL, 1), (4, NULL, NULL), (5, 2, 0), (6, 1, 2)");
    }

    @OnBothDatabases
    void rowConstructorsCompareFieldByFieldWithThreeValuedLogic(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createPairs(s);
            // = fails on any unequal pair even after a NULL pair (3~5); < decides at the first unequal or NULL pair (1~5, 3~5)
            assertEquals(List.of(
                    "1~1|t|f|f|t|f|t|f|t", "1~2|null|null|null|null|null|null|t|f", "1~3|null|null|null|null|null|null|t|f",
                    "1~4|null|null|null|null|null|null|t|f", "1~5|f|t|t|t|f|f|t|f", "1~6|f|t|t|t|f|f|t|f",
                    "2~1|null|null|null|null|null|null|t|f", "2~2|null|null|null|null|null|null|f|t", "2~3|null|null|null|null|null|null|t|f",
                    "2~4|null|null|null|null|null|null|t|f", "2~5|f|t|t|t|f|f|t|f", "2~6|null|null|null|null|null|null|t|f",
                    "3~1|null|null|null|null|null|null|t|f", "3~2|null|null|null|null|null|null|t|f", "3~3|null|null|null|null|null|null|f|t",
                    "3~4|null|null|null|null|null|null|t|f", "3~5|f|t|null|null|null|null|t|f", "3~6|f|t|null|null|null|null|t|f",
                    "4~1|null|null|null|null|null|null|t|f", "4~2|null|null|null|null|null|null|t|f", "4~3|null|null|null|null|null|null|t|f",
                    "4~4|null|null|null|null|null|null|f|t", "4~5|null|null|null|null|null|null|t|f", "4~6|null|null|null|null|null|null|t|f",
                    "5~1|f|t|f|f|t|t|t|f", "5~2|f|t|f|f|t|t|t|f", "5~3|f|t|null|null|null|null|t|f",
                    "5~4|null|null|null|null|null|null|t|f", "5~5|t|f|f|t|f|t|f|t", "5~6|f|t|f|f|t|t|t|f",
                    "6~1|f|t|f|f|t|t|t|f", "6~2|null|null|null|null|null|null|t|f", "6~3|f|t|null|null|null|null|t|f",
                    "6~4|null|null|null|null|null|null|t|f", "6~5|f|t|t|t|f|f|t|f", "6~6|t|f|f|t|f|t|f|t"),
                    Rows.of(s, "SELECT l.id || '~' || r.id, (l.a, l.b) = (r.a, r.b), (l.a, l.b) <> (r.a, r.b), (l.a, l.b) < (r.a, r.b),"
                            + " (l.a, l.b) <= (r.a, r.b), (l.a, l.b) > (r.a, r.b), (l.a, l.b) >= (r.a, r.b),"
                            + " (l.a, l.b) IS DISTINCT FROM (r.a, r.b), ROW(l.a, l.b) IS NOT DISTINCT FROM ROW(r.a, r.b)"
                            + " FROM rv_pairs l, rv_pairs r ORDER BY l.id, r.id"));
            // in WHERE (where the planner also bounds by the leading field) and in a join
            assertEquals(List.of("5~1 5~2 5~6 6~1|1~1 5~1 5~2 5~5 5~6 6~1 6~6|1~5 1~6 2~5 6~5|1~1 1~5 1~6 2~5 5~5 6~5 6~6"),
                    Rows.of(s, "SELECT " + pairsWhere(", rv_pairs r WHERE", ">") + ", " + pairsWhere("JOIN rv_pairs r ON", ">=") + ", "
                            + pairsWhere(", rv_pairs r WHERE", "<") + ", " + pairsWhere(", rv_pairs r WHERE", "<=")));
            assertEquals(List.of("t|t|t|null|t|null"), Rows.of(s, "SELECT ROW(1) = ROW(1), ROW() IS NULL, (1, 2) < ROW(1, 3),"
                    + " (1, NULL::int) < (1, 2), (1, NULL::int) < (2, NULL::int), (1, 2) = ROW(1, NULL::int)"));
            s.execute("DROP TABLE rv_pairs");
        }
    }

    /** A subquery listing the pairs l~r of rv_pairs that {@code (l.a, l.b) op (r.a, r.b)} admits, r joined by {@code join}. */
    private static String pairsWhere(String join, String op) {
        return "(SELECT string_agg(l.id || '~' || r.id, ' ' ORDER BY l.id, r.id) FROM rv_pairs l " + join + " (l.a, l.b) " + op + " (r.a, r.b))";
    }

    @OnBothDatabases
    void rowsAreNullWhenEveryFieldIsAndNotNullWhenNoneIs(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createPairs(s);
            // (1,) is neither NULL nor NOT NULL; whole rows order as records, NULL fields after values
            assertEquals(List.of("(1,1)|f|t|f|t|f|t", "(1,2)|f|t|f|t|f|t", "(1,)|f|f|f|t|f|f", "(2,0)|f|t|f|t|f|t",
                    "(,1)|f|f|f|t|f|f", "(,)|t|f|t|f|t|f"),
                    Rows.of(s, "SELECT t, (t.a, t.b) IS NULL, (t.a, t.b) IS NOT NULL, ROW(t.a, t.b) IS NULL, NOT (t.a, t.b) IS NULL,"
                            + " t IS NULL, t IS NOT NULL FROM (SELECT a, b FROM rv_pairs) t ORDER BY t"));
            assertEquals(List.of("1|t|f|null", "2|null|null|null", "3|null|null|null", "4|null|null|null", "5|t|t|f", "6|f|t|null"),
                    Rows.of(s, "SELECT id, (a, b) IN ((1, 1), (NULL, 1), (2, 0)), (a, b) NOT IN ((1, 1), (0, 2)), ROW(a, b) IN (ROW(1, NULL::int))"
                            + " FROM rv_pairs ORDER BY id"));
            s.execute("DROP TABLE rv_pairs");
        }
    }

    @OnBothDatabases
    void rowComparedWithASubqueryRow(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createPairs(s);
            // no row: NULL; otherwise the row constructor rules, correlated or not
            assertEquals(List.of("null|t|f|null"), Rows.of(s, "SELECT (1, 2) = (SELECT 1, 2 WHERE false), (1, 2) < (SELECT 1, 3),"
                    + " (NULL::int, 2) = (SELECT 1, 3), (1, 2) <> (SELECT 1, NULL::int)"));
            assertEquals(List.of("1|f", "2|f", "3|null", "4|null", "5|f", "6|f"),
                    Rows.of(s, "SELECT id, (a, b) = (SELECT a, b FROM rv_pairs r WHERE r.id = 7 - l.id) FROM rv_pairs l ORDER BY id"));
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM rv_pairs WHERE (a, b) = (SELECT ?, ?)")) {
                p.setInt(1, 1);
                p.setInt(2, 2);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertEquals(6, rs.getInt(1));
                }
            }
            assertError(s, "SELECT (1, 2) = (SELECT a, b FROM rv_pairs)", "21000", "more than one row returned by a subquery used as an expression");
            assertError(s, "SELECT (1, 2) = (SELECT 1, 2, 3)", "42601", "subquery has too many columns");
            assertError(s, "SELECT (1, 2, 3) = (SELECT 1, 2)", "42601", "subquery has too few columns");
            assertError(s, "SELECT (1, 2) = (SELECT 1, 'a'::text)", "42883", "operator does not exist: integer = text");
            s.execute("DROP TABLE rv_pairs");
        }
    }

    @OnBothDatabases
    void wholeRowsCompareAsRecords(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createPairs(s);
            // unlike two row constructors, whole rows compare with NULL fields equal to each other and after values
            assertEquals(List.of("(1,1)|(1,1)|t|f|f|t|f", "(1,1)|(1,)|f|t|t|f|t", "(1,1)|(,)|f|t|t|f|t", "(1,)|(1,1)|f|t|f|t|t",
                    "(1,)|(1,)|t|f|f|t|f", "(1,)|(,)|f|t|t|f|t", "(,)|(1,1)|f|t|f|t|t", "(,)|(1,)|f|t|f|t|t", "(,)|(,)|t|f|f|t|f"),
                    Rows.of(s, "SELECT l, r, l = r, l <> r, l < r, l >= r, l IS DISTINCT FROM r"
                            + " FROM (SELECT a, b FROM rv_pairs WHERE id IN (1, 2, 4)) l, (SELECT a, b FROM rv_pairs WHERE id IN (1, 2, 4)) r"
                            + " ORDER BY l, r"));
            assertEquals(List.of("(1,)", "(,)"), Rows.of(s, "SELECT DISTINCT t FROM (SELECT a, b FROM rv_pairs WHERE b IS NULL) t ORDER BY t"));
            assertEquals(List.of("2|(2,1,)", "6|(6,1,2)"), Rows.of(s, "SELECT id, t FROM rv_pairs t WHERE t.a = 1 AND t IS DISTINCT FROM (SELECT u FROM rv_pairs u WHERE id = 1)"
                    + " ORDER BY id"));
            s.execute("DROP TABLE rv_pairs");
        }
    }

    @OnBothDatabases
    void rowValuesPrintAsPostgresPrintsRecords(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertEquals(List.of("(1,2)|(1,\"a b\",\"\",,\"x\"\"y\",\"{1,2}\",\"(,)\")|(1,2)|(7)"),
                    Rows.of(s, "SELECT (1, 2), ROW(1, 'a b', '', NULL, 'x\"y', ARRAY[1, 2], '(,)'), (1, 2)::text, ROW(7)"));
            try (ResultSet rs = s.executeQuery("SELECT ROW(1, 'a')")) {
                assertEquals("record", rs.getMetaData().getColumnTypeName(1));
                rs.next();
                assertEquals("(1,a)", rs.getString(1));
            }
        }
    }

    @OnBothDatabases
    void keysetPaginationVisitsEveryRowOnceInOrder(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS rv_events");
            s.execute("CREATE TABLE rv_events (id int PRIMARY KEY, created_at timestamp NOT NULL)");
            // seven distinct times over 40 rows: every page boundary falls among rows of equal created_at
            s.execute("INSERT INTO rv_events SELECT n, timestamp '2026-01-01 00:00:00' + (n % 7) * interval '1 hour' FROM generate_series(1, 40) AS n");
            List<String> all = Rows.of(s, "SELECT id FROM rv_events ORDER BY created_at, id");
            for (String mode : List.of("preferQueryMode=simple", "prepareThreshold=0", "prepareThreshold=1")) {
                try (Connection m = db.connect(mode)) {
                    assertEquals(all, pages(m, 6), mode);
                }
            }
            s.execute("DROP TABLE rv_events");
        }
    }

    /** Reads rv_events a page at a time, each page after the last row of the one before. */
    private static List<String> pages(Connection c, int pageSize) throws SQLException {
        List<String> seen = new ArrayList<>();
        LocalDateTime afterTime = LocalDateTime.of(1970, 1, 1, 0, 0);
        int afterId = 0;
        try (PreparedStatement page = c.prepareStatement(
                "SELECT id, created_at FROM rv_events WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?")) {
            while (true) {
                page.setTimestamp(1, Timestamp.valueOf(afterTime));
                page.setInt(2, afterId);
                page.setInt(3, pageSize);
                int rows = 0;
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        afterId = rs.getInt(1);
                        afterTime = rs.getTimestamp(2).toLocalDateTime();
                        seen.add(Integer.toString(afterId));
                    }
                }
                if (rows < pageSize) return seen;
            }
        }
    }

    @OnBothDatabases
    void rowErrorsCarryPostgresCodesAndMessages(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertError(s, "SELECT (1, 2) = (1, 2, 3)", "42601", "unequal number of entries in row expressions");
            assertError(s, "SELECT (1, 2) IS DISTINCT FROM ROW(1, 2, 3)", "42601", "unequal number of entries in row expressions");
            assertError(s, "SELECT (1, 2) IN ((1, 2), (1, 2, 3))", "42601", "unequal number of entries in row expressions");
            assertError(s, "SELECT (1, 2) = (1, 'x'::text)", "42883", "operator does not exist: integer = text");
            assertError(s, "SELECT (1, 2) < (1, true)", "42883", "operator does not exist: integer < boolean");
            assertError(s, "SELECT ROW(1, 2) = 1", "42883", "operator does not exist: record = integer");
            assertError(s, "SELECT l = r FROM (SELECT 1, 2) l, (SELECT 1, 2, 3) r", "42804",
                    "cannot compare record types with different numbers of columns");
            assertError(s, "SELECT l < r FROM (SELECT 1, NULL::int) l, (SELECT 1, NULL::text) r", "42804",
                    "cannot compare dissimilar column types integer and text at record column 2");
            assertEquals(List.of("f"), Rows.of(s, "SELECT l = r FROM (SELECT 1, 2) l, (SELECT 2, 'a'::text) r"),
                    "an unequal first field decides before the second's types are met");
            assertError(s, "CREATE TABLE rv_bad AS SELECT (1, 2) AS r", "42P16", "column \"r\" has pseudo-type record");
            assertError(s, "SELECT (1, 2) = '(1,2)'", "0A000", "input of anonymous composite types is not implemented");
            assertEquals(List.of("ok"), Rows.of(s, "SELECT 'ok'"), "the session goes on");
        }
    }

    private static void assertError(Statement s, String sql, String sqlState, String message) {
        PSQLException e = assertThrows(PSQLException.class, () -> s.execute(sql), sql);
        assertEquals(sqlState, e.getSQLState(), sql);
        assertEquals(message, e.getServerErrorMessage().getMessage(), sql);
    }
}
