package io.tableos.perf.sched;

import io.tableos.services.sched.client.ClaimedTask;
import io.tableos.services.sched.client.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** TableOS: submit_many, long-polling claim, complete_many, through the typed client. */
final class SchedTaskQueue implements TaskQueue {
    static final String QUEUE = "bench";
    private final Connection connection;
    private final Scheduler scheduler;
    private final long worker;

    SchedTaskQueue(Connection connection) throws SQLException {
        this.connection = connection;
        this.scheduler = new Scheduler(connection);
        this.worker = scheduler.registerWorker("bench", 1_000);
    }

    static void prepare(Connection c) throws SQLException {
        new Scheduler(c).createQueue(QUEUE, null, null, 1_000, null);
    }

    @Override
    public void submit(List<String> payloads) throws SQLException {
        scheduler.submitMany(QUEUE, payloads, 0);
    }

    @Override
    public long[][] claim(int k, int waitMillis) throws SQLException {
        List<ClaimedTask> tasks = scheduler.claim(worker, QUEUE, k, 60, waitMillis);
        long[][] out = new long[2][tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            out[0][i] = tasks.get(i).id();
            out[1][i] = tasks.get(i).lease();
        }
        return out;
    }

    @Override
    public int complete(long[] ids, long[] leases) throws SQLException {
        return scheduler.completeMany(ids, leases);
    }

    @Override
    public Connection connection() {
        return connection;
    }
}
