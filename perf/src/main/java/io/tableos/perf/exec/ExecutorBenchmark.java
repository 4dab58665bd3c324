package io.tableos.perf.exec;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.replication.RaftNodeConfig;
import io.tableos.db.sql.engine.SqlEngineImpl;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.ProcedureContext;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.SessionInfo;
import io.tableos.db.sql.parse.JsqlStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.PlanContext;
import io.tableos.db.sql.plan.PlannedStatement;
import io.tableos.db.sql.plan.StatementPlanner;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.StorageConfig;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The executor's cost per statement over a one-node Raft commit path and Chronicle storage,
 * with plans prepared once (as the plan cache does): a primary-key point select, a
 * single-row INSERT rolled back (executor and write buffer, no Raft round) and committed
 * (the full durable path), a 10-row key-range scan, an aggregate over 1,000 rows, and the
 * cost of parsing and planning a point select (a plan-cache miss). Each operation runs in
 * its own transaction. Fork with the Chronicle JVM flags (see TableStoreBenchmark).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
@State(Scope.Benchmark)
public class ExecutorBenchmark {
    @Param({"100000"})
    public int rows;

    private Path dir;
    private ChronicleStorage storage;
    private TransactionManagerImpl tm;
    private final Catalog catalog = new Catalog();
    private PlannedStatement pointSelect;
    private PlannedStatement insert;
    private PlannedStatement rangeScan;
    private PlannedStatement aggregate;
    private long nextId;

    private static final SessionInfo SESSION = new SessionInfo() {
        public String setting(String name) { return null; }
        public Map<String, String> settings() { return Map.of(); }
        public int processId() { return 1; }
        public String userName() { return "bench"; }
        public String databaseName() { return "bench"; }
        public boolean cancelRequested() { return false; }
        public ProcedureContext procedureContext(Transaction transaction) { throw new UnsupportedOperationException(); }
        public io.tableos.db.sql.func.AdvisoryLocks advisoryLocks() { throw new UnsupportedOperationException(); }
    };

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("exec-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        storage = new ChronicleStorage(StorageConfig.defaults(SqlEngineImpl.predicateCompiler()), catalog);
        RaftNodeConfig raft = RaftNodeConfig.singleNode("n0", "127.0.0.1", port, "127.0.0.1:5432", dir);
        tm = TransactionManagerImpl.start(TransactionManagerConfig.defaults(raft), storage, catalog);
        if (!tm.awaitLeadership(Duration.ofSeconds(30))) throw new IllegalStateException("no leadership");
        TableDef t = new TableDef(catalog.peekNextObjectId(), "public", "t", List.of(new ColumnDef("id", DataType.INT8, true, null),
                new ColumnDef("grp", DataType.INT4, true, null), new ColumnDef("v", DataType.TEXT, false, null)), List.of(0), "t_pkey", List.of(), 0);
        tm.applyDdl(new DdlOperation.CreateTable(t, List.of()));
        PlannedStatement load = plan("INSERT INTO t SELECT g, g % 10, 'value ' || g FROM generate_series(1, " + rows + ") AS g");
        Transaction txn = tm.begin(Isolation.SERIALIZABLE, false);
        ((PlannedStatement.Dml) load).dml().executor().execute(context(txn));
        txn.commit();
        nextId = rows + 1;
        pointSelect = plan("SELECT v FROM t WHERE id = $1");
        insert = plan("INSERT INTO t (id, grp, v) VALUES ($1, $2, $3)");
        rangeScan = plan("SELECT id, v FROM t WHERE id >= $1 AND id < $2");
        aggregate = plan("SELECT grp, count(*), max(v) FROM t WHERE id < 1000 GROUP BY grp");
    }

    @TearDown(Level.Trial)
    public void stop() {
        tm.close();
        storage.close();
    }

    private PlannedStatement plan(String sql) {
        PlanContext pc = new PlanContext(catalog, null, null, new ParamTypes(null));
        return StatementPlanner.plan(pc, ((JsqlStatement) SqlFrontEnd.parse(sql)).statement());
    }

    private ExecContext context(Transaction txn, Object... params) {
        return new ExecContext(tm, txn, params, SESSION, OffsetDateTime.now(ZoneOffset.UTC), Long.MAX_VALUE);
    }

    private void drain(PlannedStatement query, Transaction txn, Blackhole bh, Object... params) {
        try (RowIterator it = ((PlannedStatement.Query) query).query().node().open(context(txn, params), null)) {
            Object[] row;
            while ((row = it.next()) != null) bh.consume(row);
        }
    }

    @Benchmark
    public void pointSelect(Blackhole bh) {
        Transaction txn = tm.begin(Isolation.SERIALIZABLE, true);
        drain(pointSelect, txn, bh, ThreadLocalRandom.current().nextLong(1, rows + 1));
        txn.commit();
    }

    @Benchmark
    public void rangeScan10(Blackhole bh) {
        long low = ThreadLocalRandom.current().nextLong(1, rows - 10);
        Transaction txn = tm.begin(Isolation.SERIALIZABLE, true);
        drain(rangeScan, txn, bh, low, low + 10);
        txn.commit();
    }

    @Benchmark
    public void aggregate1000(Blackhole bh) {
        Transaction txn = tm.begin(Isolation.SERIALIZABLE, true);
        drain(aggregate, txn, bh);
        txn.commit();
    }

    @Benchmark
    public Object insertRolledBack() {
        Transaction txn = tm.begin(Isolation.SERIALIZABLE, false);
        Object r = ((PlannedStatement.Dml) insert).dml().executor().execute(context(txn, nextId, 1, "x"));
        txn.rollback();
        return r;
    }

    @Benchmark
    public Object insertCommitted() {
        Transaction txn = tm.begin(Isolation.SERIALIZABLE, false);
        Object r = ((PlannedStatement.Dml) insert).dml().executor().execute(context(txn, nextId++, 1, "x"));
        txn.commit();
        return r;
    }

    @Benchmark
    public Object planPointSelect() {
        return plan("SELECT v FROM t WHERE id = $1");
    }
}
