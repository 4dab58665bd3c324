package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import io.tableos.db.it.oracle.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * HikariCP with 8 pooled connections under 8 threads: each thread runs 150 short transactions
 * that insert a row of its own and increment one shared counter row, so every transaction
 * waits on the same row lock and none may lose an update. Connections are borrowed and
 * returned each time, which exercises Hikari's reset (autocommit, isolation, rollback).
 */
class HikariTest {
    private static final String SCHEMA = "eco_hikari";
    private static final int THREADS = 8;
    private static final int TRANSACTIONS_PER_THREAD = 150;

    @OnBothDatabases
    void eightThreadsShareAPoolWithoutLosingUpdates(Database db) throws Exception {
        Schemas.recreate(db, SCHEMA);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Schemas.url(db, SCHEMA));
        config.setMaximumPoolSize(THREADS);
        config.setAutoCommit(false);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE hits (thread int NOT NULL, n int NOT NULL, PRIMARY KEY (thread, n))");
                s.execute("CREATE TABLE counter (id int PRIMARY KEY, value bigint NOT NULL)");
                s.execute("INSERT INTO counter VALUES (1, 0)");
                c.commit();
            }
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(threads.submit(() -> work(pool, thread)));
                }
                for (Future<?> f : done) f.get();
            } finally {
                threads.shutdownNow();
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertEquals(List.of(Integer.toString(THREADS * TRANSACTIONS_PER_THREAD)), Rows.of(s, "SELECT value FROM counter"));
                assertEquals(List.of(THREADS + "|" + THREADS * TRANSACTIONS_PER_THREAD),
                        Rows.of(s, "SELECT count(DISTINCT thread), count(*) FROM hits"));
                c.rollback();
            }
        }
    }

    private static Void work(HikariDataSource pool, int thread) throws SQLException {
        for (int n = 0; n < TRANSACTIONS_PER_THREAD; n++) {
            try (Connection c = pool.getConnection();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO hits VALUES (?, ?)");
                    PreparedStatement bump = c.prepareStatement("UPDATE counter SET value = value + 1 WHERE id = 1")) {
                insert.setInt(1, thread);
                insert.setInt(2, n);
                insert.executeUpdate();
                assertEquals(1, bump.executeUpdate());
                c.commit();
            }
        }
        return null;
    }
}
