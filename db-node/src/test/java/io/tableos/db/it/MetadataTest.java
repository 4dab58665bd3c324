package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgJDBC's DatabaseMetaData, ResultSetMetaData and ParameterMetaData against a node holding
 * catalog-queries/reference-schema.sql. Expected values are what the same driver reports
 * against PostgreSQL 15 for that schema, except where noted (partial-index predicates are kept
 * as written). Each test runs with the simple query protocol and with server-side prepared
 * statements from the first use (prepareThreshold=1), since the driver's catalog queries take
 * different paths in each.
 */
class MetadataTest {
    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir);
        CatalogQueryResources.createReferenceSchema(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    static Connection connect(String mode) throws SQLException {
        return DriverManager.getConnection(node.jdbcUrl() + "&" + mode);
    }

    /** One string per row: the named columns' values joined by '|'. */
    static List<String> rows(ResultSet rs, String... columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (String c : columns) b.append(b.length() == 0 ? "" : "|").append(rs.getString(c));
                out.add(b.toString());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
    void tablesAndSchemas(String mode) throws SQLException {
        try (Connection c = connect(mode)) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("tableos|public|accounts|TABLE", "tableos|public|items|TABLE", "tableos|s1|other|TABLE"),
                    rows(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
            assertEquals(List.of("s1|other_pkey|INDEX", "s1|other|TABLE"),
                    rows(md.getTables(null, "s1", "oth%", null), "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
            // sys holds TableOS's node views and procedures; the rest is what PostgreSQL lists.
            assertEquals(List.of("information_schema|tableos", "pg_catalog|tableos", "public|tableos", "s1|tableos", "sys|tableos"),
                    rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"));
            assertEquals(List.of("s1"), rows(md.getSchemas(null, "s_"), "TABLE_SCHEM"));
            assertEquals(List.of("postgres", "tableos"), rows(md.getCatalogs(), "TABLE_CAT"), "every database name (pg_database)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
    void columnsWithTypesSizesNullabilityAndDefaults(String mode) throws SQLException {
        try (Connection c = connect(mode)) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of(
                    "1|id|4|serial|10|0|0|nextval('accounts_id_seq'::regclass)|NO|YES",
                    "2|owner|12|varchar|40|0|0|null|NO|NO",
                    "3|balance|2|numeric|12|2|1|0|YES|NO",
                    "4|code|1|bpchar|3|0|1|null|YES|NO",
                    "5|created|93|timestamptz|35|6|1|now()|YES|NO",
                    "6|tags|2003|_text|2147483647|0|1|null|YES|NO"),
                    rows(md.getColumns(null, "public", "accounts", null), "ORDINAL_POSITION", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
                            "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "COLUMN_DEF", "IS_NULLABLE", "IS_AUTOINCREMENT"));
            assertEquals(List.of(
                    "k|-5|int8|19", "v|12|text|2147483647", "f|8|float8|17", "b|-7|bool|1", "d|91|date|13",
                    "ts|93|timestamp|29", "u|1111|uuid|2147483647", "j|1111|jsonb|2147483647", "i2|5|int2|5",
                    "r|7|float4|8", "by|-2|bytea|2147483647", "t|92|time|15", "iv|1111|interval|49", "n|2|numeric|0"),
                    rows(md.getColumns(null, "public", "items", null), "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE"));
            assertEquals(List.of("balance"), rows(md.getColumns(null, "public", "accounts", "bal%"), "COLUMN_NAME"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
    void primaryKeysAndIndexes(String mode) throws SQLException {
        try (Connection c = connect(mode)) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("accounts|id|1|accounts_pkey"),
                    rows(md.getPrimaryKeys(null, "public", "accounts"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
            assertEquals(List.of("other|a|1|other_pkey"),
                    rows(md.getPrimaryKeys(null, "s1", "other"), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
            assertEquals(List.of(), rows(md.getPrimaryKeys(null, "public", "items"), "COLUMN_NAME"));
            // PostgreSQL prints the predicate as (balance > (0)::numeric); TableOS keeps the text as written.
            assertEquals(List.of(
                    "accounts_owner_code_key|f|1|owner|A|null|3",
                    "accounts_owner_code_key|f|2|code|A|null|3",
                    "accounts_pkey|f|1|id|A|null|3",
                    "accounts_balance_idx|t|1|balance|D|balance > 0|3",
                    "accounts_owner_created|t|1|owner|A|null|3",
                    "accounts_owner_created|t|2|created|A|null|3"),
                    rows(md.getIndexInfo(null, "public", "accounts", false, false), "INDEX_NAME", "NON_UNIQUE", "ORDINAL_POSITION",
                            "COLUMN_NAME", "ASC_OR_DESC", "FILTER_CONDITION", "TYPE"));
            assertEquals(List.of("accounts_owner_code_key", "accounts_owner_code_key", "accounts_pkey"),
                    rows(md.getIndexInfo(null, "public", "accounts", true, false), "INDEX_NAME"));
            assertEquals(List.of(), rows(md.getImportedKeys(null, "public", "accounts"), "FK_NAME"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
    void typeInfoListsTheBuiltinTypes(String mode) throws SQLException {
        try (Connection c = connect(mode)) {
            List<String> types = rows(c.getMetaData().getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
            assertTrue(types.size() > 30, types.toString());
            for (String t : List.of("int4|4", "int8|-5", "text|12", "varchar|12", "numeric|2", "bool|-7", "timestamptz|93", "bytea|-2")) {
                assertTrue(types.contains(t), t + " in " + types);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
    void resultSetAndParameterMetaData(String mode) throws SQLException {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            s.execute("INSERT INTO accounts (owner, balance, code) VALUES ('meta-" + mode + "', 5, 'abc')");
            try (ResultSet rs = s.executeQuery("SELECT count(*) AS n, now() AS t, NULL::text AS nothing")) {
                ResultSetMetaData r = rs.getMetaData();
                assertEquals(Types.BIGINT, r.getColumnType(1));
                assertEquals(Types.TIMESTAMP, r.getColumnType(2));
                assertEquals("text", r.getColumnTypeName(3));
                assertEquals("", r.getTableName(1));
                assertTrue(rs.next());
                assertNull(rs.getString(3));
            }
            String sql = "SELECT a.id, a.owner, a.balance, a.code, a.created, a.tags, 1 + 1 AS two FROM accounts a "
                    + "WHERE a.id > ? AND a.owner = ? AND a.balance > ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, 0);
                ps.setString(2, "meta-" + mode);
                ps.setBigDecimal(3, java.math.BigDecimal.ONE);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    ResultSetMetaData r = rs.getMetaData();
                    assertEquals(7, r.getColumnCount());
                    String[] names = {"id", "owner", "balance", "code", "created", "tags", "two"};
                    int[] types = {Types.INTEGER, Types.VARCHAR, Types.NUMERIC, Types.CHAR, Types.TIMESTAMP, Types.ARRAY, Types.INTEGER};
                    String[] typeNames = {"serial", "varchar", "numeric", "bpchar", "timestamptz", "_text", "int4"};
                    for (int i = 0; i < names.length; i++) {
                        assertEquals(names[i], r.getColumnLabel(i + 1));
                        assertEquals(types[i], r.getColumnType(i + 1), names[i]);
                        assertEquals(typeNames[i], r.getColumnTypeName(i + 1), names[i]);
                        assertEquals(i < 6 ? "accounts" : "", r.getTableName(i + 1), names[i]);
                    }
                    assertEquals(40, r.getPrecision(2));
                    assertEquals(12, r.getPrecision(3));
                    assertEquals(2, r.getScale(3));
                    assertEquals(ResultSetMetaData.columnNoNulls, r.isNullable(2));
                    assertEquals(ResultSetMetaData.columnNullable, r.isNullable(3));
                    assertTrue(r.isAutoIncrement(1));
                    assertFalse(r.isAutoIncrement(2));
                    assertEquals("abc", rs.getString("code"));
                    assertFalse(rs.next());
                }
            }
            // The simple protocol never describes a statement (against PostgreSQL the driver fails here too).
            if (mode.contains("simple")) return;
            // Before any bind the server infers each parameter's type from its use (varchar compares as text).
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ParameterMetaData p = ps.getParameterMetaData();
                assertEquals(3, p.getParameterCount());
                assertEquals("int4", p.getParameterTypeName(1));
                assertEquals(Types.INTEGER, p.getParameterType(1));
                assertEquals("text", p.getParameterTypeName(2));
                assertEquals("numeric", p.getParameterTypeName(3));
                assertEquals(Types.NUMERIC, p.getParameterType(3));
            }
        }
    }
}
