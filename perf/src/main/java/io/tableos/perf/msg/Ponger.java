package io.tableos.perf.msg;

import java.util.List;

/** The other process of {@link PingPong}: answers each ping with a pong, {@code exchanges} times. */
final class Ponger {
    private Ponger() {}

    static void run(String url, int exchanges, int pollInterval) throws Exception {
        try (Pgmq q = new Pgmq(url, pollInterval)) {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; i < exchanges; i++) {
                List<Object[]> got;
                do {
                    got = q.readWithPoll(PingPong.PING, 30, 1, MsgBenchmark.POLL_SECONDS);
                } while (got.isEmpty());
                q.delete(PingPong.PING, (Long) got.get(0)[0]);
                q.send(PingPong.PONG, "{\"pong\": " + i + "}");
            }
        }
    }
}
