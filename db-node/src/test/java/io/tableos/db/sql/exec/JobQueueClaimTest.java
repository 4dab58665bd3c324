package io.tableos.db.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job-queue claim under concurrency: 8 sessions on 8 threads repeatedly claim batches
 * with {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING id}
 * until the queue is empty; every row must be claimed exactly once. A claim that fails
 * with 40001 (optimistic validation) is retried, as a client would.
 */
class JobQueueClaimTest {
    static final int ROWS = 10_000;
    static final int THREADS = 8;
    static final int BATCH = 50;

    @TempDir
    Path dir;

    @Test
    void eachRowIsClaimedExactlyOnce() throws Exception {
        try (EngineFixture fixture = new EngineFixture(dir)) {
            try (SqlSession setup = fixture.session()) {
                run(setup, "CREATE TABLE jobs (id bigint PRIMARY KEY, state text NOT NULL, priority int NOT NULL, worker text)");
                run(setup, "INSERT INTO jobs SELECT g, 'queued', g % 7, NULL FROM generate_series(1, " + ROWS + ") AS g");
            }
            ConcurrentHashMap<Long, String> claimedBy = new ConcurrentHashMap<>();
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String worker = "w" + t;
                futures.add(pool.submit(() -> {
                    try (SqlSession session = fixture.session()) {
                        PreparedStatement claim = session.prepare("UPDATE jobs SET state = 'running', worker = $1 WHERE id IN "
                                + "(SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id", new int[0]);
                        assertEquals(2, claim.parameterTypes().size());
                        while (true) {
                            List<Long> ids = new ArrayList<>();
                            try {
                                StatementResult r = session.execute(claim, new Object[] {worker, Integer.toString(BATCH)});
                                r.fetch(row -> ids.add((Long) row[0]), 0);
                                session.endImplicitTransaction(true);
                            } catch (DbException e) {
                                session.endImplicitTransaction(false);
                                if (!SqlState.SERIALIZATION_FAILURE.equals(e.sqlState())) throw e;
                                conflicts.incrementAndGet();
                                continue;
                            }
                            if (ids.isEmpty()) return null;
                            for (long id : ids) if (claimedBy.putIfAbsent(id, worker) != null) duplicates.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
            pool.shutdown();
            assertEquals(0, duplicates.get(), "rows claimed twice");
            assertEquals(ROWS, claimedBy.size(), "rows claimed");
            try (SqlSession check = fixture.session()) {
                List<String> counts = SessionText.execute(check, "SELECT count(*) FROM jobs WHERE state = 'running' AND worker IS NOT NULL");
                assertEquals(List.of("count", Integer.toString(ROWS)), counts);
            }
            assertTrue(conflicts.get() >= 0);
            System.out.println("claim conflicts retried: " + conflicts.get());
        }
    }

    private static void run(SqlSession session, String sql) {
        List<String> out = SessionText.execute(session, sql);
        assertTrue(out.isEmpty() || !out.get(0).startsWith("ERROR"), out.toString());
    }
}
