package io.tableos.db.txn;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.replication.RaftNodeConfig;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DataType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link CrashRecoveryTest} kills. Starts a single-node group on the data
 * directory, prints {@code P <id>} for every row already present, {@code READY}, then
 * commits numbered rows from several threads forever, printing {@code A <id>} before each
 * commit is attempted and {@code K <id>} once it is acknowledged.
 *
 * <p>Arguments: data directory, Raft port, first id to use, snapshot trigger (entries).
 */
public final class CrashWorker {
    static final long TABLE_ID = 30_000;
    static final int THREADS = 4;

    static TableDef table() {
        return new TableDef(TABLE_ID, "public", "acked",
                List.of(new ColumnDef("id", DataType.INT8, true, null), new ColumnDef("note", DataType.TEXT, false, null)),
                List.of(0), "acked_pkey", List.of(), 0);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long firstId = Long.parseLong(args[2]);
        long snapshotEvery = Long.parseLong(args[3]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        Catalog catalog = new Catalog();
        ChronicleStorage storage = new ChronicleStorage(StorageConfig.defaults(null), catalog);
        RaftNodeConfig raft = RaftNodeConfig.singleNode("n0", "127.0.0.1", port, "127.0.0.1:5432", dir)
                .withElectionTimeouts(Duration.ofMillis(100), Duration.ofMillis(200))
                .withSnapshots(snapshotEvery, 2, false);
        TransactionManagerImpl tm = TransactionManagerImpl.start(TransactionManagerConfig.defaults(raft), storage, catalog);
        if (!tm.awaitLeadership(Duration.ofSeconds(30))) throw new IllegalStateException("no leadership");
        if (catalog.table(TABLE_ID) == null) tm.applyDdl(new DdlOperation.CreateTable(table(), List.of()));
        TableDef def = catalog.table(TABLE_ID);
        TableStore store = storage.table(TABLE_ID);
        StringBuilder present = new StringBuilder();
        try (KeyValueCursor c = store.scan(KeyRange.ALL, false)) {
            while (c.next()) present.append("P ").append(RowCodec.decode(def, c.value())[0]).append('\n');
        }
        synchronized (out) {
            out.print(present);
            out.println("READY");
            out.flush();
        }
        AtomicLong nextId = new AtomicLong(firstId);
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                while (true) {
                    long id = nextId.getAndIncrement();
                    Object[] row = {id, "row " + id};
                    synchronized (out) {
                        out.println("A " + id);
                        out.flush();
                    }
                    Transaction txn = tm.begin(Isolation.SERIALIZABLE, false);
                    txn.insert(store, KeyCodec.primaryKey(def, row, 0), RowCodec.encode(def, row));
                    txn.commit();
                    synchronized (out) {
                        out.println("K " + id);
                        out.flush();
                    }
                }
            }, "committer-" + i);
            t.start();
        }
        Thread.currentThread().join();
    }
}
