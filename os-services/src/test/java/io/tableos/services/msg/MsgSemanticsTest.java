package io.tableos.services.msg;

import static io.tableos.services.SqlRows.number;
import static io.tableos.services.SqlRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The topic service's SQL API (issue 15, "Topics") against one real node in its own JVM, through
 * pgJDBC and plain SQL: partitioning by key with dense offsets, consumer-group balancing, session
 * expiry and generation fencing, long-poll fetch, retention, the views and the errors for bad
 * input. Each test has topics and groups of its own. Time-based behaviour (session expiry) is
 * awaited with a long-polling fetch, which wakes at the group's next expiry, never with sleeps.
 */
class MsgSemanticsTest extends MsgNodeTest {
    @Test
    void publishPlacesByKeyWithDenseOffsets() throws Exception {
        assertEquals(true, rows(sql, "SELECT msg.create_topic('orders', 4)").get(0)[0]);
        assertEquals(false, rows(sql, "SELECT msg.create_topic('orders', 4)").get(0)[0]);
        List<Object[]> a = rows(sql, "SELECT * FROM msg.publish('orders', 'k1', '{\"n\":1}')");
        List<Object[]> b = rows(sql, "SELECT * FROM msg.publish('orders', 'k1', '{\"n\":2}', '{\"h\":\"v\"}')");
        assertEquals(a.get(0)[0], b.get(0)[0], "one key, one partition");
        assertEquals(0L, ((Number) a.get(0)[1]).longValue());
        assertEquals(1L, ((Number) b.get(0)[1]).longValue());
        int expected = Math.floorMod("k1".hashCode(), 4);
        assertEquals(expected, ((Number) a.get(0)[0]).intValue());
        List<Object[]> batch = rows(sql, "SELECT * FROM msg.publish_batch('orders', ARRAY['k1','k2','k1'],"
                + " ARRAY['{\"n\":3}','{\"n\":4}','{\"n\":5}']::jsonb[])");
        assertEquals(3, batch.size());
        assertEquals(2L, ((Number) batch.get(0)[1]).longValue());
        assertEquals(3L, ((Number) batch.get(2)[1]).longValue());
        assertEquals(5L, number(sql, "SELECT messages FROM msg.topics WHERE name = 'orders'"));
        assertEquals(4L, number(sql, "SELECT partitions FROM msg.topics WHERE name = 'orders'"));
    }

