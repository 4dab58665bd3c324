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
            // pg_cast's implicit and assignment casts (TypeCategories): integer to oid implicitly, numeric to
            // bigint and back on assignment; none from boolean to a number.
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN n TYPE oid");
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN n TYPE bigint");
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN n TYPE numeric(6,1)");
            s.execute("ALTER TABLE alter_type_t ALTER COLUMN n TYPE smallint");
            assertEquals(List.of("13", "25", "31"), Rows.of(s, "SELECT n FROM alter_type_t ORDER BY id"));
            assertEquals("42804", stateOf(s, "ALTER TABLE alter_type_t ALTER COLUMN b TYPE int"));
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

    /** As PostgreSQL, the column's DEFAULT must cast to the new type on assignment (42804 before anything changes); a castable one serves later inserts. */
    @OnBothDatabases
    void theDefaultIsCastAtAlterTime(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS alter_type_default");
            s.execute("CREATE TABLE alter_type_default (id int PRIMARY KEY, c text DEFAULT 'x', n int DEFAULT 5, j int DEFAULT 7, d date DEFAULT '2024-01-02')");
            s.execute("INSERT INTO alter_type_default (id) VALUES (1)");
            assertEquals("42804", stateOf(s, "ALTER TABLE alter_type_default ALTER COLUMN c TYPE int USING 0"));
            assertEquals("42804", stateOf(s, "ALTER TABLE alter_type_default ALTER COLUMN j TYPE boolean USING j > 0"));
            assertEquals(List.of("1|x|5|7|2024-01-02"), Rows.of(s, "SELECT * FROM alter_type_default"));
            s.execute("ALTER TABLE alter_type_default ALTER COLUMN n TYPE text, ALTER COLUMN d TYPE timestamp");
            s.execute("INSERT INTO alter_type_default (id) VALUES (2)");
            assertEquals(List.of("1|5|2024-01-02 00:00:00", "2|5|2024-01-02 00:00:00"),
                    Rows.of(s, "SELECT id, n, d FROM alter_type_default WHERE n = '5' ORDER BY id"));
            s.execute("DROP TABLE alter_type_default");
        }
    }

    /** As PostgreSQL, a column a view uses (in its select list, its WHERE, through *) cannot be retyped (0A000); the others can. */
    @OnBothDatabases
    void aColumnAViewUsesIsRefused(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP VIEW IF EXISTS alter_type_v_cols");
            s.execute("DROP VIEW IF EXISTS alter_type_v_where");
            s.execute("DROP VIEW IF EXISTS alter_type_v_count");
            s.execute("DROP TABLE IF EXISTS alter_type_viewed");
            s.execute("CREATE TABLE alter_type_viewed (id int, a int, b int, free int)");
            s.execute("INSERT INTO alter_type_viewed VALUES (1, 2, 3, 4)");
            s.execute("CREATE VIEW alter_type_v_cols AS SELECT id, a FROM alter_type_viewed");
            s.execute("CREATE VIEW alter_type_v_where AS SELECT 1 AS one FROM alter_type_viewed WHERE b > 0");
            s.execute("CREATE VIEW alter_type_v_count AS SELECT count(*) FROM alter_type_viewed");
            for (String column : List.of("id", "a", "b")) {
                assertEquals("0A000", stateOf(s, "ALTER TABLE alter_type_viewed ALTER COLUMN " + column + " TYPE bigint"), column);
            }
            s.execute("ALTER TABLE alter_type_viewed ALTER COLUMN free TYPE bigint");
            assertEquals(List.of("1|2|1"), Rows.of(s, "SELECT v.id, v.a, (SELECT count FROM alter_type_v_count) FROM alter_type_v_cols v"));
            s.execute("DROP VIEW alter_type_v_cols");
            s.execute("DROP VIEW alter_type_v_where");
            s.execute("ALTER TABLE alter_type_viewed ALTER COLUMN a TYPE text");
            s.execute("DROP VIEW alter_type_v_count");
            s.execute("DROP TABLE alter_type_viewed");
        }
    }

    /**
     * A CHECK constraint that calls a user-defined function, on a table whose column is retyped.
     * PostgreSQL re-checks every row with the function: 42883 when no overload takes the new
     * type, 23514 for a row that now fails, success otherwise. A node refuses each with 0A000
     * before anything changes: every replica checks the converted rows on its apply thread, which
     * runs no function bodies. Either way the table keeps its rows and type.
     */
    @OnBothDatabases
    void aCheckThatCallsAUserFunction(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS alter_type_fcheck");
            s.execute("CREATE OR REPLACE FUNCTION alter_type_twice(x int) RETURNS int AS $$ SELECT x * 2 $$ LANGUAGE sql IMMUTABLE");
            s.execute("CREATE TABLE alter_type_fcheck (id int PRIMARY KEY, v int CONSTRAINT alter_type_small CHECK (alter_type_twice(v) < 100))");
            s.execute("INSERT INTO alter_type_fcheck VALUES (1, 10), (2, 40)");
            assertEquals(db.isPostgres() ? "42883" : "0A000", stateOf(s, "ALTER TABLE alter_type_fcheck ALTER COLUMN v TYPE bigint"));
            assertEquals(db.isPostgres() ? "23514" : "0A000", stateOf(s, "ALTER TABLE alter_type_fcheck ALTER COLUMN v TYPE int USING v * 2"));
            assertEquals(List.of("1|10", "2|40"), Rows.of(s, "SELECT * FROM alter_type_fcheck ORDER BY id"));
            if (db.isPostgres()) {
                s.execute("ALTER TABLE alter_type_fcheck ALTER COLUMN v TYPE int USING v + 1");
            } else {
                assertEquals("0A000", stateOf(s, "ALTER TABLE alter_type_fcheck ALTER COLUMN v TYPE int USING v + 1"));
            }
            s.execute("DROP TABLE alter_type_fcheck");
            s.execute("DROP FUNCTION alter_type_twice(int)");
        }
    }

    /**
     * A user-defined function in USING. PostgreSQL calls it for each row, whatever its volatility.
     * A node refuses it with 0A000 before anything changes, as it refuses random() or now(): a
     * VOLATILE or STABLE one reads more than the row, and replicas run no function bodies, so an
     * IMMUTABLE one is refused too.
     */
    @OnBothDatabases
    void aUserFunctionInUsing(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS alter_type_fusing");
            s.execute("CREATE OR REPLACE FUNCTION alter_type_vol(x text) RETURNS int AS $$ SELECT length(x) $$ LANGUAGE sql VOLATILE");
            s.execute("CREATE OR REPLACE FUNCTION alter_type_imm(x text) RETURNS int AS $$ SELECT length(x) $$ LANGUAGE sql IMMUTABLE");
            s.execute("CREATE TABLE alter_type_fusing (id int PRIMARY KEY, v text)");
            s.execute("INSERT INTO alter_type_fusing VALUES (1, 'abc')");
            for (String function : List.of("alter_type_vol", "public.alter_type_vol", "alter_type_imm")) {
                String alter = "ALTER TABLE alter_type_fusing ALTER COLUMN v TYPE int USING " + function + "(v)";
                if (db.isPostgres()) {
                    s.execute(alter);
                    s.execute("ALTER TABLE alter_type_fusing ALTER COLUMN v TYPE text");
                    s.execute("UPDATE alter_type_fusing SET v = 'abc'");
                } else {
                    assertEquals("0A000", stateOf(s, alter), function);
                }
            }
            assertEquals(List.of("1|abc"), Rows.of(s, "SELECT * FROM alter_type_fusing"));
            s.execute("DROP TABLE alter_type_fusing");
            s.execute("DROP FUNCTION alter_type_vol(text)");
            s.execute("DROP FUNCTION alter_type_imm(text)");
        }
    }

    /**
     * Conversions that read the session's TimeZone, under America/New_York and Asia/Kolkata: a
     * date becomes midnight there, a timestamp local time there (a spring-forward gap's 02:30
     * and an ambiguous 01:30 resolved as PostgreSQL does), a timestamptz its local date, time and
     * text there. Values are compared in UTC, since a node prints timestamptz in UTC whatever the
     * TimeZone. The node's log entry carries the zone, so every replica converts alike.
     */
    @OnBothDatabases
    void conversionsReadTheSessionTimeZone(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS alter_type_zone");
            s.execute("CREATE TABLE alter_type_zone (id int PRIMARY KEY, d date, tz timestamptz, ts timestamp, t text, tz2 timestamptz, tz3 timestamptz)");
            s.execute("INSERT INTO alter_type_zone VALUES"
                    + " (1, '2024-01-02', '2024-01-02 00:00:00+00', '2024-03-10 02:30', 'x', '2024-07-01 12:00+00', '2024-01-02 03:00+00'),"
                    + " (2, '2024-07-01', '2024-11-03 05:30:00.25+00', '2024-11-03 01:30', 'y', '2024-07-01 03:59:59.5+00', 'infinity')");
            s.execute("SET TimeZone = 'America/New_York'");
            s.execute("ALTER TABLE alter_type_zone ALTER d TYPE timestamptz, ALTER tz TYPE text, ALTER ts TYPE timestamptz,"
                    + " ALTER t TYPE timestamptz USING '2024-05-06 07:08', ALTER tz2 TYPE timestamp, ALTER tz3 TYPE date");
            assertEquals(List.of("1|2024-01-02 05:00:00|2024-01-01 19:00:00-05|2024-03-10 07:30:00|2024-05-06 11:08:00|2024-07-01 08:00:00|2024-01-01",
                            "2|2024-07-01 04:00:00|2024-11-03 01:30:00.25-04|2024-11-03 06:30:00|2024-05-06 11:08:00|2024-06-30 23:59:59.5|infinity"),
                    Rows.of(s, "SELECT id, d AT TIME ZONE 'UTC', tz, ts AT TIME ZONE 'UTC', t AT TIME ZONE 'UTC', tz2, tz3 FROM alter_type_zone ORDER BY id"));
            s.execute("SET TimeZone = 'Asia/Kolkata'");
            s.execute("ALTER TABLE alter_type_zone ALTER d TYPE varchar(40)");
            assertEquals(List.of("2024-01-02 10:30:00+05:30", "2024-07-01 09:30:00+05:30"), Rows.of(s, "SELECT d FROM alter_type_zone ORDER BY id"));
            s.execute("RESET TimeZone");
            s.execute("DROP TABLE alter_type_zone");
        }
    }

    /**
     * What a node refuses (0A000) where PostgreSQL converts: a USING expression over date/time
     * values under a TimeZone other than UTC (replicas evaluate it with the engine's own casts,
     * which take the session to be in UTC), and text to dates under DateStyle DMY (the engine
     * reads dates month first only; pgJDBC allows no output style but ISO). The table is unchanged after each.
     */
    @OnBothDatabases
    void settingsReplicasCannotHonour(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS alter_type_styles");
            s.execute("CREATE TABLE alter_type_styles (id int PRIMARY KEY, d date, n int)");
            s.execute("INSERT INTO alter_type_styles VALUES (1, '2024-01-02', 5)");
            s.execute("SET TimeZone = 'America/New_York'");
            String overDates = "ALTER TABLE alter_type_styles ALTER d TYPE timestamptz USING d + 1";
            s.execute("ALTER TABLE alter_type_styles ALTER n TYPE bigint USING n * 2");
            s.execute("RESET TimeZone");
            s.execute("SET DateStyle = 'ISO, DMY'");
            String fromText = "ALTER TABLE alter_type_styles ALTER d TYPE date USING '01/02/2024'";
            if (db.isPostgres()) {
                s.execute(fromText);
                assertEquals(List.of("1|2024-02-01|10"), Rows.of(s, "SELECT * FROM alter_type_styles"));
                s.execute("RESET DateStyle");
                s.execute("SET TimeZone = 'America/New_York'");
                s.execute("ALTER TABLE alter_type_styles ALTER d TYPE date USING '2024-01-02'");
                s.execute(overDates);
                assertEquals(List.of("2024-01-03 05:00:00"), Rows.of(s, "SELECT d AT TIME ZONE 'UTC' FROM alter_type_styles"));
            } else {
                assertEquals("0A000", stateOf(s, fromText));
                s.execute("RESET DateStyle");
                s.execute("SET TimeZone = 'America/New_York'");
                assertEquals("0A000", stateOf(s, overDates));
                assertEquals(List.of("1|2024-01-02|10"), Rows.of(s, "SELECT * FROM alter_type_styles"));
            }
            s.execute("RESET TimeZone");
            s.execute("DROP TABLE alter_type_styles");
        }
    }
}
