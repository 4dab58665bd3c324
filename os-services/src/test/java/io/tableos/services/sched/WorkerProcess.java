package io.tableos.services.sched;

import io.tableos.services.sched.client.Worker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker process of {@link SchedClusterTest}: {@code WORKERS} Worker runtimes on one queue
 * of the cluster at {@code URL}. It prints its running totals every {@link #REPORT_MILLIS} ms
 * ({@code TOTALS accepted refused runs}: completions the cluster accepted and refused, handler
 * runs) so a test that SIGKILLs it keeps what it said last; on a line {@code stop} on stdin
 * it closes its workers and prints {@code FINAL} totals.
 *
 * <p>Usage: {@code WorkerProcess URL QUEUE WORKERS THREADS LEASE_SECONDS}
 */
public final class WorkerProcess {
    static final long REPORT_MILLIS = 50;

    private WorkerProcess() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String queue = args[1];
        int workerCount = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int leaseSeconds = Integer.parseInt(args[4]);
        Properties p = new Properties();
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        AtomicLong runs = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < workerCount; w++) {
            Worker worker = new Worker(() -> DriverManager.getConnection(url, p), ProcessHandle.current().pid() + "-w" + w, queue,
                    task -> runs.incrementAndGet(),
                    Worker.Options.defaults(threads).withLeaseSeconds(leaseSeconds).withHeartbeatMillis(500).withClaimBatch(threads));
            while (true) {
                try {
                    worker.start();
                    break;
                } catch (java.sql.SQLException e) {
                    Thread.sleep(100);  // leadership or the schema is settling in the cluster's processes: a bounded retry pause
                }
            }
            workers.add(worker);
        }
        System.out.println("STARTED");
        Thread reporter = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.out.println("TOTALS " + totals(workers, runs));
                try {
                    Thread.sleep(REPORT_MILLIS);  // the report period
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "totals");
        reporter.setDaemon(true);
        reporter.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
            // only "stop" (or the end of stdin) ends the process
        }
        for (Worker w : workers) w.close();
        reporter.interrupt();
        System.out.println("FINAL " + totals(workers, runs));
    }

    private static String totals(List<Worker> workers, AtomicLong runs) {
        long accepted = 0;
        long refused = 0;
        for (Worker w : workers) {
            accepted += w.completed();
            refused += w.refused();
        }
        return accepted + " " + refused + " " + runs.get();
    }
}
