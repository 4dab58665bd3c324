package io.tableos.db.sql.exec.harness;

import io.tableos.db.catalog.SystemTables;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.session.SqlEngine;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.storage.RowPredicateCompiler;
import io.tableos.db.txn.TransactionManager;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's SQL engine: opens sessions over one {@link TransactionManager}; owns the plan
 * cache, the procedure registry and the LISTEN registry, and installs itself as the
 * transaction manager's notification sink.
 */
public final class HarnessEngine implements SqlEngine {
    private final TransactionManager transactions;
    private final SystemTables systemTables;
    private final ProcedureRegistry procedures;
    private final PlanCache planCache = new PlanCache();
    private final NotificationHub notifications = new NotificationHub();
    private final AtomicInteger nextProcessId = new AtomicInteger(1000);

    public HarnessEngine(TransactionManager transactions, SystemTables systemTables) {
        this(transactions, systemTables, new ProcedureRegistry());
    }

    public HarnessEngine(TransactionManager transactions, SystemTables systemTables, ProcedureRegistry procedures) {
        this.transactions = transactions;
        this.systemTables = systemTables == null ? new SystemTables() : systemTables;
        this.procedures = procedures;
        transactions.setNotificationSink(notifications::deliver);
    }

    /** Partial-index predicates for storage (hand to StorageConfig before the storage opens). */
    public static RowPredicateCompiler predicateCompiler() {
        return new io.tableos.db.sql.plan.PartialIndexPredicates();
    }

    public ProcedureRegistry procedures() { return procedures; }
    public SystemTables systemTables() { return systemTables; }
    TransactionManager transactions() { return transactions; }
    PlanCache planCache() { return planCache; }
    NotificationHub notifications() { return notifications; }

    @Override
    public SqlSession openSession(Map<String, String> startupParameters) {
        return new HarnessSession(this, startupParameters, nextProcessId.incrementAndGet());
    }
}
