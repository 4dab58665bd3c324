package io.tableos.perf.msg;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Round trips between two processes: this one sends a message to {@value #PING} and waits in
 * read_with_poll on {@value #PONG}; the {@link Ponger} process (started here, same class path)
 * waits on {@value #PING}, deletes what it got and answers on {@value #PONG}. One exchange at a
 * time, so each round trip is two sends, two long-poll wake-ups and two deletes.
 */
final class PingPong {
    static final String PING = "bench_ping";
    static final String PONG = "bench_pong";
    static final int WARMUP = 20;

    private PingPong() {}

    static long[] run(String url, int samples, int pollInterval) throws Exception {
        try (Pgmq q = new Pgmq(url, pollInterval)) {
            q.recreate(PING);
            q.recreate(PONG);
            Process ponger = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), MsgBenchmark.class.getName(), "ponger", url,
                    Integer.toString(samples + WARMUP), Integer.toString(pollInterval))
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(ponger.getInputStream(), StandardCharsets.UTF_8))) {
                String ready = out.readLine();  // the ponger prints one line once its connection is open
                if (!"ready".equals(ready)) throw new IllegalStateException("ponger: " + ready);
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < samples + WARMUP; i++) {
                    long start = System.nanoTime();
                    q.send(PING, "{\"i\": " + i + "}");
                    List<Object[]> got;
                    do {
                        got = q.readWithPoll(PONG, 30, 1, MsgBenchmark.POLL_SECONDS);
                    } while (got.isEmpty());
                    long end = System.nanoTime();
                    q.delete(PONG, (Long) got.get(0)[0]);
                    if (i >= WARMUP) micros.add((end - start) / 1_000);
                }
                if (!ponger.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("ponger did not finish");
                return micros.stream().mapToLong(Long::longValue).toArray();
            } finally {
                ponger.destroy();
            }
        }
    }
}
