package io.tableos.services.pgmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import io.tableos.services.pgmq.PgmqClient.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * The pgmq test program: one set of client calls (plain JDBC, as a pgmq client library makes
 * them, through {@link PgmqClient}) with one set of assertions, run against PostgreSQL 15 with
 * the test's pgmq-shaped PL/pgSQL implementation and against a TableOS node serving pgmq as
 * procedures. Timestamps are compared by their relations (vt after enqueued_at), never by value.
 * Each test uses queues of its own and drops them first.
 */
class PgmqProgramTest {
    private static final Set<String> INSTALLED = ConcurrentHashMap.newKeySet();

    private static Connection open(Database db) throws Exception {
        Connection c = db.connect();
        if (db.isPostgres() && INSTALLED.add(db.jdbcUrl())) PgmqClient.installOnPostgres(c);
        return c;
    }

    private static PgmqClient fresh(Connection c, String... queues) throws SQLException {
        PgmqClient q = new PgmqClient(c);
        for (String queue : queues) {
            q.dropQueue(queue);
            q.create(queue);
        }
        return q;
    }

    @OnBothDatabases
    void sendReadDeleteArchiveFollowPgmq(Database db) throws Exception {
        try (Connection c = open(db)) {
            PgmqClient q = fresh(c, "prog_basic");
            q.create("prog_basic");  // a second create is a no-op
            assertTrue(q.rows("SELECT queue_name FROM pgmq.list_queues() WHERE queue_name = 'prog_basic'").size() == 1);
            assertEquals(1, q.send("prog_basic", "{\"n\": 1}"));
            assertEquals(2, q.send("prog_basic", "{\"n\": 2}"));
            assertEquals(3, q.send("prog_basic", "{\"n\": 3}", "{\"trace\": \"t3\"}"));
            assertEquals(List.of(4L, 5L), q.sendBatch("prog_basic", List.of("{\"n\": 4}", "{\"n\": 5}")));

            List<Message> first = q.read("prog_basic", 30, 2);
            assertEquals(List.of(1L, 2L), ids(first));
            assertEquals("{\"n\": 1}", first.get(0).message());
            assertEquals(1, first.get(0).readCount());
            assertTrue(first.get(0).vt().isAfter(first.get(0).enqueuedAt().plusSeconds(29)), "vt is 30 s after the read");
            List<Message> second = q.read("prog_basic", 30, 2);
            assertEquals(List.of(3L, 4L), ids(second));
            assertEquals("{\"trace\": \"t3\"}", second.get(0).headers());
            assertEquals(null, second.get(1).headers());

            assertEquals(1, q.setVt("prog_basic", 1, 0).size());  // visible again now
            List<Message> again = q.read("prog_basic", 30, 10);
            assertEquals(List.of(1L, 5L), ids(again));
            assertEquals(2, again.get(0).readCount());
            assertTrue(q.setVt("prog_basic", 999, 0).isEmpty());

            assertTrue(q.delete("prog_basic", 1));
            assertFalse(q.delete("prog_basic", 1));
            assertEquals(List.of(2L, 3L), q.delete("prog_basic", 2L, 3L, 999L, 2L));
            assertTrue(q.archive("prog_basic", 4));
            assertFalse(q.archive("prog_basic", 4));
            assertEquals(List.of(5L), q.archive("prog_basic", 5L, 998L));
            assertTrue(q.read("prog_basic", 30, 10).isEmpty());
            assertEquals(List.of(), q.rows("SELECT msg_id FROM pgmq.q_prog_basic"));
            List<Object[]> archived = q.rows("SELECT msg_id, read_ct, message, archived_at >= enqueued_at FROM pgmq.a_prog_basic ORDER BY msg_id");
            assertEquals(2, archived.size());
            assertEquals(List.of(4L, 1, "{\"n\": 4}", true), List.of(((Number) archived.get(0)[0]).longValue(), archived.get(0)[1],
                    archived.get(0)[2].toString(), archived.get(0)[3]));
            assertEquals(5L, ((Number) archived.get(1)[0]).longValue());

            Object[] metrics = q.rows("SELECT queue_name, queue_length, total_messages, queue_visible_length FROM pgmq.metrics('prog_basic')")
                    .get(0);
            assertEquals("prog_basic", metrics[0]);
            assertEquals(0L, ((Number) metrics[1]).longValue());
            assertEquals(5L, ((Number) metrics[2]).longValue());
            assertEquals(0L, ((Number) metrics[3]).longValue());

            assertEquals(List.of(6L, 7L, 8L), q.sendBatch("prog_basic", List.of("{}", "[1, 2]", "\"text\"")));
            assertEquals(List.of(6L, 7L, 8L), q.rows("SELECT msg_id FROM pgmq.q_prog_basic WHERE read_ct = 0 ORDER BY msg_id").stream()
                    .map(r -> ((Number) r[0]).longValue()).toList());
            assertEquals(3L, q.purge("prog_basic"));
            assertTrue(q.dropQueue("prog_basic"));
            assertFalse(q.dropQueue("prog_basic"));
        }
    }

