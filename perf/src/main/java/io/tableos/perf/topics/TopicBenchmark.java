package io.tableos.perf.topics;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Topics on one system: publish throughput with P producer threads in batches of 1 and of 100
 * (messages/s), then consume throughput (one consumer fetching 100 and committing its offsets
 * per round trip pair, messages/s, until it read everything published), then publish-to-receive
 * latency: a consumer waits in a fetch (long-poll woken on commit on TableOS, LISTEN/NOTIFY on
 * PostgreSQL), a producer publishes one message, and the time until the fetch returns it is
 * taken S times (p50, p99).
 *
 * <p>Usage: {@code TopicBenchmark tableos|postgres JDBC_URL [messages] [partitions] [producers] [latencySamples]};
 * prints one {@code key=value} line per figure for topics.sh.
 */
public final class TopicBenchmark {
    static final String TOPIC = "bench";
    static final int FETCH_MAX = 100;
    static final int WAIT_MILLIS = 1_000;
    /** Pause before each latency sample so the consumer is idle inside its fetch (the case measured), not a sync device. */
    static final long IDLE_PAUSE_MILLIS = 20;
    static final String PAYLOAD = "{\"order\": 12345, \"customer\": \"c-000042\", \"amount\": 99.95, \"note\": \"a benchmark message\"}";

    @FunctionalInterface
    interface Opener {
        TopicLog open() throws SQLException;
    }

    private TopicBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TopicBenchmark tableos|postgres JDBC_URL [messages] [partitions] [producers] [latencySamples]");
            System.exit(2);
        }
        boolean tableos = args[0].equals("tableos");
        String url = args[1];
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int producers = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int samples = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        prepare(tableos, url, partitions);
        Opener opener = () -> tableos ? new TableosTopicLog(DriverManager.getConnection(url), TOPIC)
                : new PostgresTopicLog(DriverManager.getConnection(url), TOPIC, partitions);
        int singles = Math.max(producers, messages / 10);
        System.out.printf("publish_b1_per_second=%.0f%n", publish(opener, singles, 1, producers));
        System.out.printf("publish_b100_per_second=%.0f%n", publish(opener, messages, 100, producers));
        System.out.printf("consume_per_second=%.0f%n", consume(opener, singles / producers * producers + messages / 100 / producers * 100 * producers));
        long[] micros = latency(opener, samples);
        System.out.printf("publish_receive_p50_ms=%.3f%n", micros[micros.length / 2] / 1000.0);
        System.out.printf("publish_receive_p99_ms=%.3f%n", micros[(int) (micros.length * 0.99)] / 1000.0);
    }

    /** Creates the topic; on a cluster just started, again while its leader migrates the msg schema (55000). */
    static void prepare(boolean tableos, String url, int partitions) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try (var c = DriverManager.getConnection(url)) {
                if (tableos) TableosTopicLog.prepare(c, TOPIC, partitions);
                else PostgresTopicLog.prepare(c, TOPIC, partitions);
                return;
            } catch (SQLException e) {
                if (!"55000".equals(e.getSQLState()) || System.nanoTime() > deadline) throw e;
                Thread.sleep(200);  // the schema migration runs on the new leader: a bounded retry pause
            }
        }
    }

    /** Messages/s of {@code producers} threads each publishing its share in batches of {@code batch}. */
    static double publish(Opener opener, int messages, int batch, int producers) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        int calls = messages / batch / producers;
        for (int p = 0; p < producers; p++) {
            TopicLog log = opener.open();
            int producer = p;
            threads.add(new Thread(() -> {
                try (log) {
                    List<String> keys = new ArrayList<>(batch);
                    List<String> payloads = new ArrayList<>(batch);
                    for (int call = 0; call < calls && failure.get() == null; call++) {
                        keys.clear();
                        payloads.clear();
                        for (int i = 0; i < batch; i++) {
                            keys.add("k" + producer + "-" + call + "-" + i);
                            payloads.add(PAYLOAD);
                        }
                        log.publish(keys, payloads);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "bench-producer-" + p));
        }
        long started = System.nanoTime();
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        long elapsed = System.nanoTime() - started;
        if (failure.get() != null) throw new IllegalStateException("publishing failed", failure.get());
        return (double) calls * batch * producers / (elapsed / 1e9);
    }

    /** Messages/s of one consumer reading {@code expected} messages: fetch up to 100, commit, repeat. */
    static double consume(Opener opener, long expected) throws Exception {
        long read = 0;
        long started = System.nanoTime();
        try (TopicLog log = opener.open()) {
            while (read < expected) {
                List<TopicLog.Fetched> got = log.fetch(FETCH_MAX, WAIT_MILLIS);
                if (got.isEmpty()) throw new IllegalStateException("only " + read + " of " + expected + " messages to read");
                log.commit(nextOffsets(got));
                read += got.size();
            }
        }
        return read / ((System.nanoTime() - started) / 1e9);
    }

    static long[] latency(Opener opener, int samples) throws Exception {
        SynchronousQueue<Long> receivedAt = new SynchronousQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        TopicLog consumerLog = opener.open();
        Thread consumer = new Thread(() -> {
            try (consumerLog) {
                for (int i = 0; i < samples; ) {
                    List<TopicLog.Fetched> got = consumerLog.fetch(1, WAIT_MILLIS);
                    if (got.isEmpty()) continue;
                    long at = System.nanoTime();
                    consumerLog.commit(nextOffsets(got));
                    receivedAt.put(at);
                    i++;
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "bench-latency-consumer");
        consumer.start();
        long[] micros = new long[samples];
        try (TopicLog producer = opener.open()) {
            for (int i = 0; i < samples; i++) {
                Thread.sleep(IDLE_PAUSE_MILLIS);
                long before = System.nanoTime();
                producer.publish(List.of("latency-" + i), List.of(PAYLOAD));
                Long at = receivedAt.poll(30, TimeUnit.SECONDS);
                if (at == null) throw new IllegalStateException("nothing received within 30 s", failure.get());
                micros[i] = (at - before) / 1_000;
            }
        }
        consumer.join();
        Arrays.sort(micros);
        return micros;
    }

    private static Map<Integer, Long> nextOffsets(List<TopicLog.Fetched> got) {
        Map<Integer, Long> next = new TreeMap<>();
        for (TopicLog.Fetched f : got) next.merge(f.partition(), f.offset() + 1, Math::max);
        return next;
    }
}
