package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * PostgreSQL 15's MERGE, run the same way on PostgreSQL and on a node: table, subquery and VALUES
 * sources; several WHEN clauses where the first whose condition holds acts; UPDATE, DELETE,
 * INSERT (with a column list, without, DEFAULT VALUES) and DO NOTHING; the row count of the
 * {@code MERGE n} tag; errors with their SQLSTATEs; a MERGE inside a transaction block.
 */
class MergeTest {

    private static void createTables(Statement s) throws SQLException {
        s.execute("DROP TABLE IF EXISTS merge_t");
        s.execute("DROP TABLE IF EXISTS merge_s");
        s.execute("CREATE TABLE merge_t (id int PRIMARY KEY, v text, n int DEFAULT 7)");
        s.execute("CREATE TABLE merge_s (id int, v text)");
        s.execute("INSERT INTO merge_t VALUES (1, 'a', 1), (2, 'b', 1), (3, 'c', 1)");
        s.execute("INSERT INTO merge_s VALUES (1, NULL), (2, 'B'), (4, 'D'), (5, 'skip')");
    }

    @OnBothDatabases
    void firstHoldingWhenClauseActsPerSourceRow(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTables(s);
            int count = s.executeUpdate("MERGE INTO merge_t t USING merge_s s ON t.id = s.id"
                    + " WHEN MATCHED AND s.v IS NULL THEN DELETE"
                    + " WHEN MATCHED THEN UPDATE SET v = s.v, n = t.n + 1"
                    + " WHEN NOT MATCHED AND s.v = 'skip' THEN DO NOTHING"
                    + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)");
            assertEquals(3, count, "one delete, one update, one insert; DO NOTHING and the unmatched target row 3 not counted");
            assertEquals(List.of("2|B|2", "3|c|1", "4|D|7"), Rows.of(s, "SELECT * FROM merge_t ORDER BY id"));
        }
    }

    @OnBothDatabases
    void subqueryAndValuesSources(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTables(s);
            assertEquals(1, s.executeUpdate("MERGE INTO merge_t USING (VALUES (3, 'x'), (6, 'y')) AS s(id, v) ON merge_t.id = s.id"
                    + " WHEN MATCHED THEN DO NOTHING WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)"));
            assertEquals(2, s.executeUpdate("MERGE INTO merge_t AS t USING (SELECT id, v || '!' AS w FROM merge_s WHERE v IS NOT NULL) s"
                    + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.w WHEN NOT MATCHED AND s.id > 4 THEN INSERT (id, v, n) VALUES (s.id, s.w, DEFAULT)"));
            assertEquals(2, s.executeUpdate("MERGE INTO merge_t USING (SELECT id + 100 AS id FROM merge_t WHERE id < 3) s ON merge_t.id = s.id"
                    + " WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id) WHEN MATCHED THEN DELETE"));
            assertEquals(List.of("1|a|1", "2|B!|1", "3|c|1", "5|skip!|7", "6|y|7", "101|null|7", "102|null|7"),
                    Rows.of(s, "SELECT * FROM merge_t ORDER BY id"));
            s.execute("DROP TABLE IF EXISTS merge_defaults");
            s.execute("CREATE TABLE merge_defaults (id serial PRIMARY KEY, note text DEFAULT 'none')");
            assertEquals(1, s.executeUpdate("MERGE INTO merge_defaults d USING (VALUES (1)) v(x) ON d.id = v.x + 10 WHEN NOT MATCHED THEN INSERT DEFAULT VALUES"));
            assertEquals(List.of("1|none"), Rows.of(s, "SELECT * FROM merge_defaults"));
            s.execute("DROP TABLE merge_defaults");
        }
    }

    /** A source column called matched, read in a CASE of the ON condition: that WHEN is no WHEN clause of the MERGE. */
    @OnBothDatabases
    void aCaseOverAColumnCalledMatchedIsNoWhenClause(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTables(s);
            assertEquals(1, s.executeUpdate("MERGE INTO merge_t t USING (VALUES (1, true), (9, false)) s(id, matched)"
                    + " ON t.id = s.id AND CASE WHEN matched THEN true ELSE false END"
                    + " WHEN MATCHED THEN UPDATE SET n = 5 WHEN NOT MATCHED THEN DO NOTHING"));
            assertEquals(List.of("1|a|5", "2|b|1", "3|c|1"), Rows.of(s, "SELECT * FROM merge_t ORDER BY id"), "source row 9 did nothing");
        }
    }

    /** Values longer than the front end keeps inline (4096 characters) reach the rows whole. */
    @OnBothDatabases
    void longLiteralValues(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTables(s);
            String text = "L".repeat(5000);
            assertEquals(2, s.executeUpdate("MERGE INTO merge_t t USING (VALUES (1, '" + text + "'), (8, '" + text + "x')) s(id, v) ON t.id = s.id"
                    + " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)"));
            assertEquals(List.of("1|5000|L", "2|1|b", "3|1|c", "8|5001|x"), Rows.of(s, "SELECT id, length(v), right(v, 1) FROM merge_t ORDER BY id"));
        }
    }

    @OnBothDatabases
    void parametersAndConditionsOnTheTarget(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTables(s);
            try (PreparedStatement p = c.prepareStatement("MERGE INTO merge_t t USING (SELECT ?::int AS id, ?::text AS v) s ON t.id = s.id"
                    + " WHEN MATCHED AND t.n > 1 THEN DELETE WHEN MATCHED THEN UPDATE SET n = t.n + 1, v = s.v"
                    + " WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)")) {
                int[][] calls = {{1, 1}, {1, 1}, {9, 1}};
                String[] values = {"first", "second", "nine"};
                for (int i = 0; i < calls.length; i++) {
                    p.setInt(1, calls[i][0]);
                    p.setString(2, values[i]);
                    assertEquals(calls[i][1], p.executeUpdate());
                }
            }
            assertEquals(List.of("2|b|1", "3|c|1", "9|nine|7"), Rows.of(s, "SELECT * FROM merge_t ORDER BY id"));
        }
    }

    @OnBothDatabases
    void errorsCarryPostgresSqlStates(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTables(s);
            s.execute("INSERT INTO merge_s VALUES (2, 'again')");
            assertEquals("21000", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v"));
            assertEquals("21000", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN MATCHED AND s.v IS NOT NULL THEN DELETE"));
            assertEquals(List.of("1|a|1", "2|b|1", "3|c|1"), Rows.of(s, "SELECT * FROM merge_t ORDER BY id"), "a failed MERGE changes nothing");
            assertEquals(1, s.executeUpdate("MERGE INTO merge_t t USING merge_s s ON t.id = s.id AND s.id = 2 WHEN MATCHED THEN DO NOTHING"
                    + " WHEN NOT MATCHED AND s.id = 4 THEN INSERT VALUES (s.id, s.v)"), "a row matched twice but never changed is no error");
            assertEquals("42P01", stateOf(s, "MERGE INTO merge_nowhere t USING merge_s s ON t.id = s.id WHEN MATCHED THEN DELETE"));
            assertEquals("42P01", stateOf(s, "MERGE INTO merge_t t USING merge_nowhere s ON t.id = s.id WHEN MATCHED THEN DELETE"));
            assertEquals("42703", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.nope WHEN MATCHED THEN DELETE"));
            assertEquals("42703", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN MATCHED THEN UPDATE SET nope = 1"));
            assertEquals("42703", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, n)"));
            assertEquals("23505", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id + 1000 WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)"));
            assertEquals("23502", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (v) VALUES (s.v)"));
            assertEquals("42601", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id)"));
            assertEquals("42601", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 'x' RETURNING *"));
            assertEquals("22P02", stateOf(s, "MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN MATCHED THEN UPDATE SET n = 'x'"));
            assertEquals(List.of("1|a|1", "2|b|1", "3|c|1", "4|D|7"), Rows.of(s, "SELECT * FROM merge_t ORDER BY id"));
        }
    }

    @OnBothDatabases
    void mergeInATransactionBlockIsRolledBackWithIt(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTables(s);
            c.setAutoCommit(false);
            assertEquals(4, s.executeUpdate("MERGE INTO merge_t t USING merge_s s ON t.id = s.id"
                    + " WHEN MATCHED THEN UPDATE SET v = coalesce(s.v, 'null') WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)"));
            assertEquals(List.of("1|null", "2|B", "3|c", "4|D", "5|skip"), Rows.of(s, "SELECT id, v FROM merge_t ORDER BY id"), "the block sees its own MERGE");
            assertEquals(2, s.executeUpdate("MERGE INTO merge_t t USING merge_s s ON t.id = s.id WHEN MATCHED AND t.id > 3 THEN DELETE"),
                    "rows the block's first MERGE inserted are matched by its second");
            c.rollback();
            assertEquals(List.of("1|a|1", "2|b|1", "3|c|1"), Rows.of(s, "SELECT * FROM merge_t ORDER BY id"));
            c.setAutoCommit(true);
        }
    }

    /** jOOQ's upsert as the reference corpus recorded it (reference/java-library-failures.sql): quoted names, a UNION ALL source. */
    @OnBothDatabases
    void jooqMergeFromTheReferenceCorpus(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS jq_kv");
            s.execute("CREATE TABLE jq_kv (k text PRIMARY KEY, v int)");
            s.execute("INSERT INTO jq_kv VALUES ('a', 1), ('b', 2)");
            assertEquals(2, s.executeUpdate("merge into \"jq_kv\" using (select 'a' as \"k\", 100 as \"v\" union all select 'm', 7) as \"src\""
                    + " on \"jq_kv\".\"k\" = \"src\".\"k\" when matched then update set \"v\" = \"src\".\"v\""
                    + " when not matched then insert (\"k\", \"v\") values (\"src\".\"k\", \"src\".\"v\")"));
            assertEquals(List.of("a|100", "b|2", "m|7"), Rows.of(s, "SELECT * FROM jq_kv ORDER BY k"));
            s.execute("DROP TABLE jq_kv");
        }
    }
}
