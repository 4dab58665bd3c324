package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.PGConnection;

/**
 * Values of 1, 16 and 64 MiB, text and bytea, stored and read back intact, compared with
 * PostgreSQL 15: written by INSERT through the simple protocol (pgJDBC inlines them as
 * literals, bytea as hex), by INSERT and UPDATE through the extended protocol (bytea as a
 * binary parameter), and by COPY FROM STDIN; read back through both protocols (binary results
 * on the extended one) and checked with length() and md5() against the values sent. Contents
 * come from a Random seeded per size, so both databases get the same values.
 *
 * <p>One value per row: a row holding two 64 MiB values exceeds the largest row one replicated
 * log entry holds (54000), which {@link #twoLargestValuesInOneRowAreRefusedBeforeCommit} pins on TableOS.
 */
class LargeValuesTest {
    private static final int[] SIZES = {1 << 20, 16 << 20, 64 << 20};

    @OnBothDatabases
    void textAndByteaOfEverySizeRoundTrip(Database db) throws Exception {
        try (Connection simple = db.connect("preferQueryMode=simple");
             Connection extended = db.connect("prepareThreshold=-1");
             Statement s = extended.createStatement()) {
            s.execute("DROP TABLE IF EXISTS large_values");
            s.execute("CREATE TABLE large_values (id int PRIMARY KEY, t text, b bytea)");
            for (int size : SIZES) {
                Random random = new Random(size);
                String context = db + ", " + size + " bytes";
                String text = text(random, size);
                byte[] bytes = bytes(random, size);
                insertAndCheck(simple, extended, 1, text, bytes, context + ", simple INSERT");
                String text2 = text(random, size);
                byte[] bytes2 = bytes(random, size);
                insertAndCheck(extended, simple, 3, text2, bytes2, context + ", extended INSERT");

                update(extended, 1, "t", text2);
                update(extended, 2, "b", bytes2);
                assertStored(extended, 1, text2, null, context + ", UPDATE");
                assertStored(simple, 2, null, bytes2, context + ", UPDATE");

                copy(extended, "5\t" + text + "\n", "(id, t)");
                copy(extended, "6\t\\\\x" + HexFormat.of().formatHex(bytes) + "\n", "(id, b)");
                assertStored(extended, 5, text, null, context + ", COPY");
                assertStored(extended, 6, null, bytes, context + ", COPY");

                s.execute("DELETE FROM large_values");
            }
            s.execute("DROP TABLE large_values");
        }
    }

    @OnBothDatabases
    void twoLargestValuesInOneRowAreRefusedBeforeCommit(Database db) throws Exception {
        Assumptions.assumeFalse(db.isPostgres(), "PostgreSQL stores rows up to 1 GB; TableOS bounds a row by one Raft entry");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS large_values_two");
            s.execute("CREATE TABLE large_values_two (id int PRIMARY KEY, t text, b bytea)");
            Random random = new Random(2);
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO large_values_two VALUES (1, ?, ?)")) {
                    p.setString(1, text(random, 64 << 20));
                    p.setBytes(2, bytes(random, 64 << 20));
                    p.executeUpdate();
                }
            });
            assertEquals("54000", e.getSQLState(), e.getMessage());
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM large_values_two")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1));
            }
            s.execute("DROP TABLE large_values_two");
        }
    }

    /** Text into row {@code id}, bytes into row {@code id + 1}, written on one connection and checked on the other. */
    private static void insertAndCheck(Connection writer, Connection reader, int id, String text, byte[] bytes, String context)
            throws Exception {
        insert(writer, id, text, null);
        insert(writer, id + 1, null, bytes);
        assertStored(reader, id, text, null, context);
        assertStored(reader, id + 1, null, bytes, context);
    }

    private static void insert(Connection c, int id, String text, byte[] bytes) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO large_values VALUES (?, ?, ?)")) {
            p.setInt(1, id);
            p.setString(2, text);
            p.setBytes(3, bytes);
            assertEquals(1, p.executeUpdate());
        }
    }

    private static void update(Connection c, int id, String column, Object value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE large_values SET " + column + " = ? WHERE id = ?")) {
            if (value instanceof byte[] b) p.setBytes(1, b); else p.setString(1, (String) value);
            p.setInt(2, id);
            assertEquals(1, p.executeUpdate());
        }
    }

    private static void copy(Connection c, String line, String columns) throws Exception {
        long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY large_values " + columns + " FROM STDIN", new StringReader(line));
        assertEquals(1, rows);
    }

    /** Lengths and md5 computed by the database equal the sent value's, and the value read back is the same. */
    private static void assertStored(Connection c, int id, String text, byte[] bytes, String context) throws Exception {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT length(t), md5(t), length(b), md5(b), t, b FROM large_values WHERE id = ?")) {
            p.setInt(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next(), context);
                if (text != null) {
                    assertEquals(text.length(), rs.getInt(1), context);
                    assertEquals(md5(text.getBytes(StandardCharsets.UTF_8)), rs.getString(2), context);
                    assertTrue(text.equals(rs.getString(5)), context + ": text read back differs");
                }
                if (bytes != null) {
                    assertEquals(bytes.length, rs.getInt(3), context);
                    assertEquals(md5(bytes), rs.getString(4), context);
                    assertArrayEquals(bytes, rs.getBytes(6), context + ": bytea read back differs");
                }
            }
        }
    }

    /**
     * Printable ASCII with quotes (doubled in literals), without backslashes:
     * JSqlParser 5.4 misreads a standard literal holding a backslash before a quote
     * ({@code 'a\''}), whatever its escape setting, a parser bug outside this test's subject.
     */
    static String text(Random random, int length) {
        byte[] chars = new byte[length];
        for (int i = 0; i < length; i++) {
            byte c = (byte) (' ' + random.nextInt(94));
            chars[i] = c == '\\' ? (byte) '~' : c; // ' ' to '}' with '~' for the backslash
        }
        return new String(chars, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