    @OnBothDatabases
    void delayedMessagesAndPopAndConditionalReads(Database db) throws Exception {
        try (Connection c = open(db)) {
            PgmqClient q = fresh(c, "prog_delay");
            assertEquals(1, q.send("prog_delay", "{\"late\": true}", 3600));
            assertTrue(q.read("prog_delay", 30, 10).isEmpty(), "a delayed message is invisible");
            assertTrue(q.pop("prog_delay").isEmpty());
            Object[] m = q.rows("SELECT queue_length, queue_visible_length FROM pgmq.metrics('prog_delay')").get(0);
            assertEquals(1L, ((Number) m[0]).longValue());
            assertEquals(0L, ((Number) m[1]).longValue());

            q.send("prog_delay", "{\"kind\": \"a\", \"n\": 2}");
            q.send("prog_delay", "{\"kind\": \"b\", \"n\": 3}");
            List<Message> b = messages(q.rows("SELECT * FROM pgmq.read('prog_delay', 30, 5, '{\"kind\": \"b\"}')"));
            assertEquals(List.of(3L), ids(b));
            List<Message> popped = q.pop("prog_delay");
            assertEquals(List.of(2L), ids(popped));
            assertEquals(0, popped.get(0).readCount());
            assertTrue(q.pop("prog_delay").isEmpty(), "3 is in flight, 1 delayed");
            assertEquals(2L, ((Number) q.rows("SELECT queue_length FROM pgmq.metrics('prog_delay')").get(0)[0]).longValue());
            q.dropQueue("prog_delay");
        }
    }

    @OnBothDatabases
    void aMessageNotDeletedReappearsAfterItsVisibilityTimeout(Database db) throws Exception {
        try (Connection c = open(db)) {
            PgmqClient q = fresh(c, "prog_vt");
            q.send("prog_vt", "{\"job\": 1}");
            Message taken = q.read("prog_vt", 1, 1).get(0);
            assertTrue(q.read("prog_vt", 1, 1).isEmpty(), "invisible while its vt lasts");
            // The long poll returns once vt has passed (TableOS wakes at vt; the PL/pgSQL polls): no sleep here.
            List<Message> back = q.readWithPoll("prog_vt", 30, 1, 10);
            assertEquals(List.of(taken.msgId()), ids(back));
            assertEquals(2, back.get(0).readCount());
            assertTrue(!back.get(0).enqueuedAt().isAfter(taken.vt()) && !taken.vt().isAfter(back.get(0).vt()));
            q.dropQueue("prog_vt");
        }
    }

