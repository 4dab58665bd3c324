package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * The standard PostgreSQL job-queue claim (UPDATE ... WHERE id IN (SELECT ... FOR UPDATE
 * SKIP LOCKED) RETURNING id) from 8 concurrent workers over 10,000 queued rows: every row
 * is claimed exactly once, by one worker, and the table agrees with what the workers were told.
 */
class JobQueueClaimTest {
    static final int JOBS = 10_000;
    static final int WORKERS = 8;
    static final int BATCH = 10;
    static final String CLAIM = "UPDATE jobs SET state = 'running', worker = ? WHERE id IN ("
            + "SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id";

    @TempDir
    Path dir;

    @Test
    void eightWorkersClaimEachJobExactlyOnce() throws Exception {
        try (TestNode node = TestNode.start(dir)) {
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE jobs (id bigint PRIMARY KEY, state text NOT NULL, priority int NOT NULL, worker text)");
                s.execute("CREATE INDEX jobs_queued ON jobs (priority DESC, id) WHERE state = 'queued'");
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO jobs (id, state, priority) VALUES (?, 'queued', ?)")) {
                    for (int i = 1; i <= JOBS; i++) {
                        insert.setLong(1, i);
                        insert.setInt(2, i % 7);
                        insert.addBatch();
                        if (i % 1000 == 0) insert.executeBatch();
                    }
                }
                c.commit();
            }

            ConcurrentHashMap<Long, String> claimedBy = new ConcurrentHashMap<>();
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                String worker = "w" + w;
                futures.add(pool.submit(() -> {
                    try (Connection c = node.connect(); PreparedStatement claim = c.prepareStatement(CLAIM)) {
                        while (true) {
                            claim.setString(1, worker);
                            claim.setInt(2, BATCH);
                            int got = 0;
                            try (ResultSet rs = claim.executeQuery()) {
                                while (rs.next()) {
                                    got++;
                                    if (claimedBy.putIfAbsent(rs.getLong(1), worker) != null) duplicates.incrementAndGet();
                                }
                            } catch (java.sql.SQLException e) {
                                if (!"40001".equals(e.getSQLState())) throw e;
                                conflicts.incrementAndGet(); // retry: a serialization failure changed nothing
                                continue;
                            }
                            if (got == 0) return null;
                        }
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
            pool.shutdown();

            assertEquals(0, duplicates.get(), "a job was claimed twice");
            assertEquals(JOBS, claimedBy.size(), "every job claimed");
            try (Connection c = node.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM jobs WHERE state = 'running'")) {
                    rs.next();
                    assertEquals(JOBS, rs.getLong(1));
                }
                try (ResultSet rs = s.executeQuery("SELECT id, worker FROM jobs")) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                        assertEquals(claimedBy.get(rs.getLong(1)), rs.getString(2), "the table names the worker that was told");
                    }
                    assertEquals(JOBS, n);
                }
            }
            assertTrue(conflicts.get() < JOBS / BATCH, "conflicts stay rare: " + conflicts.get());
        }
    }
}
