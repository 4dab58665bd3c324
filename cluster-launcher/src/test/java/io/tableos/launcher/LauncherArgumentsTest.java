package io.tableos.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher without node processes: usage errors (exit status 2) for bad flags and
 * commands, a clear error for a taken port, and the cluster file keeping arbitrary member
 * ids across add and remove (and reading the older "nodes=N" form).
 */
class LauncherArgumentsTest {
    @TempDir
    Path dir;

    @Test
    void badFlagsAreUsageErrors() {
        assertUsage("--dir DIR is required", "status");
        assertUsage("unknown command 'frobnicate'", "frobnicate", "--dir", dir.toString());
        assertUsage("--nodes: expected an integer 1..9, got 'x'", "up", "--local", "--nodes", "x", "--dir", dir.toString());
        assertUsage("--dir: missing value", "status", "--dir");
        LauncherException noCluster = assertThrows(LauncherException.class, () -> Main.run(new String[] {"status", "--dir", dir.toString()}));
        assertTrue(noCluster.getMessage().contains("no cluster in"), noCluster.getMessage());
    }

    @Test
    void takenPortIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            LauncherException e = assertThrows(LauncherException.class,
                    () -> LocalNodes.requireFreePort("127.0.0.1", taken.getLocalPort()));
            assertTrue(e.getMessage().contains("is taken"), e.getMessage());
        }
    }

    @Test
    void clusterFileKeepsMemberIds() throws Exception {
        ClusterState three = new ClusterState(dir, "local", "tableos", List.of(
                new ClusterState.Node(1, "127.0.0.1", 15432, 15532), new ClusterState.Node(2, "127.0.0.1", 15433, 15533),
                new ClusterState.Node(3, "127.0.0.1", 15434, 15534)));
        three.without(2).with(new ClusterState.Node(4, "127.0.0.1", 15435, 15535)).save();
        ClusterState loaded = ClusterState.load(dir);
        assertEquals("1,3,4", loaded.ids());
        assertEquals("1=127.0.0.1:15532:15432,3=127.0.0.1:15534:15434,4=127.0.0.1:15535:15435", loaded.peers());

        Files.writeString(dir.resolve(ClusterState.FILE_NAME), "mode=local\nuser=tableos\nnodes=2\n"
                + "node.1.host=127.0.0.1\nnode.1.sqlPort=1\nnode.1.raftPort=2\nnode.2.host=127.0.0.1\nnode.2.sqlPort=3\nnode.2.raftPort=4\n");
        assertEquals("1,2", ClusterState.load(dir).ids());
    }

    private static void assertUsage(String expected, String... args) {
        LauncherException e = assertThrows(LauncherException.class, () -> Main.run(args));
        assertEquals(2, e.exitStatus);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
