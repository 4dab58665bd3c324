package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.replication.ApplyFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed entry that fails to apply stops the node for good: a real node process runs
 * with storage's {@code storage.put} fault injected on one table; an INSERT into it is
 * committed to the Raft log and then fails in apply. The node must exit at once (code
 * {@link ApplyFailure#EXIT_CODE}) with the entry's log index in its output and in the
 * marker file, must refuse to start while the marker is there (even with the fault gone),
 * and after the operator deletes the marker it replays the entry and serves the row.
 *
 * <p>Fault model: storage throws on one table's row writes, as a storage bug would.
 */
class ApplyFailureTest {
    @TempDir
    Path dir;

    @Test
    void nodeStopsOnApplyFailureAndServesAgainOnlyAfterTheMarkerIsRemoved() throws Exception {
        TestNode node = new TestNode(dir).withJvmOptions("-Dtableos.test.storagefault=storage.put:apply_victim");
        try (node) {
            node.start();
            long failingIndex;
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE apply_victim (id int PRIMARY KEY, v text)");
                s.execute("CREATE TABLE apply_bystander (id int PRIMARY KEY)");
                s.execute("INSERT INTO apply_bystander VALUES (1)");
                failingIndex = appliedIndex(s) + 1;
                assertThrows(SQLException.class, () -> s.execute("INSERT INTO apply_victim VALUES (1, 'lost?')"));
            }
            assertEquals(ApplyFailure.EXIT_CODE, node.awaitExit(60), node.output());
            assertTrue(node.output().contains("applying Raft log entry " + failingIndex + " "), node.output());
            assertTrue(node.output().contains("injected storage fault storage.put"), node.output());
            Path marker = marker(node.dataDir());
            assertTrue(Files.readString(marker).startsWith("index=" + failingIndex + " "), Files.readString(marker));

            node.withJvmOptions(); // the bug is "fixed", but the marker still stops the node
            IllegalStateException refused = assertThrows(IllegalStateException.class, node::start);
            assertTrue(refused.getMessage().contains("refusing to start"), refused.getMessage());
            assertTrue(refused.getMessage().contains("index=" + failingIndex + " "), refused.getMessage());
            assertTrue(node.awaitExit(60) != 0);

            Files.delete(marker);
            node.start();
            try (Connection c = node.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT v FROM apply_victim WHERE id = 1), (SELECT count(*) FROM apply_bystander)")) {
                assertTrue(rs.next());
                assertEquals("lost?", rs.getString(1), "the failed entry is applied on restart");
                assertEquals(1, rs.getLong(2));
            }
        }
    }

    private static long appliedIndex(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT applied_index FROM sys.nodes")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static Path marker(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(p -> p.getFileName().toString().equals(ApplyFailure.MARKER_FILE)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + ApplyFailure.MARKER_FILE + " under " + dataDir));
        }
    }
}
