package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large values survive both ways a node comes back: after SIGKILL (the Raft log is replayed
 * into empty storage) and after a clean stop (the stop-time snapshot, which must then hold a
 * 64 MiB row, is loaded). A real node process stores a 64 MiB text, a 16 MiB bytea (written,
 * then replaced, so out-of-line chunks are released and rewritten) and a small row; after each
 * restart length() and md5() of every value match what was sent. Contents from a fixed seed.
 */
class LargeValuesRestartTest {
    @TempDir
    Path dir;

    @Test
    void largeValuesSurviveLogReplayAndSnapshotLoad() throws Exception {
        Random random = new Random(11);
        String text = text(random, 64 << 20);
        byte[] firstBytes = bytes(random, 16 << 20);
        byte[] bytes = bytes(random, 16 << 20);
        TestNode node = new TestNode(dir).withHeap("2g");
        try (node) {
            node.start();
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE restart_values (id int PRIMARY KEY, t text, b bytea)");
                write(c, "INSERT INTO restart_values VALUES (1, ?, NULL)", text);
                write(c, "INSERT INTO restart_values VALUES (2, NULL, ?)", firstBytes);
                write(c, "UPDATE restart_values SET b = ? WHERE id = 2", bytes);
                s.execute("INSERT INTO restart_values VALUES (3, 'small', '\\x00ff')");
            }
            node.kill();
            node.start();
            assertValues(node, text, bytes, "after SIGKILL and log replay");

            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT sys.shutdown()");
            } catch (SQLException e) {
                // the connection may close before the reply arrives
            }
            assertEquals(0, node.awaitExit(120), node.output());
            assertTrue(largestSnapshotBytes(node.dataDir()) > (64L << 20), "the stop-time snapshot holds the 64 MiB row");
            node.start();
            assertValues(node, text, bytes, "after a clean stop and snapshot load");
        }
    }

    private static void write(Connection c, String sql, Object value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (value instanceof byte[] b) p.setBytes(1, b); else p.setString(1, (String) value);
            assertEquals(1, p.executeUpdate());
        }
    }

    private static void assertValues(TestNode node, String text, byte[] bytes, String context) throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, length(t), md5(t), length(b), md5(b) FROM restart_values ORDER BY id")) {
            assertTrue(rs.next(), context);
            assertEquals(text.length(), rs.getInt(2), context);
            assertEquals(md5(text.getBytes(StandardCharsets.UTF_8)), rs.getString(3), context);
            assertTrue(rs.next(), context);
            assertEquals(bytes.length, rs.getInt(4), context);
            assertEquals(md5(bytes), rs.getString(5), context);
            assertTrue(rs.next(), context);
            assertEquals(5, rs.getInt(2), context);
            assertEquals(2, rs.getInt(4), context);
            assertTrue(!rs.next(), context);
        }
    }

    private static long largestSnapshotBytes(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot.") && !p.toString().endsWith(".md5"))
                    .mapToLong(p -> p.toFile().length()).max().orElse(0);
        }
    }

    private static String text(Random random, int length) {
        byte[] chars = new byte[length];
        for (int i = 0; i < length; i++) chars[i] = (byte) ('a' + random.nextInt(26));
        return new String(chars, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
