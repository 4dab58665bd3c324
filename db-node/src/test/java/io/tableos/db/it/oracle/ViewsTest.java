package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Views, compared with PostgreSQL 15: CREATE [OR REPLACE] VIEW and DROP VIEW [IF EXISTS] with
 * their errors, reading a view (filtered, joined, a view over a view, an explicit column list),
 * rollback of view DDL, and the catalog: pg_class relkind 'v', pg_views,
 * information_schema.views and .tables, pgJDBC's getTables and psql's \dv and \d.
 */
class ViewsTest {

    @OnBothDatabases
    void createReadReplaceAndDropViews(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP VIEW IF EXISTS views_big_orders_count");
            s.execute("DROP VIEW IF EXISTS views_big_orders");
            s.execute("DROP TABLE IF EXISTS views_orders");
            s.execute("CREATE TABLE views_orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2))");
            s.execute("INSERT INTO views_orders VALUES (1, 'ann', 5), (2, 'bob', 50), (3, 'ann', 70), (4, 'cy', NULL)");

            s.execute("CREATE VIEW views_big_orders AS SELECT id, customer, amount FROM views_orders WHERE amount > 10");
            assertEquals(List.of("2|bob|50.00", "3|ann|70.00"), Rows.of(s, "SELECT * FROM views_big_orders ORDER BY id"));
            assertEquals(List.of("3"), Rows.of(s, "SELECT v.id FROM views_big_orders v WHERE v.customer = 'ann'"));
            assertEquals(List.of("ann|2|1"), Rows.of(s, "SELECT o.customer, count(*), count(b.id) FROM views_orders o"
                    + " LEFT JOIN views_big_orders b ON b.id = o.id WHERE o.customer = 'ann' GROUP BY o.customer"));
            s.execute("CREATE VIEW views_big_orders_count (who, n) AS SELECT customer, count(*) FROM views_big_orders GROUP BY customer");
            assertEquals(List.of("ann|1", "bob|1"), Rows.of(s, "SELECT who, n FROM views_big_orders_count ORDER BY who"));

            assertEquals("42P07", stateOf(s, "CREATE VIEW views_big_orders AS SELECT 1 AS one"));
            assertEquals("42P07", stateOf(s, "CREATE VIEW views_orders AS SELECT 1 AS one"));
            assertEquals("42P16", stateOf(s, "CREATE OR REPLACE VIEW views_big_orders AS SELECT id, customer FROM views_orders"));
            assertEquals("42P16", stateOf(s, "CREATE OR REPLACE VIEW views_big_orders AS SELECT id, customer AS who, amount FROM views_orders"));
            assertEquals("42P16", stateOf(s, "CREATE OR REPLACE VIEW views_big_orders AS SELECT id, customer, amount::text FROM views_orders"));
            assertEquals("42P01", stateOf(s, "CREATE VIEW views_nowhere AS SELECT * FROM views_no_such_table"));
            assertEquals("42703", stateOf(s, "CREATE VIEW views_nowhere AS SELECT no_such_column FROM views_orders"));

            s.execute("CREATE OR REPLACE VIEW views_big_orders AS SELECT id, customer, amount, amount * 2 AS doubled FROM views_orders WHERE amount > 60");
            assertEquals(List.of("3|ann|70.00|140.00"), Rows.of(s, "SELECT * FROM views_big_orders"));

            assertEquals("42809", stateOf(s, "DROP TABLE views_big_orders"));
            assertEquals("42809", stateOf(s, "DROP VIEW views_orders"));
            assertEquals("42P01", stateOf(s, "DROP VIEW views_no_such_view"));
            s.execute("DROP VIEW views_big_orders_count");
            s.execute("DROP VIEW IF EXISTS views_big_orders_count");
            assertEquals("42P01", stateOf(s, "SELECT * FROM views_big_orders_count"));

            c.setAutoCommit(false);
            s.execute("CREATE VIEW views_rolled_back AS SELECT 1 AS one");
            s.execute("DROP VIEW views_big_orders");
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("42P01", stateOf(s, "SELECT * FROM views_rolled_back"));
            assertEquals(List.of("1"), Rows.of(s, "SELECT count(*) FROM views_big_orders"), "the dropped view is back");

            s.execute("DROP VIEW views_big_orders");
            s.execute("DROP TABLE views_orders");
        }
    }

    @OnBothDatabases
    void viewsAreListedInTheCatalog(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP VIEW IF EXISTS views_listed");
            s.execute("DROP TABLE IF EXISTS views_base");
            s.execute("CREATE TABLE views_base (id int PRIMARY KEY, label varchar(20))");
            s.execute("CREATE VIEW views_listed AS SELECT id, label FROM views_base");
            assertEquals(List.of("v|2"), Rows.of(s, "SELECT relkind, relnatts FROM pg_class WHERE relname = 'views_listed'"));
            assertEquals(List.of("public|views_listed"), Rows.of(s, "SELECT schemaname, viewname FROM pg_views WHERE viewname = 'views_listed'"));
            // PostgreSQL's simple views are automatically updatable; TableOS's views are read-only, and say so.
            assertEquals(List.of("views_listed|NONE|" + (db.isPostgres() ? "YES" : "NO")), Rows.of(s,
                    "SELECT table_name, check_option, is_insertable_into FROM information_schema.views WHERE table_name = 'views_listed'"));
            assertEquals(List.of("VIEW"), Rows.of(s, "SELECT table_type FROM information_schema.tables WHERE table_name = 'views_listed'"));
            assertEquals(List.of("id|integer|1", "label|character varying|2"), Rows.of(s, "SELECT column_name, data_type, ordinal_position"
                    + " FROM information_schema.columns WHERE table_name = 'views_listed' ORDER BY ordinal_position"));
            List<String> views = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "public", "views_%", new String[] {"VIEW"})) {
                while (rs.next()) views.add(rs.getString("TABLE_NAME") + "|" + rs.getString("TABLE_TYPE"));
            }
            assertEquals(List.of("views_listed|VIEW"), views);

            String owner = Rows.of(s, "SELECT current_user").get(0);
            assertEquals(List.of(" public | views_listed | view | " + owner),
                    Psql.printed(db, "\\dv views_*").lines().filter(l -> l.contains("views_listed")).toList());
            assertEquals("""
                                       View "public.views_listed"
                     Column |         Type          | Collation | Nullable | Default
                    --------+-----------------------+-----------+----------+---------
                     id     | integer               |           |          |
                     label  | character varying(20) |           |          |

                    """, Psql.printed(db, "\\d views_listed"));
            s.execute("DROP VIEW views_listed");
            s.execute("DROP TABLE views_base");
        }
    }
}
