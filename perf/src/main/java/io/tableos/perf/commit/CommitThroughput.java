package io.tableos.perf.commit;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.replication.RaftNodeConfig;
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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Commits per second of single-row autocommit INSERTs through {@link TransactionManagerImpl}
 * on a one-node Raft group (log fsync on) over ChronicleStorage, for each thread count
 * given. Each round warms up first (JIT on 2 cores needs it), then measures.
 *
 * <p>Usage: {@code CommitThroughput [threads,...] [warmupSeconds] [measureSeconds]}, default {@code 1,32 10 10}.
 */
public final class CommitThroughput {
    public static void main(String[] args) throws Exception {
        String[] threadCounts = (args.length > 0 ? args[0] : "1,32").split(",");
        int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int measureSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("commit-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Catalog catalog = new Catalog();
        ChronicleStorage storage = new ChronicleStorage(StorageConfig.defaults(null), catalog);
        RaftNodeConfig raft = RaftNodeConfig.singleNode("n0", "127.0.0.1", port, "127.0.0.1:5432", dir)
                .withSnapshots(1_000_000, 2, false);
        TransactionManagerImpl tm = TransactionManagerImpl.start(TransactionManagerConfig.defaults(raft), storage, catalog);
        if (!tm.awaitLeadership(Duration.ofSeconds(30))) throw new IllegalStateException("no leadership");
        TableDef def = new TableDef(40_000, "public", "bench",
                List.of(new ColumnDef("id", DataType.INT8, true, null), new ColumnDef("payload", DataType.TEXT, false, null)),
                List.of(0), "bench_pkey", List.of(), 0);
        tm.applyDdl(new DdlOperation.CreateTable(def, List.of()));
        TableStore table = storage.table(def.id());
        AtomicLong ids = new AtomicLong();
        System.out.println("threads  commits/s  entries/s  commits/entry  (fsync on, 1 node, GRPC)");
        for (String t : threadCounts) {
            int threads = Integer.parseInt(t.trim());
            run(tm, def, table, ids, threads, warmupSeconds);
            long entries0 = tm.entriesSubmitted();
            long commits = run(tm, def, table, ids, threads, measureSeconds);
            long entries = tm.entriesSubmitted() - entries0;
            System.out.printf("%7d  %9.0f  %9.0f  %13.1f%n", threads, commits / (double) measureSeconds,
                    entries / (double) measureSeconds, commits / (double) Math.max(1, entries));
        }
        tm.close();
        storage.close();
        System.exit(0);
    }

    private static long run(TransactionManagerImpl tm, TableDef def, TableStore table, AtomicLong ids, int threads,
                            int seconds) throws InterruptedException {
        LongAdder commits = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread w = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long id = ids.incrementAndGet();
                    Object[] row = {id, "payload of row " + id};
                    Transaction txn = tm.begin(Isolation.SERIALIZABLE, false);
                    txn.insert(table, KeyCodec.primaryKey(def, row, 0), RowCodec.encode(def, row));
                    txn.commit();
                    commits.increment();
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) w.join();
        return commits.sum();
    }
}
