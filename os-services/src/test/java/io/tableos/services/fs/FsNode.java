package io.tableos.services.fs;

import io.tableos.db.it.TestNode;
import io.tableos.services.fs.client.FsClient;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real node in its own JVM with this module's test classpath (its ServiceLoader finds
 * {@link FsModule} as production finds it in the node's jar), and clients of it.
 */
final class FsNode implements AutoCloseable {
    /** How long a client keeps repeating a call while the node starts or fails over. */
    static final long FAILOVER_MILLIS = 30_000;

    final TestNode node;

    private FsNode(TestNode node) {
        this.node = node;
    }

    static FsNode start() throws Exception {
        return new FsNode(TestNode.start(Files.createTempDirectory("fs-node")));
    }

    /** A node whose JVM heap is {@code xmx} (an -Xmx value): what one call may make it hold shows against it. */
    static FsNode start(String xmx) throws Exception {
        TestNode node = new TestNode(Files.createTempDirectory("fs-node")).withHeap(xmx);
        node.start();
        return new FsNode(node);
    }

    Connection connect() throws SQLException {
        return node.connect();
    }

    FsClient client() {
        return new FsClient(node::connect, FAILOVER_MILLIS);
    }

    /** The node's file system through NIO, filed under {@code name}, with {@code connections} pooled connections. */
    java.nio.file.FileSystem nio(String name, int connections) throws java.io.IOException {
        return nio(name, node.jdbcUrl(), connections, FAILOVER_MILLIS);
    }

    static java.nio.file.FileSystem nio(String name, String jdbcUrl, int connections, long failoverMillis) throws java.io.IOException {
        return java.nio.file.FileSystems.newFileSystem(java.net.URI.create("tableos://" + name + "/"), java.util.Map.of(
                "url", jdbcUrl, "user", TestNode.USER, "password", TestNode.PASSWORD,
                "connections", connections, "failoverMillis", failoverMillis));
    }

    void assertAccountingMatches() throws SQLException {
        assertAccountingMatches(this::connect);
    }

    /** fs.config's counters equal what fs.inodes holds (the FsCall invariant), read through {@code connector} (a node or a cluster). */
    static void assertAccountingMatches(FsClient.Connector connector) throws SQLException {
        try (Connection c = connector.connect(); Statement s = c.createStatement(); var r = s.executeQuery(
                "SELECT (SELECT inodes FROM fs.config), (SELECT count(*) FROM fs.inodes),"
                        + " (SELECT used_bytes FROM fs.config), (SELECT coalesce(sum(size), 0) FROM fs.inodes WHERE kind = 'file')")) {
            r.next();
            org.junit.jupiter.api.Assertions.assertEquals(r.getLong(2), r.getLong(1), "fs.config.inodes");
            org.junit.jupiter.api.Assertions.assertEquals(r.getLong(4), r.getLong(3), "fs.config.used_bytes");
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
