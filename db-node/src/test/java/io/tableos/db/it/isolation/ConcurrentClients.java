package io.tableos.db.it.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs N client bodies at once, one thread each, and waits for all of them: the first failure
 * (an exception or an assertion) is rethrown with its client number; {@link #LIMIT_SECONDS}
 * bounds the whole run, so a client stuck forever fails the test instead of hanging it.
 */
final class ConcurrentClients {
    static final long LIMIT_SECONDS = 120;

    private ConcurrentClients() {}

    @FunctionalInterface
    interface Client {
        void run(int client) throws Exception;
    }

    static void run(int clients, Client body) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                running.add(threads.submit(() -> {
                    body.run(client);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
            for (int i = 0; i < clients; i++) {
                try {
                    running.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    throw new AssertionError("client " + i + ": " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("client " + i + " did not finish within " + LIMIT_SECONDS + " s");
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
