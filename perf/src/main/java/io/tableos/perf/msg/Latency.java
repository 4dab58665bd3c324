package io.tableos.perf.msg;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Publish-to-receive latency with long-poll: a receiver thread sits in read_with_poll on an
 * empty queue; after a pause of {@value #IDLE_PAUSE_MILLIS} ms (so the receiver is idle inside
 * its call: the case measured, not a synchronisation) the publisher sends one message; the
 * time from before the send to the receiver's return is one sample.
 */
final class Latency {
    static final String QUEUE = "bench_latency";
    static final long IDLE_PAUSE_MILLIS = 20;

    private Latency() {}

    static long[] run(String url, int samples, int pollInterval) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Pgmq publisher = new Pgmq(url, pollInterval); Pgmq receiver = new Pgmq(url, pollInterval)) {
            publisher.recreate(QUEUE);
            long[] micros = new long[samples];
            for (int i = 0; i < samples; i++) {
                Future<Long> received = pool.submit(() -> {
                    List<Object[]> got;
                    do {
                        got = receiver.readWithPoll(QUEUE, 30, 1, MsgBenchmark.POLL_SECONDS);
                    } while (got.isEmpty());
                    long at = System.nanoTime();
                    receiver.delete(QUEUE, (Long) got.get(0)[0]);
                    return at;
                });
                MsgBenchmark.sleepMillis(IDLE_PAUSE_MILLIS);
                long start = System.nanoTime();
                publisher.send(QUEUE, "{\"sample\": " + i + "}");
                micros[i] = (received.get() - start) / 1_000;
            }
            return micros;
        } finally {
            pool.shutdownNow();
        }
    }
}
