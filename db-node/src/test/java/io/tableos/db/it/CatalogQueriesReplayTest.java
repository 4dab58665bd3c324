package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every catalog query psql 15, pgJDBC 42.7 and pgbench 15 send (test resources
 * catalog-queries/*.sql) through pgJDBC against a node holding reference-schema.sql: each must
 * run without error. psql's captured OIDs are replaced by the OID the meta-command's first query
 * returns here; pgJDBC's bind parameters get values of the kind the driver binds.
 */
class CatalogQueriesReplayTest {
    private static final Pattern HEADER = Pattern.compile("^-- ==== (.*)$", Pattern.MULTILINE);
    /** A quoted OID of the capture server (user objects start at 16384 in PostgreSQL). */
    private static final Pattern CAPTURED_OID = Pattern.compile("'\\d{5,}'");
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
    /** The OID of the table pgJDBC's captured application statement used. */
    private static final String CAPTURED_TABLE_OID = "61892";

    @TempDir
    static Path dir;
    static TestNode node;

    record CapturedQuery(String header, String sql) {}

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir);
        CatalogQueryResources.createReferenceSchema(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    /** The queries of a capture file, each with the header line before it. */
    static List<CapturedQuery> queries(String name) throws IOException {
        String text = CatalogQueryResources.read(name);
        List<CapturedQuery> out = new ArrayList<>();
        Matcher m = HEADER.matcher(text);
        List<Integer> headerStarts = new ArrayList<>(), bodyStarts = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        while (m.find()) {
            headers.add(m.group(1).trim());
            headerStarts.add(m.start());
            bodyStarts.add(m.end());
        }
        for (int i = 0; i < headers.size(); i++) {
            int end = i + 1 < headers.size() ? headerStarts.get(i + 1) : text.length();
            String sql = text.substring(bodyStarts.get(i), end).strip();
            if (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1);
            out.add(new CapturedQuery(headers.get(i), sql));
        }
        return out;
    }

    @Test
    void everyPsqlQueryRuns() throws Exception {
        List<CapturedQuery> all = queries("psql.sql");
        assertTrue(all.size() > 40, "psql.sql has " + all.size() + " queries");
        Map<String, List<CapturedQuery>> byCommand = new LinkedHashMap<>();
        for (CapturedQuery q : all) byCommand.computeIfAbsent(q.header().replaceAll(" #\\d+$", ""), k -> new ArrayList<>()).add(q);
        List<String> failures = new ArrayList<>();
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, List<CapturedQuery>> command : byCommand.entrySet()) {
                String oid = null;
                for (CapturedQuery q : command.getValue()) {
                    String sql = oid == null ? q.sql() : CAPTURED_OID.matcher(q.sql()).replaceAll("'" + oid + "'");
                    try (ResultSet rs = s.executeQuery(sql)) {
                        boolean first = rs.next();
                        if (oid == null && command.getValue().size() > 1) {
                            if (!first || !rs.getMetaData().getColumnName(1).equals("oid")) {
                                failures.add(q.header() + ": expected the object's oid first, got " + (first ? rs.getMetaData().getColumnName(1) : "no rows"));
                                break;
                            }
                            oid = rs.getString(1);
                        }
                    } catch (SQLException e) {
                        failures.add(q.header() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyPgjdbcQueryRuns() throws Exception {
        List<CapturedQuery> all = queries("pgjdbc.sql");
        assertTrue(all.size() > 20, "pgjdbc.sql has " + all.size() + " queries");
        List<String> failures = new ArrayList<>();
        try (Connection c = node.connect()) {
            String accountsOid = scalar(c, "SELECT 'accounts'::regclass::oid");
            for (CapturedQuery q : all) {
                String sql = q.sql().replace(CAPTURED_TABLE_OID, accountsOid);
                try (PreparedStatement ps = c.prepareStatement(PARAMETER.matcher(sql).replaceAll("?"))) {
                    bindLikeTheDriver(ps, sql);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) rs.getString(i);
                        }
                    }
                } catch (SQLException e) {
                    failures.add(q.header() + ": " + e.getMessage() + "\n  " + sql);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void pgbenchPartitionCheckRuns() throws Exception {
        List<CapturedQuery> all = queries("pgbench.sql");
        assertFalse(all.isEmpty());
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))");
            for (CapturedQuery q : all) {
                try (ResultSet rs = s.executeQuery(q.sql())) {
                    assertTrue(rs.next(), q.header() + " finds pgbench_accounts");
                    assertEquals(2, rs.getInt(1), "position of public in current_schemas(true), after pg_catalog as in PostgreSQL");
                    assertEquals(null, rs.getString(2), "not partitioned");
                    assertEquals(0, rs.getInt(3));
                }
            }
            s.execute("DROP TABLE pgbench_accounts");
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    /**
     * Values of the kind pgJDBC binds for each parameter, judged by the text before it:
     * patterns after LIKE, an OID after "oid =", the include-search-path flag after OR, names
     * otherwise. The driver's own placeholders are '?', so {@code $n} became the n-th '?'.
     */
    private static void bindLikeTheDriver(PreparedStatement ps, String sql) throws SQLException {
        Matcher m = PARAMETER.matcher(sql);
        int index = 0;
        while (m.find()) {
            index++;
            assertEquals(index, Integer.parseInt(m.group(1)), "parameters in order of appearance: " + sql);
            String before = sql.substring(Math.max(0, m.start() - 24), m.start()).toLowerCase();
            if (before.endsWith("like ")) ps.setString(index, "%");
            else if (before.matches("(?s).*oid\\s*=\\s*$")) ps.setInt(index, 23);
            else if (before.endsWith("or ")) ps.setBoolean(index, true);
            else if (before.contains("relname")) ps.setString(index, "accounts");
            else if (before.contains("typname")) ps.setString(index, "int4");
            else if (before.contains("nspname")) ps.setString(index, "public");
            else fail("no value for $" + index + " after '" + before + "' in " + sql);
        }
    }
}
