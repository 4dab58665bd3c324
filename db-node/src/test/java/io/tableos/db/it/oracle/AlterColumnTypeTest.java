package io.tableos.db.it.oracle;

import static io.tableos.db.it.oracle.ErrorCodesTest.stateOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * ALTER TABLE ... ALTER COLUMN ... [SET DATA] TYPE ... [USING ...], run the same way on PostgreSQL
 * 15 and on a node: the conversions PostgreSQL makes on assignment (int to bigint and back, to
 * text, numeric precision, varchar widened and narrowed), the ones that need USING (text to int,
 * int to boolean, an expression), the values and column types afterwards, lookups through the
 * rebuilt indexes, and the errors (42804 without USING, 22P02, 22001, 23502, 23505), after each
 * of which the table is as it was, inside a transaction block too.
 */
class AlterColumnTypeTest {

    private static void createTable(Statement s) throws SQLException {
        s.execute("DROP TABLE IF EXISTS alter_type_t");
        s.execute("CREATE TABLE alter_type_t (id int PRIMARY KEY, t text, n numeric(6,2), v varchar(10), b bigint)");
        s.execute("CREATE INDEX alter_type_t_t ON alter_type_t (t)");
        s.execute("INSERT INTO alter_type_t VALUES (1, '10', 1.25, 'abc', 5), (2, ' 20', 2.5, 'abcdef', 6), (3, NULL, 3.125, NULL, 7)");
    }

    private static final String ROWS = "SELECT * FROM alter_type_t ORDER BY id";
    private static final String TYPES = "SELECT column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')"
            + " || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '') FROM information_schema.columns"
            + " WHERE table_name = 'alter_type_t' AND data_type IN ('text', 'character varying', 'boolean') ORDER BY ordinal_position";

    @OnBothDatabases
    void conversionsPostgresMakesOnAssignmentAndWithUsing(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTable(s);
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN t TYPE int USING t::int");
            assertEquals(List.of("2"), Rows.of(s, "SELECT id FROM alter_type_t WHERE t = 20"), "the index on t is rebuilt for integers");
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN t TYPE text");
            assertEquals(List.of("1"), Rows.of(s, "SELECT id FROM alter_type_t WHERE t = '10'"));
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN n TYPE numeric(5,1)");
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN v SET DATA TYPE varchar(20)");
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN v TYPE varchar(6)");
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN b TYPE int, ALTER COLUMN id TYPE bigint");
            assertEquals(List.of("1|10|1.3|abc|5", "2|20|2.5|abcdef|6", "3|null|3.1|null|7"), Rows.of(s, ROWS));
            assertEquals(List.of("1"), Rows.of(s, "SELECT id FROM alter_type_t WHERE id = 1::bigint"), "the primary key is re-encoded");
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN b TYPE boolean USING b > 5");
            s.execute("ALTER TABLE alter_type_t ALTER n TYPE int USING n * 10");
            assertEquals(List.of("1|10|13|abc|f", "2|20|25|abcdef|t", "3|null|31|null|t"), Rows.of(s, ROWS));
            assertEquals(List.of("t text", "v character varying(6)", "b boolean"), Rows.of(s, TYPES));
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN t TYPE text USING coalesce(t, 'none') || '!'");
            assertEquals(List.of("10!", "20!", "none!"), Rows.of(s, "SELECT t FROM alter_type_t ORDER BY id"), "USING with the same type rewrites the values");
        }
    }

    @OnBothDatabases
    void aFailedConversionLeavesTheTableAsItWas(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            createTable(s);
            List<String> before = Rows.of(s, ROWS);
            assertEquals("42804", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN t TYPE int"));
            assertEquals("42804", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN b TYPE boolean"));
            assertEquals("22P02", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN v TYPE int USING v::int"));
            assertEquals("22001", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN v TYPE varchar(3)"));
            assertEquals("42703", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN v TYPE int USING nope::int"));
            assertEquals("42703", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN nope TYPE int"));
            assertEquals("42P01", stateOf(s, "ALTER TABLE alter_type_nowhere ALTER COLUMN v TYPE int"));
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN n SET NOT NULL");
            assertEquals("23502", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN n TYPE int USING CASE WHEN n > 3 THEN NULL ELSE n END"));
            assertEquals("23505", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN id TYPE int USING id / 2"));
            assertEquals(before, Rows.of(s, ROWS));
            assertEquals(List.of("t text", "v character varying(10)"), Rows.of(s, TYPES));

            s.execute("DROP TABLE IF EXISTS alter_type_log");
            s.execute("CREATE TABLE alter_type_log (note text)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO alter_type_log VALUES ('retyping t')");
            assertEquals("22P02", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN t TYPE int USING (t || 'x')::int"));
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(before, Rows.of(s, ROWS));
            assertEquals(List.of(), Rows.of(s, "SELECT * FROM alter_type_log"), "the block's other write is undone with it");
            assertEquals(List.of("3"), Rows.of(s, "SELECT id FROM alter_type_t WHERE t IS NULL"));
            s.execute("DROP TABLE alter_type_log");
        }
    }

    /** A migration's retyping as the reference corpus recorded it (reference/java-library-failures.sql): USING an explicit cast. */
    @OnBothDatabases
    void migrationWidensAVarcharWithAnExplicitUsing(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS alter_type_book");
            s.execute("CREATE TABLE alter_type_book (id int PRIMARY KEY, title varchar(255) NOT NULL)");
            s.execute("INSERT INTO alter_type_book VALUES (1, 'Dune')");
            s.execute("ALTER TABLE public.alter_type_book ALTER COLUMN title TYPE VARCHAR(300) USING (title::VARCHAR(300))");
            assertEquals(List.of("1|Dune|300"), Rows.of(s, "SELECT id, title, (SELECT character_maximum_length FROM information_schema.columns"
                    + " WHERE table_name = 'alter_type_book' AND column_name = 'title') FROM alter_type_book"));
            s.execute("DROP TABLE alter_type_book");
        }
    }

    /** Converted values are checked against the table's CHECK constraints; NULL passes. */
    @OnBothDatabases
    void convertedValuesMustPassTheCheckConstraints(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS alter_type_check");
            s.execute("CREATE TABLE alter_type_check (id int PRIMARY KEY, n numeric(4,2) CONSTRAINT alter_type_small CHECK (n < 5))");
            s.execute("INSERT INTO alter_type_check VALUES (1, 4.96), (2, NULL)");
            assertEquals("23514", stateOf(s, "ALTER TABLE alter_type_check ALTER COLUMN n TYPE numeric(3,1)"), "4.96 rounds to 5.0");
            assertEquals(List.of("1|4.96", "2|null"), Rows.of(s, "SELECT * FROM alter_type_check ORDER BY id"));
            s.execute("ALTER TABLE alter_type_check ALTER COLUMN n TYPE numeric(5,3)");
            assertEquals(List.of("1|4.960", "2|null"), Rows.of(s, "SELECT * FROM alter_type_check ORDER BY id"));
            s.execute("DROP TABLE alter_type_check");
        }
    }
}
