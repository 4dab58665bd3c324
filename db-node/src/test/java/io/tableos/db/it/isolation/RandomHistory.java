package io.tableos.db.it.isolation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.oracle.Database;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a randomized multi-session history and returns its committed transactions with a serial
 * order ({@link SerialOrder#check}). {@link #CLIENTS} sessions run random transactions of a
 * {@link Workload} at one isolation level, retrying on 40001, until each has committed
 * {@link #TRANSACTIONS_PER_CLIENT} or {@link #DURATION_MILLIS} have passed (a bound on the
 * test's length, not a synchronisation). The seed of every client's choices comes from the
 * system property {@value #SEED_PROPERTY} when set, else from the clock; a failure names it.
 * The interleaving itself is the database's and the scheduler's, so a seed replays the choices,
 * not the history.
 */
final class RandomHistory {
    static final int CLIENTS = 6;
    static final int TRANSACTIONS_PER_CLIENT = 60;
    static final long DURATION_MILLIS = 6_000;
    /** Each client commits at least this many, or the run proves too little. */
    static final int COMMITTED_PER_CLIENT_MIN = 10;
    static final String SEED_PROPERTY = "isolation.seed";

    final long seed;
    final List<RecordedTransaction> committed;
    final List<RecordedTransaction> serialOrder;
    final long retries;

    private RandomHistory(long seed, List<RecordedTransaction> committed, List<RecordedTransaction> serialOrder, long retries) {
        this.seed = seed;
        this.committed = committed;
        this.serialOrder = serialOrder;
        this.retries = retries;
    }

    static RandomHistory run(Database db, Level level, HistoryTable table, Workload workload) throws Exception {
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        try {
            return runSeeded(db, level, table, workload, seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("randomized history with -D" + SEED_PROPERTY + "=" + seed + " on " + db + ": " + e.getMessage(), e);
        }
    }

    private static RandomHistory runSeeded(Database db, Level level, HistoryTable table, Workload workload, long seed) throws Exception {
        try (Connection setup = db.connect()) {
            table.create(setup);
            Queue<RecordedTransaction> committed = new ConcurrentLinkedQueue<>();
            AtomicLong ids = new AtomicLong(Version.INITIAL_WRITER);
            AtomicLong retries = new AtomicLong();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DURATION_MILLIS);
            ConcurrentClients.run(CLIENTS, client -> {
                Random random = new Random(seed * 31 + client);
                int done = 0;
                try (Connection c = db.connect(); HistoryTable.Access access = table.new Access(c)) {
                    c.setTransactionIsolation(level.jdbc);
                    c.setAutoCommit(false);
                    for (; done < TRANSACTIONS_PER_CLIENT && System.nanoTime() < deadline; done++) {
                        committed.add(Retrying.transaction(c, retries, tx -> {
                            RecordedTransaction t = new RecordedTransaction(ids.incrementAndGet(), client);
                            workload.transaction(table, access, t, random);
                            return t;
                        }));
                    }
                }
                assertTrue(done >= COMMITTED_PER_CLIENT_MIN, "client " + client + " committed only " + done + " transactions");
            });
            Map<Integer, Version> finalState = table.committed(setup);
            List<RecordedTransaction> history = new ArrayList<>(committed);
            return new RandomHistory(seed, history, SerialOrder.check(table.initial(), history, finalState), retries.get());
        }
    }

    @Override
    public String toString() {
        return committed.size() + " committed transactions, " + retries + " retried attempts, seed " + seed;
    }
}
