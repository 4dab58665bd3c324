package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.catalog.system.CatalogSystemTables;
import io.tableos.db.replication.RaftNodeConfig;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.sql.session.RowSink;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.txn.TransactionManagerConfig;
import io.tableos.db.txn.TransactionManagerImpl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real single-node engine for tests: ChronicleStorage, a one-peer Raft group in a temporary
 * directory, the catalog's system tables, and {@link SqlEngineImpl} over them.
 */
final class EngineFixture implements AutoCloseable {
    final Catalog catalog = new Catalog();
    final ChronicleStorage storage;
    final TransactionManagerImpl transactions;
    final SystemTables systemTables = new SystemTables();
    final SqlEngineImpl engine;

    EngineFixture(Path dir) throws Exception {
        this(dir, EngineSettings.defaults());
    }

    EngineFixture(Path dir, EngineSettings settings) throws Exception {
        storage = new ChronicleStorage(StorageConfig.defaults(SqlEngineImpl.predicateCompiler()), catalog);
        RaftNodeConfig raft = RaftNodeConfig.of("n0", List.of(new RaftPeerAddress("n0", "127.0.0.1", freePort(), "127.0.0.1:5432")),
                        dir.resolve("raft"))
                .withElectionTimeouts(Duration.ofMillis(150), Duration.ofMillis(300))
                .withSnapshots(1_000_000, 2, false);
        transactions = TransactionManagerImpl.start(TransactionManagerConfig.defaults(raft), storage, catalog);
        if (!transactions.awaitLeadership(Duration.ofSeconds(20))) throw new AssertionError("no leadership");
        CatalogSystemTables.registerAll(systemTables);
        engine = new SqlEngineImpl(transactions, systemTables, settings);
    }

    SqlSessionImpl session() {
        return engine.openSessionImpl(Map.of("user", "tester", "database", "testdb", "application_name", "fixture"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs one statement as the simple-query protocol does (its own implicit transaction); returns its rows. */
    static List<Object[]> run(SqlSessionImpl session, String sql) {
        boolean ok = false;
        try {
            List<Object[]> rows = runInBatch(session, sql);
            ok = true;
            return rows;
        } finally {
            session.endImplicitTransaction(ok);
        }
    }

    /** Runs one statement without ending the implicit transaction (extended-protocol batch before Sync). */
    static List<Object[]> runInBatch(SqlSessionImpl session, String sql) {
        List<Object[]> rows = new ArrayList<>();
        try (StatementResult r = session.execute(session.prepare(sql, new int[0]), new Object[0])) {
            RowSink sink = row -> rows.add(row.clone());
            r.fetch(sink, 0);
        }
        return rows;
    }

    /** The first column of each row, one line each (an EXPLAIN's text). */
    static String lines(List<Object[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (Object[] r : rows) sb.append(r[0]).append('\n');
        return sb.toString();
    }

    static String tag(SqlSessionImpl session, String sql) {
        boolean ok = false;
        try (StatementResult r = session.execute(session.prepare(sql, new int[0]), new Object[0])) {
            r.fetch(row -> { }, 0);
            ok = true;
            return r.commandTag();
        } finally {
            session.endImplicitTransaction(ok);
        }
    }

    @Override
    public void close() {
        transactions.close();
        storage.close();
    }
}
