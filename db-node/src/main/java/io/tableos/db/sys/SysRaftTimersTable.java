package io.tableos.db.sys;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.replication.RaftTimers;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sys.raft_timers(member, component, name, count, mean_us, p50_us, p99_us)}: this node's Ratis
 * latency timers ({@link RaftTimers}), e.g. the log worker's fsync ({@code syncTime}) or a
 * follower's append round trip, to see where a replicated commit waits.
 */
final class SysRaftTimersTable implements SystemTable {
    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("member", DataType.TEXT, true, null),
            new ColumnDef("component", DataType.TEXT, false, null),
            new ColumnDef("name", DataType.TEXT, false, null),
            new ColumnDef("count", DataType.INT8, false, null),
            new ColumnDef("mean_us", DataType.INT8, false, null),
            new ColumnDef("p50_us", DataType.INT8, false, null),
            new ColumnDef("p99_us", DataType.INT8, false, null));

    @Override
    public String schema() {
        return "sys";
    }

    @Override
    public String name() {
        return "raft_timers";
    }

    @Override
    public List<ColumnDef> columns() {
        return COLUMNS;
    }

    @Override
    public Iterable<Object[]> rows(Context context) {
        List<Object[]> rows = new ArrayList<>();
        for (RaftTimers.Row r : RaftTimers.read()) {
            rows.add(new Object[] {r.member(), r.component(), r.name(), r.count(), r.meanMicros(), r.p50Micros(), r.p99Micros()});
        }
        return rows;
    }
}
