package io.tableos.db.txn;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.replication.RaftNodeConfig;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.storage.Storage;
import io.tableos.db.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds transaction managers on loopback ports and temporary directories for tests. */
final class TestCluster {
    private TestCluster() {}

    static final long TABLE_ID = 20_000;
    static final long INDEX_ID = 20_001;
    static final long SEQUENCE_ID = 20_002;

    static int freePort() throws IOException {
        return io.tableos.db.it.ListenPorts.stable();
    }

    static List<RaftPeerAddress> peers(int n) throws IOException {
        List<RaftPeerAddress> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            peers.add(new RaftPeerAddress("n" + i, "127.0.0.1", freePort(), "127.0.0.1:" + (15432 + i)));
        }
        return peers;
    }

    static TransactionManagerConfig config(String nodeId, List<RaftPeerAddress> peers, Path dir) {
        RaftNodeConfig raft = RaftNodeConfig.of(nodeId, peers, dir.resolve(nodeId))
                .withElectionTimeouts(Duration.ofMillis(150), Duration.ofMillis(300))
                .withSnapshots(100_000, 2, false);
        return TransactionManagerConfig.defaults(raft).withLockTimeout(Duration.ofSeconds(2));
    }

    /** A started single-node manager that leads. */
    static TransactionManagerImpl single(Path dir, Storage storage, Catalog catalog) throws Exception {
        return single(config("n0", peers(1), dir), storage, catalog);
    }

    static TransactionManagerImpl single(TransactionManagerConfig config, Storage storage, Catalog catalog)
            throws Exception {
        TransactionManagerImpl tm = TransactionManagerImpl.start(config, storage, catalog);
        if (!tm.awaitLeadership(Duration.ofSeconds(20))) throw new AssertionError("no leadership");
        return tm;
    }

    /** Table k INT8 primary key, v BYTEA, with a non-unique index whose key is the row's first byte. */
    static TableDef table() {
        IndexDef index = new IndexDef(INDEX_ID, "t_first", TABLE_ID, List.of(1), List.of(false), false, null, false);
        return new TableDef(TABLE_ID, "public", "t",
                List.of(new ColumnDef("k", DataType.INT8, true, null), new ColumnDef("v", DataType.BYTEA, false, null)),
                List.of(0), "t_pkey", List.of(index), 0);
    }

    static SequenceDef sequence() {
        return new SequenceDef(SEQUENCE_ID, "public", "t_k_seq", 1, 1, 1, Long.MAX_VALUE, false, TABLE_ID);
    }

    static void createTable(TransactionManagerImpl tm) {
        tm.applyDdl(new DdlOperation.CreateTable(table(), List.of(sequence())));
    }

    static byte[] key(long k) {
        return ByteBuffer.allocate(8).putLong(k ^ Long.MIN_VALUE).array();
    }

    static long keyValue(byte[] key) {
        return ByteBuffer.wrap(key).getLong() ^ Long.MIN_VALUE;
    }

    static byte[] row(int first, String rest) {
        byte[] tail = rest.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] row = new byte[tail.length + 1];
        row[0] = (byte) first;
        System.arraycopy(tail, 0, row, 1, tail.length);
        return row;
    }

    static <T> T retry(Supplier<T> body) {
        for (int attempt = 0; ; attempt++) {
            try {
                return body.get();
            } catch (io.tableos.db.types.DbException e) {
                if (!e.sqlState().equals("40001") || attempt > 1000) throw e;
            }
        }
    }
}
