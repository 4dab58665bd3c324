package io.tableos.perf.msg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sender, {@value MsgBenchmark#RECEIVERS} receivers on one queue: the sender sends
 * {@code total} messages in batches of {@value #SEND_BATCH} while every receiver long-polls for up
 * to {@value #RECEIVE_BATCH}, deletes them and polls again. Messages per second from the first
 * send to the last delete.
 */
final class FanOut {
    static final String QUEUE = "bench_fanout";
    static final int SEND_BATCH = 100;
    static final int RECEIVE_BATCH = 10;

    private FanOut() {}

    static double run(String url, int total, int pollInterval) throws Exception {
        try (Pgmq q = new Pgmq(url, pollInterval)) {
            q.recreate(QUEUE);
        }
        AtomicLong received = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(MsgBenchmark.RECEIVERS + 1);
        List<Pgmq> receivers = new ArrayList<>();
        try {
            for (int i = 0; i < MsgBenchmark.RECEIVERS; i++) receivers.add(new Pgmq(url, pollInterval));
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (Pgmq r : receivers) {
                running.add(pool.submit(() -> {
                    while (received.get() < total) {
                        List<Object[]> got = r.readWithPoll(QUEUE, 30, RECEIVE_BATCH, 1);
                        if (got.isEmpty()) continue;
                        received.addAndGet(r.delete(QUEUE, got));
                    }
                    return null;
                }));
            }
            running.add(pool.submit(() -> {
                String[] bodies = new String[SEND_BATCH];
                java.util.Arrays.fill(bodies, MsgBenchmark.BODY);
                try (Pgmq sender = new Pgmq(url, pollInterval)) {
                    for (int sent = 0; sent < total; sent += SEND_BATCH) sender.sendBatch(QUEUE, bodies);
                }
                return null;
            }));
            for (Future<?> f : running) f.get();
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            for (Pgmq r : receivers) r.close();
        }
    }
}
