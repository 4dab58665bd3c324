package io.tableos.db.sql.exec;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.catalog.system.CatalogSystemTables;
import io.tableos.db.replication.RaftNodeConfig;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.txn.TransactionManagerConfig;
import io.tableos.db.txn.TransactionManagerImpl;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real single-node engine for tests: Chronicle storage, the Raft-backed transaction
 * manager (a group of one on a loopback port), the session layer's SqlEngineImpl with the
 * catalog's system tables, and the executor's partial-index predicates.
 */
final class EngineFixture implements AutoCloseable {
    final ChronicleStorage storage;
    final Catalog catalog = new Catalog();
    final TransactionManagerImpl transactions;
    final io.tableos.db.sql.engine.SqlEngineImpl engine;
    final io.tableos.db.catalog.system.PgObjects pgObjects;

    EngineFixture(Path dir) throws Exception {
        storage = new ChronicleStorage(new StorageConfig(1024, 1000, io.tableos.db.sql.engine.SqlEngineImpl.predicateCompiler()), catalog);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<RaftPeerAddress> peers = List.of(new RaftPeerAddress("n0", "127.0.0.1", port, "127.0.0.1:5432"));
        RaftNodeConfig raft = RaftNodeConfig.of("n0", peers, dir.resolve("n0"))
                .withElectionTimeouts(Duration.ofMillis(150), Duration.ofMillis(300));
        TransactionManagerConfig config = TransactionManagerConfig.defaults(raft).withLockTimeout(Duration.ofSeconds(5));
        transactions = TransactionManagerImpl.start(config, storage, catalog);
        if (!transactions.awaitLeadership(Duration.ofSeconds(30))) throw new AssertionError("no leadership");
        SystemTables systemTables = new SystemTables();
        pgObjects = CatalogSystemTables.registerAll(systemTables);
        engine = new io.tableos.db.sql.engine.SqlEngineImpl(transactions, systemTables, io.tableos.db.sql.engine.EngineSettings.defaults());
    }

    SqlSession session() {
        return engine.openSession(Map.of("user", "tableos", "database", "tableos"));
    }

    @Override
    public void close() {
        transactions.close();
        storage.close();
    }
}
