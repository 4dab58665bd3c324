package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code agg(...) FILTER (WHERE ...)}, compared with PostgreSQL 15: a filtered aggregate makes
 * the query an aggregate query (one row without GROUP BY), for every aggregate function, with
 * DISTINCT and ORDER BY inside the call, per group, and inside a window.
 */
class AggregateFilterTest {

    @OnBothDatabases
    void filteredAggregatesAggregateOnlyMatchingRows(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS agg_filter");
            s.execute("CREATE TABLE agg_filter (id int PRIMARY KEY, g text, v int, b boolean)");
            s.execute("INSERT INTO agg_filter VALUES (1, 'x', 10, true), (2, 'x', 20, false), (3, 'y', 30, true), (4, 'y', NULL, true)");

            assertEquals(List.of("3"), Rows.of(s, "SELECT count(*) FILTER (WHERE id > 1) FROM agg_filter"));
            assertEquals(List.of("2|4"), Rows.of(s, "SELECT count(v) FILTER (WHERE id > 1), count(*) FROM agg_filter"));
            assertEquals(List.of("40|20.0000000000000000|30|10|20.0000000000000000|f|t"), Rows.of(s,
                    "SELECT sum(v) FILTER (WHERE b), avg(v) FILTER (WHERE NOT b), max(v) FILTER (WHERE b), min(v) FILTER (WHERE v < 30),"
                            + " avg(v) FILTER (WHERE id = 2), bool_and(b) FILTER (WHERE id < 3), bool_or(b) FILTER (WHERE id > 2) FROM agg_filter"));
            assertEquals(List.of("10;30|{10,30,NULL}|1"), Rows.of(s,
                    "SELECT string_agg(v::text, ';' ORDER BY v) FILTER (WHERE b), array_agg(v ORDER BY id) FILTER (WHERE b),"
                            + " count(DISTINCT g) FILTER (WHERE v >= 30) FROM agg_filter"));
            assertEquals(List.of("x|1|2", "y|0|2"), Rows.of(s,
                    "SELECT g, count(*) FILTER (WHERE v > 10 AND v < 30), count(*) FROM agg_filter GROUP BY g ORDER BY g"));
            assertEquals(List.of("y"), Rows.of(s,
                    "SELECT g FROM agg_filter GROUP BY g HAVING count(*) FILTER (WHERE b) = 2"));
            assertEquals(List.of("0|null"), Rows.of(s, "SELECT count(*) FILTER (WHERE false), sum(v) FILTER (WHERE false) FROM agg_filter"));
            s.execute("DROP TABLE agg_filter");
        }
    }

    @OnBothDatabases
    void filteredAggregateInsideAWindow(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS agg_filter_window");
            s.execute("CREATE TABLE agg_filter_window (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO agg_filter_window VALUES (1, 1), (2, 2), (3, 3), (4, 4)");
            assertEquals(List.of("1|null|4", "2|2|4", "3|2|4", "4|6|4"), Rows.of(s,
                    "SELECT id, sum(v) FILTER (WHERE v % 2 = 0) OVER (ORDER BY id), count(*) OVER () FROM agg_filter_window ORDER BY id"));
            s.execute("DROP TABLE agg_filter_window");
        }
    }
}
