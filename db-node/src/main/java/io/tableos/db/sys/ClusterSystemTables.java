package io.tableos.db.sys;

import io.tableos.db.catalog.SystemTables;
import io.tableos.db.txn.TransactionManagerImpl;

/** Registers the cluster's system tables, {@code sys.nodes}, {@code sys.metrics} and {@code sys.raft_timers}. Call once at node start. */
public final class ClusterSystemTables {
    private ClusterSystemTables() {}

    public static void register(SystemTables tables, TransactionManagerImpl transactions) {
        tables.register(SysNodesTable.of(transactions));
        tables.register(new SysMetricsTable(transactions));
        tables.register(new SysRaftTimersTable());
    }
}
