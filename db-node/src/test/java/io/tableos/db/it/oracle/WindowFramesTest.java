package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Window frames, ntile, json_agg and jsonb_agg, compared with PostgreSQL 15: ROWS frames with
 * offsets (empty frames included), RANGE frames over peer groups and with numeric and interval
 * offsets (ascending, descending, around NULL keys), first_value, last_value and nth_value over
 * the default frame (which ends at the current row's last peer) and explicit ones, frames per partition,
 * ntile's uneven buckets, and JSON arrays of numbers, text, NULLs and json documents.
 */
class WindowFramesTest {

    @OnBothDatabases
    void framesAndNtile(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS window_frames");
            s.execute("CREATE TABLE window_frames (id int PRIMARY KEY, g text, v int)");
            s.execute("INSERT INTO window_frames VALUES (1, 'a', 10), (2, 'a', 20), (3, 'a', 20), (4, 'a', 40), (5, 'b', 5), (6, 'b', NULL), (7, 'b', 7)");
            assertEquals(List.of("1|30|null|2", "2|50|10|3", "3|80|30|3", "4|60|40|2", "5|5|null|2", "6|12|5|3", "7|7|5|2"), Rows.of(s,
                    "SELECT id, sum(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),"
                            + " sum(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING),"
                            + " count(*) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)"
                            + " FROM window_frames ORDER BY id"));
            assertEquals(List.of("1|90|90|10|1", "2|80|80|50|2", "3|80|60|50|2", "4|40|40|90|2"), Rows.of(s,
                    "SELECT id, sum(v) OVER (ORDER BY v RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),"
                            + " sum(v) OVER (ORDER BY v, id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),"
                            + " sum(v) OVER (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),"
                            + " count(*) OVER (ORDER BY id ROWS 1 PRECEDING)"
                            + " FROM window_frames WHERE g = 'a' ORDER BY id"));
            assertEquals(List.of("1|1|1", "2|1|2", "3|1|3", "4|2|4", "5|2|1", "6|3|2", "7|3|3"), Rows.of(s,
                    "SELECT id, ntile(3) OVER (ORDER BY id), ntile(4) OVER (PARTITION BY g ORDER BY id) FROM window_frames ORDER BY id"));
            assertEquals("22014", stateOf(s, "SELECT ntile(0) OVER (ORDER BY id) FROM window_frames"));
            assertEquals("22013", stateOf(s, "SELECT sum(v) OVER (ORDER BY id ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM window_frames"));
            s.execute("DROP TABLE window_frames");
        }
    }

    @OnBothDatabases
    void rangeFramesWithOffsets(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS window_ranges");
            s.execute("CREATE TABLE window_ranges (id int PRIMARY KEY, d date, v int)");
            s.execute("INSERT INTO window_ranges VALUES (1, '2024-01-01', 1), (2, '2024-01-02', 2), (3, '2024-01-02', 3), (4, '2024-01-05', 4), (5, NULL, 5)");
            assertEquals(List.of("1|3|1|1", "2|6|3|3", "3|9|3|6", "4|12|1|9", "5|9|1|12"), Rows.of(s,
                    "SELECT id, sum(v) OVER (ORDER BY id RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING),"
                            + " count(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW),"
                            + " sum(v) OVER (ORDER BY id DESC RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING)"
                            + " FROM window_ranges ORDER BY id"));
            assertEquals(List.of("1|null|1", "2|1|2", "3|1|3", "4|2|4", "5|3|5"), Rows.of(s,
                    "SELECT id, first_value(v) OVER (ORDER BY v RANGE BETWEEN 2 PRECEDING AND 1 PRECEDING),"
                            + " last_value(v) OVER (ORDER BY v RANGE BETWEEN UNBOUNDED PRECEDING AND 0 FOLLOWING) FROM window_ranges ORDER BY id"));
            assertEquals("42P20", stateOf(s, "SELECT sum(v) OVER (ORDER BY id, v RANGE 1 PRECEDING) FROM window_ranges"));
            assertEquals("22013", stateOf(s, "SELECT sum(v) OVER (ORDER BY id RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM window_ranges"));
            s.execute("DROP TABLE window_ranges");
        }
    }

    @OnBothDatabases
    void valuesAtTheFirstLastAndNthRowOfTheFrame(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS window_values");
            s.execute("CREATE TABLE window_values (id int PRIMARY KEY, g text, v int)");
            s.execute("INSERT INTO window_values VALUES (1, 'a', 10), (2, 'a', 20), (3, 'a', 20), (4, 'a', 40), (5, 'b', NULL), (6, 'b', 6), (7, 'b', 7)");
            assertEquals(List.of("1|10|10|null", "2|10|20|20", "3|10|20|20", "4|10|40|20", "5|null|null|null", "6|null|6|6", "7|null|7|6"), Rows.of(s,
                    "SELECT id, first_value(v) OVER (PARTITION BY g ORDER BY v NULLS FIRST), last_value(v) OVER (PARTITION BY g ORDER BY v NULLS FIRST),"
                            + " nth_value(v, 2) OVER (PARTITION BY g ORDER BY v NULLS FIRST) FROM window_values ORDER BY id"));
            assertEquals(List.of("1|10|40|20", "2|10|40|20", "3|10|40|20", "4|10|40|20"), Rows.of(s,
                    "SELECT id, first_value(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),"
                            + " last_value(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),"
                            + " nth_value(v, 3) OVER (ORDER BY id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
                            + " FROM window_values WHERE g = 'a' ORDER BY id"));
            assertEquals(List.of("1|10|20|null", "2|10|20|20", "3|20|40|40", "4|20|40|null"), Rows.of(s,
                    "SELECT id, first_value(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),"
                            + " last_value(v) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),"
                            + " nth_value(v, 3) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)"
                            + " FROM window_values WHERE g = 'a' ORDER BY id"));
            assertEquals(List.of("a|40|10", "b|7|null"), Rows.of(s,
                    "SELECT DISTINCT g, last_value(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),"
                            + " first_value(v) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
                            + " FROM window_values ORDER BY g"));
            assertEquals("22016", stateOf(s, "SELECT nth_value(v, 0) OVER (ORDER BY id) FROM window_values"));
            s.execute("DROP TABLE window_values");
        }
    }

    @OnBothDatabases
    void jsonAggregates(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS window_json");
            s.execute("CREATE TABLE window_json (id int PRIMARY KEY, g text, v int, doc jsonb)");
            s.execute("INSERT INTO window_json VALUES (1, 'a', 10, '{\"b\": 1, \"a\": 2}'), (2, 'a', 20, '[1, 2]'), (3, 'b', NULL, NULL), (4, 'b', 7, '\"x\"')");
            assertEquals(List.of("a|[20, 10]|[10, 20]|[\"a\", \"a\"]", "b|[7, null]|[null, 7]|[\"b\", \"b\"]"), Rows.of(s,
                    "SELECT g, json_agg(v ORDER BY id DESC), jsonb_agg(v ORDER BY id), json_agg(g) FROM window_json GROUP BY g ORDER BY g"));
            assertEquals(List.of("[{\"a\": 2, \"b\": 1}, [1, 2], null, \"x\"]|[{\"a\": 2, \"b\": 1}, [1, 2], null, \"x\"]"), Rows.of(s,
                    "SELECT json_agg(doc ORDER BY id), jsonb_agg(doc ORDER BY id) FROM window_json"));
            assertEquals(List.of("null|null|[10]"), Rows.of(s,
                    "SELECT json_agg(v) FILTER (WHERE false), jsonb_agg(v) FILTER (WHERE false), json_agg(v) FILTER (WHERE id = 1) FROM window_json"));
            s.execute("DROP TABLE window_json");
        }
    }
}
