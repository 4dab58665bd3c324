package io.tableos.perf.sched;

import io.tableos.services.sched.client.ClaimedTask;
import io.tableos.services.sched.client.Scheduler;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * How soon a dead worker's task runs again after its lease: worker A claims one task with a
 * lease of {@link #LEASE_SECONDS} and dies (never completes nor heartbeats), worker B waits
 * in a long-poll claim; the figure is the time from A's lease expiry to B's claim returning
 * the task. A's lease is taken to start when A's claim call was sent, so the figure is an
 * upper bound (it includes A's call). TableOS only: the plain-SQL queue takes nothing back.
 */
final class DeadWorkerRerun {
    static final String QUEUE = "bench-dead-worker";
    static final int LEASE_SECONDS = 1;
    /** B's long-poll: far longer than the lease, so B is woken by the expiry, not by its timeout. */
    static final int HEIR_WAIT_MILLIS = 10_000;

    private DeadWorkerRerun() {}

    /** The median over {@code rounds} of milliseconds from lease expiry to the task's next claim. */
    static double medianMillis(String url, int rounds) throws SQLException {
        try (Scheduler dead = new Scheduler(DriverManager.getConnection(url));
             Scheduler heir = new Scheduler(DriverManager.getConnection(url))) {
            dead.createQueue(QUEUE, null, null, 1_000, null);
            long deadWorker = dead.registerWorker("bench-dead", 1);
            long heirWorker = heir.registerWorker("bench-heir", 1);
            double[] millis = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long task = dead.submit(QUEUE, "{}");
                long sent = System.nanoTime();
                List<ClaimedTask> got = dead.claim(deadWorker, QUEUE, 1, LEASE_SECONDS, HEIR_WAIT_MILLIS);
                if (got.size() != 1 || got.get(0).id() != task) throw new IllegalStateException("the dying worker did not get task " + task);
                long expiry = sent + LEASE_SECONDS * 1_000_000_000L;
                while (true) {
                    List<ClaimedTask> again = heir.claim(heirWorker, QUEUE, 1, 30, HEIR_WAIT_MILLIS);
                    if (again.isEmpty()) continue;
                    long at = System.nanoTime();
                    if (again.get(0).id() != task) throw new IllegalStateException("the heir got task " + again.get(0).id());
                    heir.complete(task, again.get(0).lease(), null);
                    millis[i] = (at - expiry) / 1e6;
                    break;
                }
            }
            Arrays.sort(millis);
            return millis[rounds / 2];
        }
    }
}