    @Test
    void groupMembersSharePartitionsAndCommitsAreFenced() throws Exception {
        rows(sql, "SELECT msg.create_topic('shared', 4)");
        for (int i = 0; i < 8; i++) rows(sql, "SELECT * FROM msg.publish('shared', 'key" + i + "', '{\"i\":" + i + "}')");
        Object[] m1 = rows(sql, "SELECT * FROM msg.join_group('g1', 'shared')").get(0);
        long member1 = ((Number) m1[0]).longValue();
        assertEquals(4L, number(sql, "SELECT count(*) FROM msg.groups WHERE group_name = 'g1' AND member = " + member1));
        List<Object[]> all = rows(sql, "SELECT * FROM msg.fetch('g1', " + member1 + ", 100)");
        assertEquals(8, all.size());
        assertEquals(8L, number(sql, "SELECT sum(lag) FROM msg.groups WHERE group_name = 'g1'"));

        Object[] m2 = rows(sql, "SELECT * FROM msg.join_group('g1', 'shared', 'second')").get(0);
        long member2 = ((Number) m2[0]).longValue();
        long generation = ((Number) m2[1]).longValue();
        assertEquals(2L, number(sql, "SELECT count(*) FROM msg.groups WHERE group_name = 'g1' AND member = " + member1));
        assertEquals(2L, number(sql, "SELECT count(*) FROM msg.groups WHERE group_name = 'g1' AND member = " + member2));
        assertEquals(generation, number(sql, "SELECT max(generation) FROM msg.groups WHERE group_name = 'g1'"));

        // member1's fetch was at the old generation: its commit is refused, nothing written
        long oldGeneration = ((Number) all.get(0)[6]).longValue();
        SQLException fenced = assertThrows(SQLException.class, () -> rows(sql, "SELECT msg.commit_offsets('g1', " + member1 + ", "
                + oldGeneration + ", ARRAY[0,1,2,3], ARRAY[1,1,1,1])"));
        assertEquals("40001", fenced.getSQLState());
        assertEquals(0L, number(sql, "SELECT sum(committed_offset) FROM msg.groups WHERE group_name = 'g1'"));

        // fetch again at the new generation: only member1's partitions, and its commit holds
        List<Object[]> mine = rows(sql, "SELECT * FROM msg.fetch('g1', " + member1 + ", 100)");
        assertTrue(!mine.isEmpty() && mine.size() < 8, "member1 reads only its half: " + mine.size());
        StringBuilder parts = new StringBuilder();
        StringBuilder offs = new StringBuilder();
        java.util.Map<Integer, Long> next = new java.util.TreeMap<>();
        for (Object[] r : mine) next.merge(((Number) r[0]).intValue(), ((Number) r[1]).longValue() + 1, Math::max);
        for (var e : next.entrySet()) {
            parts.append(parts.length() == 0 ? "" : ",").append(e.getKey());
            offs.append(offs.length() == 0 ? "" : ",").append(e.getValue());
        }
        assertEquals((long) next.size(), number(sql, "SELECT msg.commit_offsets('g1', " + member1 + ", " + generation
                + ", ARRAY[" + parts + "], ARRAY[" + offs + "])"));
        assertEquals(0, rows(sql, "SELECT * FROM msg.fetch('g1', " + member1 + ", 100)").size(), "committed: nothing left");
        assertEquals(8L - mine.size(), number(sql, "SELECT sum(lag) FROM msg.groups WHERE group_name = 'g1'"));

        // member2 leaves: member1 owns all four partitions and reads the rest
        assertEquals(true, rows(sql, "SELECT msg.leave_group('g1', " + member2 + ")").get(0)[0]);
        assertEquals(8 - mine.size(), rows(sql, "SELECT * FROM msg.fetch('g1', " + member1 + ", 100)").size());
    }

    @Test
    void aMemberThatStopsHeartbeatingLosesItsPartitions() throws Exception {
        rows(sql, "SELECT msg.create_topic('expiry', 2)");
        long quiet = number(sql, "SELECT member FROM msg.join_group('g2', 'expiry', 'quiet', 3000)");
        long live = number(sql, "SELECT member FROM msg.join_group('g2', 'expiry', 'live', 60000)");
        assertEquals(1L, number(sql, "SELECT count(*) FROM msg.groups WHERE group_name = 'g2' AND member = " + quiet));
        long before = System.nanoTime();
        rows(sql, "SELECT * FROM msg.publish('expiry', 'x', '{}')");  // "x".hashCode() % 2 == 0: the quiet member's partition
        // the live member's long-poll wakes at the quiet member's expiry, takes its partition, and reads
        List<Object[]> got = new ArrayList<>();
        while (got.isEmpty()) got = rows(sql, "SELECT * FROM msg.fetch('g2', " + live + ", 10, 30000)");
        assertTrue(System.nanoTime() - before < 25_000_000_000L, "woken by the expiry, not by the wait running out");
        assertEquals(2L, number(sql, "SELECT count(*) FROM msg.groups WHERE group_name = 'g2' AND member = " + live));
        SQLException gone = assertThrows(SQLException.class, () -> rows(sql, "SELECT msg.heartbeat('g2', " + quiet + ")"));
        assertEquals("42704", gone.getSQLState());
    }

