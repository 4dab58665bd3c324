package io.tableos.perf.sched;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The task lifecycle on one system: a submitter sends N tasks in batches of B while W workers
 * each claim up to K and complete what they got in one call; tasks/s is N over the time from
 * the first submit to the last completion. Then the idle submit-to-claim latency: one worker
 * waits in a claim (long-poll on TableOS, LISTEN on PostgreSQL), a client submits one task,
 * and the time until the claim returns it is taken S times (p50, p99). On TableOS last, how
 * soon after its lease a dead worker's task runs again ({@link DeadWorkerRerun}).
 *
 * <p>Usage: {@code SchedBenchmark tableos|postgres JDBC_URL [tasks] [workers] [claimBatch] [submitBatch] [latencySamples]};
 * prints one line per figure, {@code key=value}, for compare.sh.
 */
public final class SchedBenchmark {
    /** How long an idle worker's claim waits before it looks again (both systems). */
    static final int IDLE_WAIT_MILLIS = 1_000;
    /** Pause before each latency sample so the worker is idle inside its claim (the case measured), not a sync device. */
    static final long IDLE_PAUSE_MILLIS = 20;
    /** Dead workers whose task's re-run is timed (median), TableOS only. */
    static final int DEAD_WORKER_ROUNDS = 5;

    private SchedBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SchedBenchmark tableos|postgres JDBC_URL [tasks] [workers] [claimBatch] [submitBatch] [latencySamples]");
            System.exit(2);
        }
        boolean tableos = args[0].equals("tableos");
        String url = args[1];
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int claimBatch = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        int submitBatch = args.length > 5 ? Integer.parseInt(args[5]) : 1_000;
        int samples = args.length > 6 ? Integer.parseInt(args[6]) : 200;
        try (Connection c = DriverManager.getConnection(url)) {
            if (tableos) SchedTaskQueue.prepare(c);
            else PostgresTaskQueue.prepare(c);
        }
        AtomicLong workerIds = new AtomicLong();
        Opener opener = () -> {
            Connection c = DriverManager.getConnection(url);
            return tableos ? new SchedTaskQueue(c) : new PostgresTaskQueue(c, workerIds.incrementAndGet());
        };
        double perSecond = lifecycle(opener, tasks, workers, claimBatch, submitBatch);
        System.out.printf("tasks_per_second=%.0f%n", perSecond);
        long[] micros = idleLatency(opener, samples);
        System.out.printf("idle_latency_p50_ms=%.3f%n", micros[micros.length / 2] / 1000.0);
        System.out.printf("idle_latency_p99_ms=%.3f%n", micros[(int) (micros.length * 0.99)] / 1000.0);
        if (tableos) System.out.printf("dead_worker_rerun_after_lease_ms=%.1f%n", DeadWorkerRerun.medianMillis(url, DEAD_WORKER_ROUNDS));
    }

    @FunctionalInterface
    interface Opener {
        TaskQueue open() throws SQLException;
    }

    static double lifecycle(Opener opener, int tasks, int workers, int claimBatch, int submitBatch) throws Exception {
        AtomicLong completed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            TaskQueue q = opener.open();
            threads.add(new Thread(() -> {
                try (q) {
                    while (completed.get() < tasks && failure.get() == null) {
                        long[][] got = q.claim(claimBatch, IDLE_WAIT_MILLIS);
                        if (got[0].length == 0) continue;
                        int accepted = q.complete(got[0], got[1]);
                        if (accepted != got[0].length) throw new IllegalStateException("completions refused: " + (got[0].length - accepted));
                        completed.addAndGet(accepted);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "bench-worker-" + w));
        }
        TaskQueue submitter = opener.open();
        long started = System.nanoTime();
        for (Thread t : threads) t.start();
        try (submitter) {
            List<String> batch = new ArrayList<>(submitBatch);
            for (int i = 0; i < tasks && failure.get() == null; i++) {
                batch.add("{\"n\":" + i + "}");
                if (batch.size() == submitBatch || i == tasks - 1) {
                    submitter.submit(batch);
                    batch.clear();
                }
            }
        }
        for (Thread t : threads) t.join();
        long elapsed = System.nanoTime() - started;
        if (failure.get() != null) throw new IllegalStateException("benchmark failed", failure.get());
        return tasks / (elapsed / 1e9);
    }

    static long[] idleLatency(Opener opener, int samples) throws Exception {
        SynchronousQueue<Long> claimedAt = new SynchronousQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        TaskQueue workerQueue = opener.open();
        Thread worker = new Thread(() -> {
            try (workerQueue) {
                for (int i = 0; i < samples; ) {
                    long[][] got = workerQueue.claim(1, IDLE_WAIT_MILLIS);
                    if (got[0].length == 0) continue;
                    long at = System.nanoTime();
                    workerQueue.complete(got[0], got[1]);
                    claimedAt.put(at);
                    i++;
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "bench-idle-worker");
        worker.start();
        long[] micros = new long[samples];
        try (TaskQueue submitter = opener.open()) {
            // The worker is in its claim before the first sample: a first submit it missed would only show as one slow sample.
            for (int i = 0; i < samples; i++) {
                Thread.sleep(IDLE_PAUSE_MILLIS);
                long before = System.nanoTime();
                submitter.submit(List.of("{}"));
                Long at = claimedAt.poll(30, TimeUnit.SECONDS);
                if (at == null) throw new IllegalStateException("no claim within 30 s", failure.get());
                micros[i] = (at - before) / 1_000;
            }
        }
        worker.join();
        Arrays.sort(micros);
        return micros;
    }
}
