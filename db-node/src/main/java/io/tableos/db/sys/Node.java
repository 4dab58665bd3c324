package io.tableos.db.sys;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.SystemTables;
import io.tableos.db.catalog.system.CatalogSystemTables;
import io.tableos.db.catalog.system.PgObjects;
import io.tableos.db.sql.func.CatalogFunctionBindings;
import io.tableos.db.storage.TableStore;
import io.tableos.db.replication.RaftStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.tableos.db.replication.RaftNodeConfig;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.replication.RaftTransport;
import io.tableos.db.sql.session.SqlEngine;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.RowPredicateCompiler;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.storage.StorageFault;
import io.tableos.db.txn.TransactionManagerConfig;
import io.tableos.db.txn.TransactionManagerImpl;
import io.tableos.db.wire.pgwire.PgServer;
import io.tableos.db.wire.pgwire.PgServerConfig;
import io.tableos.db.wire.pgwire.auth.InMemoryUserDirectory;
import io.tableos.virtio.DeviceLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One database node: storage, the commit path over Raft, the SQL engine and the pgwire
 * server, started in dependency order and closed in reverse.
 */
public final class Node implements AutoCloseable {

    /** Builds the SQL engine once the commit path exists; supplied by {@link NodeMain}. */
    public interface EngineFactory {
        SqlEngine create(TransactionManagerImpl transactions, SystemTables systemTables);
    }

    /** Longest wait at start for the log replay and a leader (a majority must be up). */
    static final Duration STARTUP_CATCH_UP_TIMEOUT = Duration.ofMinutes(10);

    private final NodeConfig config;
    private final DeviceLayer devices;
    private final Catalog catalog = new Catalog();
    private final SystemTables systemTables = new SystemTables();
    private ChronicleStorage storage;
    private TransactionManagerImpl transactions;
    private PgServer server;
    private String sqlAddress;

    public Node(NodeConfig config, DeviceLayer devices) {
        this.config = config;
        this.devices = devices;
    }

    public void start(RowPredicateCompiler predicateCompiler, EngineFactory engineFactory) throws IOException {
        Path dataDir = devices.dataDirectory();
        Files.createDirectories(dataDir);
        StorageFault fault = StorageFault.parse(devices.kernelParameters().get(STORAGE_FAULT_PARAMETER));
        ChronicleStorage.warmUp(); // before joining Raft: not on the apply thread
        storage = new ChronicleStorage(StorageConfig.defaults(predicateCompiler).withFault(fault), catalog);

        // The SQL port is bound first: with --sql-port 0 its number must be known before
        // the Raft group is told this node's SQL address.
        StartingEngine startingEngine = new StartingEngine();
        InMemoryUserDirectory users = new InMemoryUserDirectory();
        PgServerConfig serverConfig = PgServerConfig.defaults().withMaxConnections(config.maxConnections());
        if (config.authMethod().equals("trust")) {
            serverConfig = serverConfig.withAuthMode(PgServerConfig.AuthMode.TRUST);
        } else {
            users.addUser(config.user(), readPassword(config.passwordFile()));
        }
        server = new PgServer(startingEngine, users, serverConfig).start(config.host(), config.sqlPort());
        sqlAddress = config.host() + ":" + server.port();

        transactions = TransactionManagerImpl.start(transactionConfig(dataDir), storage, catalog);
        PgObjects pgObjects = CatalogSystemTables.registerAll(systemTables);
        CatalogFunctionBindings.registerWithFunctionRegistry(pgObjects,
                new CatalogFunctionBindings.Environment(() -> !transactions.isLeader(), OffsetDateTime.now(ZoneOffset.UTC),
                        this::estimatedRows),
                context -> catalog);
        awaitCaughtUp();
        startingEngine.ready(engineFactory.create(transactions, systemTables));
    }