    @Test
    void fetchLongPollsUntilAPublishCommits() throws Exception {
        rows(sql, "SELECT msg.create_topic('poll', 1)");
        long member = number(sql, "SELECT member FROM msg.join_group('g3', 'poll')");
        try (Connection other = node.connect()) {
            var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return rows(other, "SELECT * FROM msg.fetch('g3', " + member + ", 10, 20000)");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            rows(sql, "SELECT * FROM msg.publish('poll', 'k', '{\"woke\":true}')");
            List<Object[]> got = waiting.get(15, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(1, got.size());
            assertEquals("{\"woke\": true}", got.get(0)[3].toString());
        }
    }

    @Test
    void retentionBySizeAndAge() throws Exception {
        rows(sql, "SELECT msg.create_topic('sized', 1, retention_bytes => 100)");
        for (int i = 0; i < 20; i++) rows(sql, "SELECT * FROM msg.publish('sized', 'k', '{\"i\":" + i + "}')");  // 9-10 bytes each
        long bytes = number(sql, "SELECT bytes FROM msg.topics WHERE name = 'sized'");
        assertTrue(bytes <= 100 && bytes > 80, "bytes kept " + bytes);
        long first = number(sql, "SELECT first_offset FROM msg.partitions WHERE topic = 'sized'");
        assertEquals(20 - first, number(sql, "SELECT count(*) FROM msg.messages WHERE topic = 'sized'"));
        long member = number(sql, "SELECT member FROM msg.join_group('g4', 'sized')");
        List<Object[]> got = rows(sql, "SELECT * FROM msg.fetch('g4', " + member + ", 100)");
        assertEquals(first, ((Number) got.get(0)[1]).longValue(), "a group behind retention starts at the first kept offset");

        rows(sql, "SELECT msg.create_topic('aged', 1, retention_seconds => 1)");
        rows(sql, "SELECT * FROM msg.publish('aged', 'k', '{}')");
        long agedMember = number(sql, "SELECT member FROM msg.join_group('g5', 'aged', NULL, 60000)");
        // wait (long-poll on a group of another topic with nothing to read) until the message is 1 s old
        long deadline = System.nanoTime() + 1_100_000_000L;
        while (System.nanoTime() < deadline) rows(sql, "SELECT * FROM msg.fetch('g5', " + agedMember + ", 1, 100)");
        assertEquals(1L, number(sql, "SELECT msg.retain('aged')"));
        assertEquals(0L, number(sql, "SELECT messages FROM msg.topics WHERE name = 'aged'"));
    }

    @Test
    void clearErrorsForUnknownNamesAndBadArguments() throws Exception {
        rows(sql, "SELECT msg.create_topic('errs', 2)");
        assertState("42704", "SELECT * FROM msg.publish('nope', 'k', '{}')");
        assertState("42704", "SELECT * FROM msg.join_group('g6', 'nope')");
        assertState("42704", "SELECT * FROM msg.fetch('no-group', 1)");
        assertState("22023", "SELECT msg.create_topic('bad', 0)");
        assertState("42710", "SELECT msg.create_topic('errs', 3)");
        long member = number(sql, "SELECT member FROM msg.join_group('g6', 'errs')");
        assertState("22023", "SELECT * FROM msg.fetch('g6', " + member + ", 0)");
        assertState("42704", "SELECT * FROM msg.fetch('g6', " + (member + 1000) + ")");
        assertState("22023", "SELECT msg.commit_offsets('g6', " + member + ", 1, ARRAY[0], ARRAY[5])");
        assertState("22023", "SELECT msg.commit_offsets('g6', " + member + ", 1, ARRAY[0,1], ARRAY[0])");
        assertState("22023", "SELECT * FROM msg.publish_batch('errs', ARRAY['a'], ARRAY['{}','{}']::jsonb[])");
        assertState("22023", "SELECT * FROM msg.join_group('g6', 'shared_other', NULL, 5)");
    }

    private static void assertState(String state, String query) {
        SQLException e = assertThrows(SQLException.class, () -> rows(sql, query), query);
        assertEquals(state, e.getSQLState(), query + ": " + e.getMessage());
    }
}
