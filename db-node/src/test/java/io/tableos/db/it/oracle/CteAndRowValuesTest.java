package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * WITH queries and row values, compared with PostgreSQL 15: CTE column lists (also before
 * INSERT), data-modifying WITH queries (read or not, in a query or before a DML statement),
 * db-scheduler's claim ({@code WITH locked AS (UPDATE ... WHERE (a, b) IN (SELECT ... FOR UPDATE
 * SKIP LOCKED LIMIT n) RETURNING *) SELECT * FROM locked ORDER BY ...}), row-value IN with
 * three-valued logic, and parenthesised joins in FROM.
 */
class CteAndRowValuesTest {

    @OnBothDatabases
    void cteColumnListsAndDataModifyingCtes(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS cte_items");
            s.execute("DROP TABLE IF EXISTS cte_archive");
            s.execute("CREATE TABLE cte_items (id int PRIMARY KEY, v text)");
            s.execute("CREATE TABLE cte_archive (id int PRIMARY KEY, v text)");
            assertEquals(3, s.executeUpdate("WITH m(a, b) AS (VALUES (1, 'x'), (2, 'y'), (3, 'w')) INSERT INTO cte_items (id, v) SELECT a, b FROM m"));
            assertEquals(List.of("3|yy"), Rows.of(s, "WITH m(n, t) AS (SELECT id, v FROM cte_items WHERE id = 2) SELECT n + 1, t || t FROM m"));

            assertEquals(1, s.executeUpdate("WITH moved AS (DELETE FROM cte_items WHERE id = 1 RETURNING *) INSERT INTO cte_archive SELECT * FROM moved"));
            assertEquals(List.of("1|x"), Rows.of(s, "SELECT * FROM cte_archive"));
            assertEquals(List.of("2|z"), Rows.of(s, "WITH changed AS (UPDATE cte_items SET v = 'z' WHERE id = 2 RETURNING id, v) SELECT * FROM changed"));
            assertEquals(List.of("2|z|2"), Rows.of(s, "WITH changed AS (UPDATE cte_items SET v = 'z' WHERE id = 2 RETURNING id, v)"
                    + " SELECT a.id, a.v, b.id FROM changed a JOIN changed b ON a.id = b.id"), "read twice, run once");
            assertEquals(List.of("1"), Rows.of(s, "WITH gone AS (DELETE FROM cte_items WHERE id = 3 RETURNING id) SELECT 1"), "runs though unread");
            assertEquals(List.of("2|z"), Rows.of(s, "SELECT * FROM cte_items"));
            assertEquals(List.of("5"), Rows.of(s, "WITH added AS (INSERT INTO cte_items VALUES (5, 'n') RETURNING id) SELECT id FROM added"));
            s.execute("DROP TABLE cte_items");
            s.execute("DROP TABLE cte_archive");
        }
    }

    @OnBothDatabases
    void dbSchedulerClaimPicksTheDueTasksInOrder(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS cte_scheduled_tasks");
            s.execute("CREATE TABLE cte_scheduled_tasks (task_name text NOT NULL, task_instance text NOT NULL, execution_time timestamptz NOT NULL,"
                    + " picked boolean NOT NULL, picked_by text, version bigint NOT NULL, PRIMARY KEY (task_name, task_instance))");
            s.execute("INSERT INTO cte_scheduled_tasks SELECT 'send', 'i' || n, timestamptz '2026-01-01 00:00:00+00' + n * interval '1 minute',"
                    + " n % 5 = 0, NULL, 1 FROM generate_series(1, 20) AS n");
            String claim = "WITH locked AS (UPDATE cte_scheduled_tasks st SET picked = true, picked_by = 'worker-1', version = version + 1"
                    + " WHERE (st.task_name, st.task_instance) IN (SELECT task_name, task_instance FROM cte_scheduled_tasks"
                    + " WHERE picked = false AND execution_time <= timestamptz '2026-01-01 00:15:00+00'"
                    + " ORDER BY execution_time FOR UPDATE SKIP LOCKED LIMIT 8) RETURNING *)"
                    + " SELECT task_instance, picked_by, version FROM locked ORDER BY execution_time";
            assertEquals(List.of("i1|worker-1|2", "i2|worker-1|2", "i3|worker-1|2", "i4|worker-1|2", "i6|worker-1|2", "i7|worker-1|2",
                    "i8|worker-1|2", "i9|worker-1|2"), Rows.of(s, claim));
            assertEquals(List.of("i11|worker-1|2", "i12|worker-1|2", "i13|worker-1|2", "i14|worker-1|2"), Rows.of(s, claim));
            assertEquals(List.of(), Rows.of(s, claim));
            assertEquals(List.of("16"), Rows.of(s, "SELECT count(*) FROM cte_scheduled_tasks WHERE picked"));
            s.execute("DROP TABLE cte_scheduled_tasks");
        }
    }

    @OnBothDatabases
    void rowValueInAndParenthesisedJoins(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS cte_pairs");
            s.execute("CREATE TABLE cte_pairs (a int, b int, label text)");
            s.execute("INSERT INTO cte_pairs VALUES (1, 1, 'one'), (1, 2, 'two'), (2, 2, 'four'), (3, NULL, 'none')");
            assertEquals(List.of("one", "four"), Rows.of(s, "SELECT label FROM cte_pairs WHERE (a, b) IN ((1, 1), (2, 2), (9, 9)) ORDER BY b"));
            assertEquals(List.of("none", "two"), Rows.of(s, "SELECT label FROM cte_pairs WHERE (a, b) NOT IN ((1, 1), (2, 2)) ORDER BY label"),
                    "(3, NULL) differs from both in its first column");
            assertEquals(List.of("null|null|t"), Rows.of(s, "SELECT (1, NULL::int) IN ((1, 1), (2, 2)), (1, NULL::int) NOT IN ((1, 1)),"
                    + " (1, NULL::int) NOT IN ((2, 1))"));
            assertEquals(List.of("two", "four"), Rows.of(s, "SELECT label FROM cte_pairs WHERE (a, b) IN (SELECT b, a + 1 FROM cte_pairs WHERE a = 1) ORDER BY a"));
            assertEquals(List.of("t|null|f|null"), Rows.of(s, "SELECT (1, 2) IN (SELECT 1, 2), (1, 2) IN (SELECT 1, NULL::int),"
                    + " (1, 2) NOT IN (SELECT 1, 2), (1, 2) NOT IN (SELECT 1, NULL::int)"));
            assertEquals(List.of("one|two", "one|four", "two|four", "four|none"), Rows.of(s, "SELECT x.label, z.label FROM (cte_pairs x JOIN cte_pairs y"
                    + " ON y.a = x.a AND y.b = x.b) JOIN cte_pairs z ON z.b = x.b + 1 OR z.a = x.a + 1 ORDER BY x.b, x.a, z.b, z.a"));
            s.execute("DROP TABLE cte_pairs");
        }
    }
}
