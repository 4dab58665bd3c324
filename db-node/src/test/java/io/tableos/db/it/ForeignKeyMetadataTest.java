package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Constraints as clients read them: pgJDBC's getImportedKeys / getExportedKeys /
 * getCrossReference, the information_schema constraint views and regclass output, for a
 * composite foreign key with ON DELETE CASCADE. Expected values are what pgJDBC 42.7 and psql
 * report against PostgreSQL 15 for the same schema (catalog column excepted: the database is
 * named tableos here). The child's foreign-key columns are declared in the opposite order to
 * the key, so KEY_SEQ and ordinal_position must follow the key, not the table.
 */
class ForeignKeyMetadataTest {
    private static final String SCHEMA = """
            CREATE TABLE fk_parent (region int, code text, name text, PRIMARY KEY (region, code),
              CONSTRAINT fk_parent_name_key UNIQUE (name));
            CREATE TABLE fk_child (id int PRIMARY KEY, p_code text, p_region int,
              qty int CONSTRAINT fk_child_qty_check CHECK (qty > 0),
              CONSTRAINT fk_child_parent_fkey FOREIGN KEY (p_region, p_code) REFERENCES fk_parent (region, code) ON DELETE CASCADE)
            """;
    private static final String KEY_COLUMNS = "PKTABLE_SCHEM|PKTABLE_NAME|PKCOLUMN_NAME|FKTABLE_SCHEM|FKTABLE_NAME|FKCOLUMN_NAME"
            + "|KEY_SEQ|UPDATE_RULE|DELETE_RULE|FK_NAME|PK_NAME|DEFERRABILITY";
    /** UPDATE_RULE 3 = importedKeyNoAction, DELETE_RULE 0 = importedKeyCascade, DEFERRABILITY 7 = importedKeyNotDeferrable. */
    private static final List<String> KEY_ROWS = List.of(
            "public|fk_parent|region|public|fk_child|p_region|1|3|0|fk_child_parent_fkey|fk_parent_pkey|7",
            "public|fk_parent|code|public|fk_child|p_code|2|3|0|fk_child_parent_fkey|fk_parent_pkey|7");

    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir);
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            for (String ddl : SCHEMA.split(";\\s*\n")) if (!ddl.isBlank()) s.execute(ddl);
        }
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    private static Connection connect(String mode) throws SQLException {
        return DriverManager.getConnection(node.jdbcUrl() + "&" + mode);
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            var rs = s.executeQuery(sql);
            int n = rs.getMetaData().getColumnCount();
            String[] columns = new String[n];
            for (int i = 0; i < n; i++) columns[i] = rs.getMetaData().getColumnLabel(i + 1);
            return MetadataTest.rows(rs, columns);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
    void importedExportedAndCrossReference(String mode) throws SQLException {
        try (Connection c = connect(mode)) {
            DatabaseMetaData md = c.getMetaData();
            String[] columns = KEY_COLUMNS.split("\\|");
            assertEquals(KEY_ROWS, MetadataTest.rows(md.getImportedKeys(null, null, "fk_child"), columns));
            assertEquals(KEY_ROWS, MetadataTest.rows(md.getExportedKeys(null, null, "fk_parent"), columns));
            assertEquals(KEY_ROWS, MetadataTest.rows(md.getCrossReference(null, null, "fk_parent", null, null, "fk_child"), columns));
            assertEquals(List.of(), MetadataTest.rows(md.getImportedKeys(null, null, "fk_parent"), columns));
        }
    }

    @Test
    void tableConstraints() throws SQLException {
        try (Connection c = node.connect()) {
            // PostgreSQL 15 also lists each NOT NULL column as a CHECK named namespaceoid_tableoid_attnum_not_null.
            assertEquals(List.of(
                    "fk_child_parent_fkey|fk_child|FOREIGN KEY|NO|NO|YES|null",
                    "fk_child_pkey|fk_child|PRIMARY KEY|NO|NO|YES|null",
                    "fk_child_qty_check|fk_child|CHECK|NO|NO|YES|null",
                    "fk_parent_name_key|fk_parent|UNIQUE|NO|NO|YES|YES",
                    "fk_parent_pkey|fk_parent|PRIMARY KEY|NO|NO|YES|null"),
                    query(c, "SELECT constraint_name, table_name, constraint_type, is_deferrable, initially_deferred, enforced, nulls_distinct"
                            + " FROM information_schema.table_constraints WHERE table_schema = 'public' AND constraint_name NOT LIKE '%_not_null'"
                            + " ORDER BY constraint_name"));
            assertEquals(List.of("fk_child|1", "fk_parent|2"),
                    query(c, "SELECT table_name, count(*) FROM information_schema.table_constraints"
                            + " WHERE table_schema = 'public' AND constraint_name LIKE '%_not_null' GROUP BY table_name ORDER BY table_name"));
        }
    }

    @Test
    void keyColumnUsage() throws SQLException {
        try (Connection c = node.connect()) {
            assertEquals(List.of(
                    "fk_child_parent_fkey|fk_child|p_region|1|1",
                    "fk_child_parent_fkey|fk_child|p_code|2|2",
                    "fk_child_pkey|fk_child|id|1|null",
                    "fk_parent_name_key|fk_parent|name|1|null",
                    "fk_parent_pkey|fk_parent|region|1|null",
                    "fk_parent_pkey|fk_parent|code|2|null"),
                    query(c, "SELECT constraint_name, table_name, column_name, ordinal_position, position_in_unique_constraint"
                            + " FROM information_schema.key_column_usage WHERE table_schema = 'public'"
                            + " ORDER BY constraint_name, ordinal_position"));
        }
    }

    @Test
    void referentialAndCheckConstraints() throws SQLException {
        try (Connection c = node.connect()) {
            assertEquals(List.of("public|fk_child_parent_fkey|public|fk_parent_pkey|NONE|NO ACTION|CASCADE"),
                    query(c, "SELECT constraint_schema, constraint_name, unique_constraint_schema, unique_constraint_name,"
                            + " match_option, update_rule, delete_rule FROM information_schema.referential_constraints"
                            + " WHERE constraint_schema = 'public'"));
            assertEquals(List.of("fk_child_qty_check|((qty > 0))"),
                    query(c, "SELECT constraint_name, check_clause FROM information_schema.check_constraints"
                            + " WHERE constraint_schema = 'public' AND constraint_name NOT LIKE '%_not_null'"));
            assertEquals(List.of("code IS NOT NULL", "id IS NOT NULL", "region IS NOT NULL"),
                    query(c, "SELECT check_clause FROM information_schema.check_constraints"
                            + " WHERE constraint_schema = 'public' AND constraint_name LIKE '%_not_null' ORDER BY 1"));
            // A foreign key uses the referenced columns; a CHECK the columns its expression names.
            assertEquals(List.of(
                    "fk_parent|code|fk_child_parent_fkey", "fk_parent|region|fk_child_parent_fkey",
                    "fk_child|id|fk_child_pkey", "fk_child|qty|fk_child_qty_check", "fk_parent|name|fk_parent_name_key",
                    "fk_parent|code|fk_parent_pkey", "fk_parent|region|fk_parent_pkey"),
                    query(c, "SELECT table_name, column_name, constraint_name FROM information_schema.constraint_column_usage"
                            + " WHERE table_schema = 'public' ORDER BY constraint_name, column_name"));
        }
    }

    /** psql 15's \d footers, as it prints them against PostgreSQL 15: the referencing table by name, not by OID. */
    @Test
    void psqlDescribeShowsReferencingTableByName() throws Exception {
        ExternalTool.Result r = ExternalTool.run(node, 60, "psql", "-X", "-c", "\\d fk_parent", "-c", "\\d fk_child");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("""
                Referenced by:
                    TABLE "fk_child" CONSTRAINT "fk_child_parent_fkey" FOREIGN KEY (p_region, p_code) REFERENCES fk_parent(region, code) ON DELETE CASCADE
                """), r.output());
        assertTrue(r.output().contains("""
                Check constraints:
                    "fk_child_qty_check" CHECK (qty > 0)
                Foreign-key constraints:
                    "fk_child_parent_fkey" FOREIGN KEY (p_region, p_code) REFERENCES fk_parent(region, code) ON DELETE CASCADE
                """), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
    void regclassPrintsNames(String mode) throws SQLException {
        try (Connection c = connect(mode)) {
            assertEquals(List.of("fk_child|fk_child|fk_parent|pg_class|information_schema.tables|t"),
                    query(c, "SELECT 'fk_child'::regclass AS a, conrelid::regclass AS b, confrelid::regclass::text AS c,"
                            + " 'pg_class'::regclass AS d, 'information_schema.tables'::regclass AS e,"
                            + " conrelid = 'fk_child'::regclass AS f"
                            + " FROM pg_constraint WHERE contype = 'f' AND conname = 'fk_child_parent_fkey'"));
        }
    }
}
