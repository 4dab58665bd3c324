package io.tableos.perf.sched;

import io.tableos.services.sched.client.ClaimedTask;
import io.tableos.services.sched.client.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** TableOS: submit_many, long-polling claim, complete_many, through the typed client. */
final class SchedTaskQueue implements TaskQueue {
    static final String QUEUE = "bench";
    static final long READY_WAIT_MILLIS = 120_000;
    private final Connection connection;
    private final Scheduler scheduler;
    private final long worker;

    SchedTaskQueue(Connection connection) throws SQLException {
        this.connection = connection;
        this.scheduler = new Scheduler(connection);
        this.worker = scheduler.registerWorker("bench", 1_000);
    }

    /** Creates the queue, waiting (up to {@link #READY_WAIT_MILLIS}) while a new cluster's leader migrates the schema (55000). */
    static void prepare(Connection c) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + READY_WAIT_MILLIS * 1_000_000;
        while (true) {
            try {
                new Scheduler(c).createQueue(QUEUE, null, null, 1_000, null);
                return;
            } catch (SQLException e) {
                if (!"55000".equals(e.getSQLState()) || System.nanoTime() > deadline) throw e;
                Thread.sleep(100);  // the migration runs on the leader in the background
            }
        }
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
