package io.tableos.services.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.services.fs.client.FsClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blocks an unlinked large file leaves to fs.reclaim never stay behind for good: when the
 * client's reclaim pass fails (injected: its connection refuses {@code SELECT fs.reclaim()} with
 * a non-failover error), the unlink still succeeds (the name is gone, as asked), and the pass is
 * resumed by the same client's next call, or by another client once this one is gone. Before,
 * the unlink failed with the reclaim's error and the blocks stayed until some later unlink of a
 * large file happened to reclaim.
 */
class FsReclaimTest {
    /** Three calls' worth: unlink deletes one, the reclaim pass the other two. */
    static final int FILE_BYTES = 3 * Limits.DELETE_BYTES_PER_CALL;

    static FsNode node;

    @BeforeAll
    static void start() throws Exception {
        node = FsNode.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void aFailedReclaimIsResumedByTheNextCall() throws Exception {
        AtomicBoolean failReclaim = new AtomicBoolean();
        try (FsClient fs = new FsClient(() -> refusingReclaim(node.connect(), failReclaim), FsNode.FAILOVER_MILLIS)) {
            writeFile(fs, "/resumed");
            failReclaim.set(true);
            fs.unlink("/resumed");
            assertEquals(Errno.ENOENT, FsSemanticsTest.errno(() -> fs.stat("/resumed", true)));
            assertTrue(blocksAndReclaimRows().get(1) > 0, "the failed pass left its rows");

            failReclaim.set(false);
            fs.statfs(); // any call
            assertEquals(List.of(0L, 0L), blocksAndReclaimRows(), "blocks and reclaim rows left behind");
        }
    }

    @Test
    void anotherClientResumesWhatAGoneOneLeft() throws Exception {
        AtomicBoolean failReclaim = new AtomicBoolean(true);
        try (FsClient gone = new FsClient(() -> refusingReclaim(node.connect(), failReclaim), FsNode.FAILOVER_MILLIS)) {
            writeFile(gone, "/left");
            gone.unlink("/left");
        }
        assertTrue(blocksAndReclaimRows().get(1) > 0);
        try (FsClient next = node.client()) {
            next.statfs();
            assertEquals(List.of(0L, 0L), blocksAndReclaimRows(), "blocks and reclaim rows left behind");
        }
        node.assertAccountingMatches();
    }

    private static void writeFile(FsClient fs, String path) throws Exception {
        long ino = fs.create(path, 0644, true);
        byte[] piece = new byte[Limits.WRITE_BYTES_MAX];
        for (long offset = 0; offset < FILE_BYTES; offset += piece.length) fs.pwrite(ino, offset, piece);
    }

    /** Count of fs.blocks and of fs.reclaim rows. */
    private static List<Long> blocksAndReclaimRows() throws SQLException {
        try (Connection c = node.connect(); var s = c.createStatement();
             var r = s.executeQuery("SELECT (SELECT count(*) FROM fs.blocks), (SELECT count(*) FROM fs.reclaim)")) {
            r.next();
            return List.of(r.getLong(1), r.getLong(2));
        }
    }

    /** {@code c}, except that preparing {@code SELECT fs.reclaim()} fails (SQLSTATE 58030, not a failover) while {@code fail} is set. */
    private static Connection refusingReclaim(Connection c, AtomicBoolean fail) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (fail.get() && method.getName().equals("prepareStatement") && "SELECT fs.reclaim()".equals(args[0])) {
                        throw new SQLException("injected: reclaim refused", "58030");
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