    @OnBothDatabases
    void readWithPollReturnsAMessageSentWhileItWaits(Database db) throws Exception {
        try (Connection reader = open(db); Connection writer = db.connect()) {
            fresh(reader, "prog_poll");
            PgmqClient r = new PgmqClient(reader);
            assertTrue(r.readWithPoll("prog_poll", 30, 1, 0).isEmpty(), "no wait with max_poll_seconds 0");
            CompletableFuture<List<Message>> polled = CompletableFuture.supplyAsync(() -> {
                try {
                    return r.readWithPoll("prog_poll", 30, 5, 20);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long sent = new PgmqClient(writer).send("prog_poll", "{\"wake\": 1}");
            long start = System.nanoTime();
            List<Message> got = polled.get();
            assertEquals(List.of(sent), ids(got));
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "returned well before max_poll_seconds");
            r.dropQueue("prog_poll");
        }
    }

    @OnBothDatabases
    void readsPastTheLimitMoveAMessageToItsDeadLetterQueue(Database db) throws Exception {
        try (Connection c = open(db)) {
            PgmqClient q = fresh(c, "prog_dlq_src", "prog_dlq");
            q.rows("SELECT pgmq.set_dead_letter_queue('prog_dlq_src', 'prog_dlq', 2)");
            q.send("prog_dlq_src", "{\"poison\": true}", "{\"h\": 1}");
            q.send("prog_dlq_src", "{\"fine\": true}");
            assertEquals(List.of(1L, 2L), ids(q.read("prog_dlq_src", 0, 5)));
            assertTrue(q.delete("prog_dlq_src", 2));
            assertEquals(2, q.read("prog_dlq_src", 0, 5).get(0).readCount());
            assertTrue(q.read("prog_dlq_src", 0, 5).isEmpty(), "read twice: moved, not returned");
            List<Message> dead = q.read("prog_dlq", 30, 5);
            assertEquals(1, dead.size());
            assertEquals("{\"poison\": true}", dead.get(0).message());
            Object[] h = q.rows("SELECT (?::jsonb) ->> 'h', (?::jsonb) ->> 'x-pgmq-dead-letter-from', (?::jsonb) ->> 'x-pgmq-dead-letter-msg-id'",
                    dead.get(0).headers(), dead.get(0).headers(), dead.get(0).headers()).get(0);
            assertEquals(List.of("1", "prog_dlq_src", "1"), List.of(h));
            assertEquals("22023", stateOf(q, "SELECT pgmq.set_dead_letter_queue('prog_dlq_src', 'prog_dlq_src', 2)"));
            assertEquals("42P01", stateOf(q, "SELECT pgmq.set_dead_letter_queue('prog_dlq_src', 'prog_no_dlq', 2)"));
            q.dropQueue("prog_dlq_src");
            q.dropQueue("prog_dlq");
        }
    }

    @OnBothDatabases
    void fifoGroupsHandOutOneMessagePerGroupInOrder(Database db) throws Exception {
        try (Connection c = open(db)) {
            PgmqClient q = fresh(c, "prog_fifo");
            long a1 = q.send("prog_fifo", "{\"m\": \"a1\"}", "{\"x-pgmq-group\": \"A\"}");
            long a2 = q.send("prog_fifo", "{\"m\": \"a2\"}", "{\"x-pgmq-group\": \"A\"}");
            long b1 = q.send("prog_fifo", "{\"m\": \"b1\"}", "{\"x-pgmq-group\": \"B\"}");
            long u1 = q.send("prog_fifo", "{\"m\": \"u1\"}");
            long u2 = q.send("prog_fifo", "{\"m\": \"u2\"}");
            assertEquals(List.of(a1, b1, u1), ids(q.readGrouped("prog_fifo", 30, 10)));
            assertTrue(q.readGrouped("prog_fifo", 30, 10).isEmpty(), "every group's head is in flight");
            assertTrue(q.delete("prog_fifo", a1));
            assertEquals(List.of(a2), ids(q.readGrouped("prog_fifo", 30, 10)));
            assertTrue(q.delete("prog_fifo", u1));
            assertEquals(List.of(u2), ids(q.readGrouped("prog_fifo", 30, 10)));
            q.dropQueue("prog_fifo");
        }
    }

    @OnBothDatabases
    void badCallsFailWithPostgresStates(Database db) throws Exception {
        try (Connection c = open(db)) {
            PgmqClient q = fresh(c, "prog_errors");
            q.dropQueue("prog_missing");
            for (String sql : List.of("SELECT * FROM pgmq.send('prog_missing', '{}'::jsonb)", "SELECT * FROM pgmq.read('prog_missing', 1, 1)",
                    "SELECT pgmq.delete('prog_missing', 1::bigint)", "SELECT pgmq.archive('prog_missing', 1::bigint)",
                    "SELECT pgmq.purge_queue('prog_missing')", "SELECT * FROM pgmq.metrics('prog_missing')",
                    "SELECT * FROM pgmq.pop('prog_missing')", "SELECT * FROM pgmq.read_with_poll('prog_missing', 1, 1, 1)")) {
                assertEquals("42P01", stateOf(q, sql), sql);
            }
            assertEquals("22023", stateOf(q, "SELECT * FROM pgmq.read('prog_errors', 1, 0)"));
            assertEquals("22023", stateOf(q, "SELECT * FROM pgmq.read('prog_errors', 1, 10001)"));
            assertEquals("22023", stateOf(q, "SELECT pgmq.create('bad-name')"));
            assertEquals("22023", stateOf(q, "SELECT pgmq.create('" + "n".repeat(48) + "')"));
            assertEquals("22023", stateOf(q, "SELECT * FROM pgmq.send('prog_errors', '{}'::jsonb, 400000000)"));
            assertEquals("22P02", stateOf(q, "SELECT * FROM pgmq.send('prog_errors', 'not json'::jsonb)"));
            assertEquals(0, q.read("prog_errors", 1, 1).size());
            q.dropQueue("prog_errors");
        }
    }

    @OnBothDatabases
    void messagesOf16MiBArriveWholeReadsStopAt16MiBAndLargerMessagesAreRefused(Database db) throws Exception {
        try (Connection c = open(db)) {
            PgmqClient q = fresh(c, "prog_large");
            String big = "{\"blob\": \"" + "x".repeat(16 << 20) + "\"}";
            long id = q.send("prog_large", big);
            Message m = q.read("prog_large", 30, 1).get(0);
            assertEquals(id, m.msgId());
            assertEquals(big.length(), m.message().length());
            assertTrue(m.message().equals(big));
            // A read stops once it holds 16 MiB of bodies: two 17 MiB messages come one per read.
            String seventeen = "{\"blob\": \"" + "y".repeat(17 << 20) + "\"}";
            q.send("prog_large", seventeen);
            q.send("prog_large", seventeen);
            assertEquals(1, q.read("prog_large", 30, 5).size());
            assertEquals(1, q.read("prog_large", 30, 5).size());
            String tooBig = "{\"blob\": \"" + "x".repeat(33 << 20) + "\"}";
            SQLException e = assertThrows(SQLException.class, () -> q.send("prog_large", tooBig));
            assertEquals("54000", e.getSQLState());
            q.dropQueue("prog_large");
        }
    }

    private static String stateOf(PgmqClient q, String sql) {
        return assertThrows(SQLException.class, () -> q.rows(sql), sql).getSQLState();
    }

    private static List<Long> ids(List<Message> messages) {
        List<Long> ids = new ArrayList<>();
        for (Message m : messages) ids.add(m.msgId());
        return ids;
    }

    private static List<Message> messages(List<Object[]> rows) {
        List<Message> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Message(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), (java.time.OffsetDateTime) r[2],
                    (java.time.OffsetDateTime) r[3], r[4] == null ? null : r[4].toString(), r[5] == null ? null : r[5].toString()));
        }
        return out;
    }
}