    /**
     * Ratis replays the local log in the background after start: serving SQL before that
     * would show a state older than what this node already knew was committed. Waits until
     * it has applied everything it knows committed (a single node: until it is the leader,
     * which implies the same). No leader is needed otherwise: a node that is about to be added
     * to the group has nothing to replay, and a follower's reads may lag anyway (sys.nodes shows by how much).
     */
    private void awaitCaughtUp() throws IOException {
        long deadline = System.nanoTime() + STARTUP_CATCH_UP_TIMEOUT.toNanos();
        try {
            while (true) {
                RaftStatus status = transactions.raftStatus();
                boolean caughtUp = status.appliedIndex() >= status.commitIndex()
                        && (config.peers().size() > 1 || transactions.isLeader());
                if (caughtUp) return;
                if (System.nanoTime() > deadline) {
                    throw new IOException("not caught up with the Raft log after " + STARTUP_CATCH_UP_TIMEOUT.toSeconds()
                            + " s (role " + status.role() + ", applied " + status.appliedIndex() + " of " + status.commitIndex() + ")");
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while replaying the log", e);
        }
    }

    private long estimatedRows(long tableId) {
        TableStore table = storage.table(tableId);
        return table == null ? 0 : table.rowCount();
    }

    private RaftNodeConfig raftConfig(Path dataDir) {
        List<RaftPeerAddress> peers = new ArrayList<>();
        for (NodeConfig.Peer p : config.peers()) {
            String peerSql = p.id() == config.nodeId() ? sqlAddress : p.sqlAddress();
            peers.add(new RaftPeerAddress(Integer.toString(p.id()), p.host(), p.raftPort(), peerSql));
        }
        RaftNodeConfig raft = RaftNodeConfig.of(Integer.toString(config.nodeId()), peers, dataDir.resolve("raft"));
        // VMs under software emulation (TCG) stall for hundreds of milliseconds; the default
        // 300-600 ms election timeout then elects leaders in a loop. The launcher sets this.
        int min = intParameter(ELECTION_TIMEOUT_PARAMETER, 50);
        if (min > 0) raft = raft.withElectionTimeouts(Duration.ofMillis(min), Duration.ofMillis(2L * min));
        String transport = devices.kernelParameters().get(RAFT_TRANSPORT_PARAMETER);
        if (transport != null) raft = raft.withTransport(RaftTransport.parse(RAFT_TRANSPORT_PARAMETER, transport));
        Map<String, String> ratis = new HashMap<>();
        devices.kernelParameters().forEach((name, value) -> {
            if (name.startsWith(RATIS_PARAMETER_PREFIX)) ratis.put(name.substring(RATIS_PARAMETER_PREFIX.length()), value);
        });
        return ratis.isEmpty() ? raft : raft.withRatisOverrides(ratis);
    }

    private TransactionManagerConfig transactionConfig(Path dataDir) {
        TransactionManagerConfig txn = TransactionManagerConfig.defaults(raftConfig(dataDir));
        int inFlight = intParameter(ENTRIES_IN_FLIGHT_PARAMETER, 1);
        if (inFlight != 0) txn = txn.withEntriesInFlightMax(inFlight);
        long transactionBytes = longParameter(TRANSACTION_BYTES_PARAMETER, 1);
        if (transactionBytes != 0) txn = txn.withWriteSetBytesMax(transactionBytes);
        int stageBytes = intParameter(STAGE_BYTES_PARAMETER, 1024);
        if (stageBytes != 0) txn = txn.withStageBytesMin(stageBytes);
        int windowSeconds = intParameter(HISTORY_WINDOW_PARAMETER, 1);
        int historyMegabytes = intParameter(HISTORY_MEGABYTES_PARAMETER, 1);
        if (windowSeconds != 0 || historyMegabytes != 0) {
            txn = txn.withHistory(windowSeconds == 0 ? txn.historyWindow() : Duration.ofSeconds(windowSeconds),
                    historyMegabytes == 0 ? txn.historyBytesMax() : historyMegabytes * 1024L * 1024L);
        }
        return txn;
    }

    /** A numeric node parameter, 0 when not given; a bad value stops the node with a clear error. */
    private int intParameter(String name, int min) {
        long value = longParameter(name, min);
        if (value > Integer.MAX_VALUE) throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE);
        return (int) value;
    }

    private long longParameter(String name, long min) {
        String text = devices.kernelParameters().get(name);
        if (text == null) return 0;
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be an integer >= " + min + ", got '" + text + "'");
    }

    /**
     * {@code tableos.test.storagefault=point:table}: a test makes storage fail on purpose
     * ({@link StorageFault}), to see the node stop when an entry fails to apply. Never set in production.
     */
    static final String STORAGE_FAULT_PARAMETER = "tableos.test.storagefault";

    /** {@code tableos.entriesinflight=N}: Raft entries in flight before commits batch into the next (kernel line, or -D). */
    static final String ENTRIES_IN_FLIGHT_PARAMETER = "tableos.entriesinflight";

    /**
     * {@code tableos.txn.maxbytes=N}: heap one transaction's buffered writes may take on the leader
     * (default a quarter of the heap); a write beyond it fails with 54000, before anything is sequenced.
     */
    static final String TRANSACTION_BYTES_PARAMETER = "tableos.txn.maxbytes";

    /**
     * {@code tableos.txn.stagebytes=N}: a write set of N bytes or more ships ahead of its commit in
     * staged chunks of about N bytes (default 8 MiB); tests lower it to stage small transactions.
     */
    static final String STAGE_BYTES_PARAMETER = "tableos.txn.stagebytes";

    /** {@code tableos.historywindowseconds=N}: how long replaced row versions outlive the snapshots that need them (default 0). */
    static final String HISTORY_WINDOW_PARAMETER = "tableos.historywindowseconds";

    /** {@code tableos.historymb=N}: the version store's memory budget (default an eighth of the heap). */
    static final String HISTORY_MEGABYTES_PARAMETER = "tableos.historymb";

    /** {@code tableos.electiontimeoutms=N}: Raft election timeout N..2N ms (kernel line, or -D on a host). */
    static final String ELECTION_TIMEOUT_PARAMETER = "tableos.electiontimeoutms";

    /**
     * {@code tableos.ratis.<Ratis property>=value}: set that Ratis property over our defaults, to
     * measure a setting without a rebuild (e.g. {@code tableos.ratis.raft.server.log.force.sync.num=32}).
     */
    static final String RATIS_PARAMETER_PREFIX = "tableos.ratis.";

    /** {@code tableos.raftrpc=grpc|netty}: how Raft peers talk (default grpc); every node must use the same (kernel line, or -D). */
    static final String RAFT_TRANSPORT_PARAMETER = "tableos.raftrpc";

    private static String readPassword(Path file) throws IOException {
        String password = Files.readString(file).strip();
        if (password.isEmpty()) throw new NodeConfig.ConfigException("--password-file " + file + " is empty");
        return password;
    }

    public String sqlAddress() {
        return sqlAddress;
    }

    public TransactionManagerImpl transactions() {
        return transactions;
    }

    @Override
    public void close() {
        if (server != null) server.close();
        if (transactions != null) transactions.close();
        if (storage != null) storage.close();
    }
}
