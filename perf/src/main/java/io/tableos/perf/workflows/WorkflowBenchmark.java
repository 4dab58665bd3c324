package io.tableos.perf.workflows;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DBOS Transact's own workload on one system database (issue 14's benchmark): 3-step workflows,
 * run one after another and from 8 threads at once, and the latency of each step's checkpoint
 * (the {@code runStep} call: the step is trivial, so its time is the SDK writing the step's
 * output to the system database). The same program runs against PostgreSQL and TableOS.
 *
 * <p>Usage: {@code WorkflowBenchmark JDBC_URL USER PASSWORD [sequential] [concurrent] [threads]};
 * prints one {@code key=value} line per figure for compare.sh.
 */
public final class WorkflowBenchmark {
    private WorkflowBenchmark() {}

    /** The benchmark's workflow, as DBOS proxies it. */
    public interface ThreeSteps {
        int run(int input);
    }

    /** Three trivial steps; each {@code runStep} call's time is recorded. */
    public static final class ThreeStepsImpl implements ThreeSteps {
        private final DBOS dbos;
        final ConcurrentLinkedQueue<Long> stepNanos = new ConcurrentLinkedQueue<>();

        ThreeStepsImpl(DBOS dbos) {
            this.dbos = dbos;
        }

        @Override
        @Workflow(name = "three_steps")
        public int run(int input) {
            int a = step(() -> input + 1, "first");
            int b = step(() -> a * 2, "second");
            return step(() -> b - 1, "third");
        }

        private int step(java.util.function.IntSupplier body, String name) {
            long start = System.nanoTime();
            int value = dbos.runStep(body::getAsInt, name);
            stepNanos.add(System.nanoTime() - start);
            return value;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: WorkflowBenchmark JDBC_URL USER PASSWORD [sequential] [concurrent] [threads]");
            System.exit(2);
        }
        int sequential = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int concurrent = args.length > 4 ? Integer.parseInt(args[4]) : 2_000;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        DBOSConfig config = DBOSConfig.defaults("perf-workflows").withDatabaseUrl(args[0]).withDbUser(args[1])
                .withDbPassword(args[2]).withAdminServer(false);
        try (DBOS dbos = new DBOS(config)) {
            ThreeStepsImpl impl = new ThreeStepsImpl(dbos);
            ThreeSteps workflows = dbos.registerProxy(ThreeSteps.class, impl);
            dbos.launch();
            String runId = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 0; i < 20; i++) runOne(dbos, workflows, "warm-" + runId + "-" + i, i);  // JIT, pools
            impl.stepNanos.clear();

            long start = System.nanoTime();
            for (int i = 0; i < sequential; i++) runOne(dbos, workflows, "seq-" + runId + "-" + i, i);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("workflows_per_second_sequential=%.1f%n", sequential / seconds);
            long[] sequentialSteps = sorted(impl.stepNanos);
            System.out.printf("step_p50_ms=%.3f%n", percentile(sequentialSteps, 0.50));
            System.out.printf("step_p99_ms=%.3f%n", percentile(sequentialSteps, 0.99));

            AtomicInteger next = new AtomicInteger();
            List<Thread> running = new ArrayList<>();
            start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < concurrent; i = next.getAndIncrement()) {
                        runOne(dbos, workflows, "par-" + runId + "-" + i, i);
                    }
                }, "workflow-client-" + t);
                thread.start();
                running.add(thread);
            }
            for (Thread thread : running) thread.join();
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("workflows_per_second_%d_threads=%.1f%n", threads, concurrent / seconds);
        }
    }

    private static void runOne(DBOS dbos, ThreeSteps workflows, String id, int input) {
        int result = dbos.startWorkflow(() -> workflows.run(input), new StartWorkflowOptions(id)).getResult();
        if (result != (input + 1) * 2 - 1) throw new IllegalStateException("workflow " + id + " returned " + result);
    }

    private static long[] sorted(ConcurrentLinkedQueue<Long> nanos) {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return values;
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) return Double.NaN;
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.floor(p * sortedNanos.length))] / 1e6;
    }
}
