package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * ORDER BY, GROUP BY and DISTINCT ON by position over select lists with {@code *} and
 * {@code t.*}, compared with PostgreSQL 15: a star counts as the columns it stands for
 * ({@code SELECT * FROM t ORDER BY 2} sorts by t's second column; a node refused it with 42P10).
 */
class OrdinalReferencesTest {

    @OnBothDatabases
    void positionsCountTheColumnsAStarStandsFor(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ord_a");
            s.execute("DROP TABLE IF EXISTS ord_b");
            s.execute("CREATE TABLE ord_a (id int PRIMARY KEY, name text, score int)");
            s.execute("CREATE TABLE ord_b (id int PRIMARY KEY, a_id int, tag text)");
            s.execute("INSERT INTO ord_a VALUES (1, 'c', 20), (2, 'a', 30), (3, 'b', 10)");
            s.execute("INSERT INTO ord_b VALUES (10, 1, 'x'), (11, 2, 'y'), (12, 2, 'z')");
            assertEquals(List.of("2|a|30", "3|b|10", "1|c|20"), Rows.of(s, "SELECT * FROM ord_a ORDER BY 2"));
            assertEquals(List.of("2|a|30", "1|c|20", "3|b|10"), Rows.of(s, "SELECT * FROM ord_a ORDER BY 3 DESC"));
            assertEquals(List.of("3|b|10|t", "1|c|20|t"), Rows.of(s, "SELECT *, true FROM ord_a WHERE score < 25 ORDER BY 3 LIMIT 2"));
            assertEquals(List.of("12|2|z|a", "11|2|y|a", "10|1|x|c"),
                    Rows.of(s, "SELECT b.*, a.name FROM ord_b b JOIN ord_a a ON a.id = b.a_id ORDER BY 4, 3 DESC"));
            assertEquals(List.of("1|1", "2|2"), Rows.of(s, "SELECT a_id, count(*) FROM ord_b GROUP BY 1 ORDER BY 1"));
            assertEquals(List.of("10|1|x", "11|2|y"), Rows.of(s, "SELECT DISTINCT ON (2) * FROM ord_b ORDER BY 2, 1"));
            s.execute("DROP TABLE ord_a");
            s.execute("DROP TABLE ord_b");
        }
    }
}
