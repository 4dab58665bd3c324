package io.tableos.db.sys;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.replication.RaftStatus;
import io.tableos.db.txn.TransactionManagerImpl;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code sys.nodes}: one row per member of the Raft group's current configuration, as the
 * node answering the query sees it. On the leader every row is live (match index, lag in
 * log entries, milliseconds since the follower last answered); on a follower its own row
 * shows how far it lags behind the commit index it knows and how long ago the leader last
 * reached it, which is how stale its reads may be. Unknown values are NULL.
 */
public final class SysNodesTable implements SystemTable {
    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", DataType.INT4, true, null),
            new ColumnDef("address", DataType.TEXT, false, null),
            new ColumnDef("raft_address", DataType.TEXT, true, null),
            new ColumnDef("role", DataType.TEXT, true, null),
            new ColumnDef("is_self", DataType.BOOL, true, null),
            new ColumnDef("term", DataType.INT8, true, null),
            new ColumnDef("commit_index", DataType.INT8, false, null),
            new ColumnDef("applied_index", DataType.INT8, false, null),
            new ColumnDef("match_index", DataType.INT8, false, null),
            new ColumnDef("lag", DataType.INT8, false, null),
            new ColumnDef("last_contact_ms", DataType.INT8, false, null));

    private final Supplier<RaftStatus> status;

    public SysNodesTable(Supplier<RaftStatus> status) {
        this.status = status;
    }

    public static SysNodesTable of(TransactionManagerImpl transactions) {
        return new SysNodesTable(transactions::raftStatus);
    }

    @Override
    public String schema() {
        return "sys";
    }

    @Override
    public String name() {
        return "nodes";
    }

    @Override
    public List<ColumnDef> columns() {
        return COLUMNS;
    }

    @Override
    public Iterable<Object[]> rows(Context context) {
        RaftStatus s = status.get();
        List<Object[]> rows = new ArrayList<>();
        for (RaftStatus.PeerStatus p : s.peers()) {
            rows.add(new Object[] {
                    nodeNumber(p.id()), p.sqlAddress(), p.raftAddress(), p.role().toLowerCase(Locale.ROOT),
                    p.id().equals(s.nodeId()), s.term(), known(p.commitIndex()), known(p.appliedIndex()),
                    known(p.matchIndex()), known(p.lagEntries()), known(p.lastContactMillis())});
        }
        return rows;
    }

    /** Node ids are the numbers given with --node-id; anything else shows as -1. */
    static int nodeNumber(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Long known(long value) {
        return value < 0 ? null : value;
    }
}
