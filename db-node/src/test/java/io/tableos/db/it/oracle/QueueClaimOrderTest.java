package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The job-queue claim on both databases, over the same rows: which rows a claim takes and in
 * what order, with other transactions holding some of them. Expected lists are computed here
 * from the rows' formula (priority DESC, id), so PostgreSQL checks the expectation first.
 * Rows are locked by the ordered scan as it produces them, so LIMIT n with SKIP LOCKED returns
 * the first n rows no one else holds; NOWAIT on a held row fails with 55P03.
 */
class QueueClaimOrderTest {
    static final int TASKS = 200;

    /** Every 7th task is running; priority cycles through 0..4 with the id. */
    static boolean queued(long id) { return id % 7 != 0; }
    static int priority(long id) { return (int) (id * 37 % 5); }
    static String queue(long id) { return "q" + id % 2; }

    static List<Long> claimOrder(String onlyQueue) {
        return LongStream.rangeClosed(1, TASKS).boxed().filter(QueueClaimOrderTest::queued)
                .filter(id -> onlyQueue == null || queue(id).equals(onlyQueue))
                .sorted(Comparator.comparingInt((Long id) -> priority(id)).reversed().thenComparing(id -> id)).toList();
    }

    static final String CLAIM_SELECT = "SELECT id FROM claim_order WHERE state = 'queued' ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED";

    @OnBothDatabases
    void skipLockedClaimTakesTheFirstFreeRowsInIndexOrder(Database db) throws SQLException {
        try (Connection setup = db.connect(); Statement s = setup.createStatement()) {
            s.execute("DROP TABLE IF EXISTS claim_order");
            s.execute("CREATE TABLE claim_order (id bigint PRIMARY KEY, state text NOT NULL, priority int NOT NULL, queue text NOT NULL, worker text)");
            s.execute("CREATE INDEX claim_order_queued ON claim_order (priority DESC, id) WHERE state = 'queued'");
            s.execute("CREATE INDEX claim_order_by_queue ON claim_order (queue, priority DESC, id) WHERE state = 'queued'");
            s.execute("INSERT INTO claim_order SELECT g, CASE WHEN g % 7 = 0 THEN 'running' ELSE 'queued' END, g * 37 % 5, 'q' || g % 2, NULL "
                    + "FROM generate_series(1, " + TASKS + ") AS g");
            s.execute("ANALYZE claim_order");
        }
        List<Long> order = claimOrder(null);
        // another worker holds the 1st, 3rd and 4th task in claim order
        List<Long> held = List.of(order.get(0), order.get(2), order.get(3));
        List<Long> free = new ArrayList<>(order);
        free.removeAll(held);
        try (Connection holder = db.connect(); Connection claimer = db.connect(); Connection updater = db.connect()) {
            holder.setAutoCommit(false);
            claimer.setAutoCommit(false);
            try (Statement h = holder.createStatement()) {
                h.executeQuery("SELECT id FROM claim_order WHERE id IN (" + held.get(0) + ", " + held.get(1) + ", " + held.get(2) + ") FOR UPDATE").close();
            }
            List<Long> claimed = ids(claimer, CLAIM_SELECT, 10);
            assertEquals(free.subList(0, 10), claimed, "first ten free tasks, in order");

            // an UPDATE ... WHERE id IN (claim) in autocommit takes the next ten; RETURNING order is unspecified
            try (PreparedStatement claim = updater.prepareStatement("UPDATE claim_order SET state = 'running', worker = ? WHERE id IN "
                    + "(SELECT id FROM claim_order WHERE state = 'queued' ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id")) {
                claim.setString(1, "w3");
                claim.setInt(2, 10);
                List<Long> taken = new ArrayList<>();
                try (ResultSet r = claim.executeQuery()) {
                    while (r.next()) taken.add(r.getLong(1));
                }
                taken.sort(null);
                List<Long> expected = new ArrayList<>(free.subList(10, 20));
                expected.sort(null);
                assertEquals(expected, taken);
            }
            try (Statement nowait = updater.createStatement()) {
                assertEquals("55P03", ErrorCodesTest.stateOf(nowait, "SELECT id FROM claim_order WHERE id = " + held.get(0) + " FOR UPDATE NOWAIT"));
            }
            // one queue through its own index, skipping what the claimer and the holder hold
            List<Long> q1 = new ArrayList<>(claimOrder("q1"));
            q1.removeAll(held);
            q1.removeAll(claimed);
            q1.removeAll(free.subList(10, 20));
            try (Connection other = db.connect()) {
                other.setAutoCommit(false);
                assertEquals(q1.subList(0, 5), ids(other, "SELECT id FROM claim_order WHERE state = 'queued' AND queue = 'q1' "
                        + "ORDER BY priority DESC, id LIMIT ? FOR UPDATE SKIP LOCKED", 5));
                other.rollback();
            }
            claimer.commit();
            holder.rollback();
        }
        try (Connection c = db.connect()) {
            // finishing by id = ANY(array) touches exactly those rows
            try (PreparedStatement finish = c.prepareStatement("UPDATE claim_order SET state = 'succeeded' WHERE id = ANY(?)")) {
                Array ids = c.createArrayOf("bigint", new Object[] {order.get(0), order.get(1), 7L, 999_999L});
                finish.setArray(1, ids);
                assertEquals(3, finish.executeUpdate());
            }
            // backward through the partial index: lowest priority first, highest id first
            List<Long> backward = new ArrayList<>(claimOrder(null));
            java.util.Collections.reverse(backward);
            backward.remove(order.get(0));
            backward.remove(order.get(1));
            backward.removeAll(free.subList(10, 20));
            assertEquals(backward.subList(0, 5), ids(c, "SELECT id FROM claim_order WHERE state = 'queued' ORDER BY priority, id DESC LIMIT ?", 5));
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE claim_order");
            }
        }
    }

    private static List<Long> ids(Connection c, String sql, int limit) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) out.add(r.getLong(1));
            }
        }
        return out;
    }
}
