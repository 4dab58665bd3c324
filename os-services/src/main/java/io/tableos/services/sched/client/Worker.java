package io.tableos.services.sched.client;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process's runtime for one queue: a claimer thread long-polls {@code sched.claim}
 * for as many tasks as it has free threads, a pool runs the handler, a completer thread sends
 * successes in batches through {@code complete_many} (failures one by one through
 * {@code fail}), and a heartbeat thread keeps the leases alive. Each of the three SQL threads
 * has its own connection.
 *
 * <p>Invariant: at most {@code threads} tasks are held (claimed and not yet reported), so
 * the pool never queues work that a lease could expire under. A completion refused by the
 * server (lease expired: the task may run again elsewhere) is counted, not retried. A claim
 * whose reply was lost makes the worker register again under a new id (see {@link #claimLoop}).
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Pause after a failed SQL call before the thread tries again (the leader may be changing). */
    static final long ERROR_PAUSE_MILLIS = 200;

    /** Runs one task; throwing fails this attempt (the message is the error). */
    @FunctionalInterface
    public interface Handler {
        void handle(ClaimedTask task) throws Exception;
    }

    /** Opens a connection to the cluster (each worker thread that talks SQL holds one). */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    public record Options(int threads, int claimBatch, int leaseSeconds, int waitMillis, long heartbeatMillis, int completeBatch) {
        public static Options defaults(int threads) {
            return new Options(threads, Math.min(threads, 64), 30, 1_000, 5_000, 256);
        }

        public Options withLeaseSeconds(int s) { return new Options(threads, claimBatch, s, waitMillis, heartbeatMillis, completeBatch); }
        public Options withHeartbeatMillis(long m) { return new Options(threads, claimBatch, leaseSeconds, waitMillis, m, completeBatch); }
        public Options withClaimBatch(int n) { return new Options(threads, n, leaseSeconds, waitMillis, heartbeatMillis, completeBatch); }
    }

    private record Outcome(ClaimedTask task, Exception error) {}

    private final Connections connections;
    private final String name;
    private final String queue;
    private final Handler handler;
    private final Options options;
    private final Semaphore free;
    private final BlockingQueue<Outcome> outcomes;
    private final ExecutorService pool;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean stopping;
    private volatile long workerId;

    public Worker(Connections connections, String name, String queue, Handler handler, Options options) {
        this.connections = connections;
        this.name = name;
        this.queue = queue;
        this.handler = handler;
        this.options = options;
        this.free = new Semaphore(options.threads());
        this.outcomes = new ArrayBlockingQueue<>(options.threads());
        this.pool = Executors.newFixedThreadPool(options.threads(), r -> daemon(r, "sched-worker-" + name));
    }

    /** Registers the worker and starts its threads; returns its id. */
    public long start() throws SQLException {
        try (Scheduler s = new Scheduler(connections.open())) {
            workerId = s.registerWorker(name, options.threads());
        }
        threads.add(daemon(this::claimLoop, "sched-claim-" + name));
        threads.add(daemon(this::completeLoop, "sched-complete-" + name));
        threads.add(daemon(this::heartbeatLoop, "sched-heartbeat-" + name));
        for (Thread t : threads) t.start();
        return workerId;
    }

    public long completed() { return completed.get(); }
    public long failed() { return failed.get(); }
    /** Reports the server refused because the lease had expired. */
    public long refused() { return refused.get(); }

    private void claimLoop() {
        Scheduler s = null;
        boolean reregister = false;
        while (!stopping) {
            int held = 0;
            try {
                if (s == null) s = new Scheduler(connections.open());
                if (reregister) {
                    workerId = s.registerWorker(name, options.threads());
                    reregister = false;
                }
                free.acquire();
                held = 1;
                while (held < options.claimBatch() && free.tryAcquire()) held++;
                List<ClaimedTask> tasks = s.claim(workerId, queue, held, options.leaseSeconds(), options.waitMillis());
                free.release(held - tasks.size());  // the claimed tasks' permits come back when they are reported
                held = 0;
                for (ClaimedTask t : tasks) pool.execute(() -> run(t));
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                // A lost reply may have leased tasks to this worker that it does not know of; heartbeats would
                // keep them from expiring, so the worker takes a new identity and lets those leases lapse.
                free.release(held);
                s = reconnectAfter(e, s, "claim");
                reregister = true;
            }
        }
    }

    private void run(ClaimedTask task) {
        Exception error = null;
        try {
            handler.handle(task);
        } catch (Exception e) {
            error = e;
        }
        outcomes.add(new Outcome(task, error));  // never full: at most `threads` tasks are held
    }

    private void completeLoop() {
        Scheduler s = null;
        List<Outcome> batch = new ArrayList<>();
        while (!stopping || !outcomes.isEmpty() || !batch.isEmpty()) {
            try {
                if (s == null) s = new Scheduler(connections.open());
                if (batch.isEmpty()) {
                    Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) continue;
                    batch.add(first);
                    outcomes.drainTo(batch, options.completeBatch() - 1);
                }
                report(s, batch);
                free.release(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                s = reconnectAfter(e, s, "complete");  // the batch is reported again: a refused repeat is harmless
            }
        }
    }

    private void report(Scheduler s, List<Outcome> batch) throws SQLException {
        List<ClaimedTask> ok = new ArrayList<>();
        for (Outcome o : batch) {
            if (o.error() == null) {
                ok.add(o.task());
            } else if (s.fail(o.task().id(), o.task().lease(), String.valueOf(o.error().getMessage())) == null) {
                refused.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        }
        if (ok.isEmpty()) return;
        long[] ids = new long[ok.size()];
        long[] leases = new long[ok.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ok.get(i).id();
            leases[i] = ok.get(i).lease();
        }
        int accepted = s.completeMany(ids, leases);
        completed.addAndGet(accepted);
        refused.addAndGet(ids.length - accepted);
    }

    private void heartbeatLoop() {
        Scheduler s = null;
        while (!stopping) {
            try {
                Thread.sleep(options.heartbeatMillis());  // the heartbeat period itself, not synchronisation
                if (s == null) s = new Scheduler(connections.open());
                s.heartbeat(workerId);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                s = reconnectAfter(e, s, "heartbeat");
            }
        }
    }

    private Scheduler reconnectAfter(SQLException e, Scheduler s, String what) {
        if (!stopping) LOG.warn("worker {}: {} failed, reconnecting: {}", name, what, e.getMessage());
        try {
            if (s != null) s.close();
        } catch (SQLException ignored) {
            // the connection is broken anyway
        }
        try {
            Thread.sleep(ERROR_PAUSE_MILLIS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Stops claiming, lets running tasks finish and reports them, then stops. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        threads.get(0).interrupt();
        threads.get(2).interrupt();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        for (Thread t : threads) t.join(TimeUnit.MINUTES.toMillis(1));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
