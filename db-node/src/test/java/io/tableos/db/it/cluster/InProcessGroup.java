package io.tableos.db.it.cluster;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.replication.RaftNodeConfig;
import io.tableos.db.replication.RaftTransport;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.txn.Isolation;
import io.tableos.db.txn.Transaction;
import io.tableos.db.txn.TransactionManagerConfig;
import io.tableos.db.txn.TransactionManagerImpl;
import io.tableos.db.types.DataType;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Raft members with their commit path and Chronicle storage, all in this JVM on loopback
 * ports: for replication-level tests (membership, snapshot installation) that need no SQL.
 * Members are started, stopped, wiped and restarted by id; one table {@code kv(k int8, v text)}.
 */
final class InProcessGroup implements AutoCloseable {
    static final long TABLE_ID = 30_000;
    static final TableDef TABLE = new TableDef(TABLE_ID, "public", "kv",
            List.of(new ColumnDef("k", DataType.INT8, true, null), new ColumnDef("v", DataType.TEXT, false, null)),
            List.of(0), "kv_pkey", List.of(), 0);

    record Member(RaftPeerAddress address, ChronicleStorage storage, TransactionManagerImpl manager) {}

    private final Path dir;
    private final long segmentBytes;
    private final RaftTransport transport;
    /** Read by client threads while the test starts and stops members. */
    final Map<String, Member> members = new java.util.concurrent.ConcurrentSkipListMap<>();
    final Map<String, RaftPeerAddress> addresses = new LinkedHashMap<>();

    InProcessGroup(Path dir, long segmentBytes) {
        this(dir, segmentBytes, RaftTransport.GRPC);
    }

    InProcessGroup(Path dir, long segmentBytes, RaftTransport transport) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.transport = transport;
    }

    RaftPeerAddress newAddress(String id) throws IOException {
        int raftPort;
        try (ServerSocket s = new ServerSocket(0)) {
            raftPort = s.getLocalPort();
        }
        RaftPeerAddress a = new RaftPeerAddress(id, "127.0.0.1", raftPort, "127.0.0.1:" + (20_000 + raftPort % 10_000));
        addresses.put(id, a);
        return a;
    }

    /** Starts member {@code id} with {@code peers} as its seed configuration. */
    Member start(String id, List<RaftPeerAddress> peers) throws IOException {
        RaftNodeConfig raft = RaftNodeConfig.of(id, peers, dir.resolve(id))
                .withElectionTimeouts(Duration.ofMillis(300), Duration.ofMillis(600))
                .withSnapshots(1_000_000, 2, false)
                .withSegmentBytesMax(segmentBytes)
                .withTransport(transport);
        ChronicleStorage storage = new ChronicleStorage(StorageConfig.defaults(null));
        TransactionManagerImpl manager = new TransactionManagerImpl(TransactionManagerConfig.defaults(raft),
                storage, new Catalog());
        manager.start();
        Member m = new Member(addresses.get(id), storage, manager);
        members.put(id, m);
        return m;
    }

    void stop(String id) {
        Member m = members.remove(id);
        if (m == null) return;
        m.manager().close();
        m.storage().close();
    }

    void wipe(String id) throws IOException {
        Path d = dir.resolve(id);
        if (!Files.exists(d)) return;
        try (Stream<Path> files = Files.walk(d)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    Member leader() {
        for (Member m : members.values()) if (m.manager().isLeader()) return m;
        return null;
    }

    Member awaitLeader() throws InterruptedException {
        eventually(() -> leader() != null, "a leader");
        return leader();
    }

    void createTable() throws InterruptedException {
        awaitLeader().manager().applyDdl(new DdlOperation.CreateTable(TABLE, List.of()));
    }

    /** Inserts keys {@code from..to-1} on the leader, {@code perTransaction} rows per commit. */
    static void insert(TransactionManagerImpl leader, long from, long to, int perTransaction, String payload) {
        TableStore table = leader.storage().table(TABLE_ID);
        for (long k = from; k < to; ) {
            Transaction t = leader.begin(Isolation.SERIALIZABLE, false);
            for (int i = 0; i < perTransaction && k < to; i++, k++) {
                Object[] row = {k, payload + k};
                t.insert(table, KeyCodec.primaryKey(TABLE, row, 0), RowCodec.encode(TABLE, row));
            }
            t.commit();
        }
    }

    static boolean has(Member m, long k) {
        TableStore table = m.storage().table(TABLE_ID);
        return table != null && table.get(KeyCodec.primaryKey(TABLE, new Object[] {k, null}, 0)) != null;
    }

    static long count(Member m) {
        TableStore table = m.storage().table(TABLE_ID);
        return table == null ? 0 : table.rowCount();
    }

    List<RaftPeerAddress> peers(String... ids) {
        List<RaftPeerAddress> list = new ArrayList<>();
        for (String id : ids) list.add(addresses.get(id));
        return list;
    }

    /** Polls a condition that other members' threads make true; bounded, not a sleep for ordering. */
    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        for (String id : new ArrayList<>(members.keySet())) {
            try {
                stop(id);
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
    }
}
