package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.sql.session.CopyIn;
import io.tableos.db.sql.session.Notification;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The implicit-transaction rules the wire layer relies on (statements before Sync share one
 * transaction; BEGIN adopts it), LISTEN/NOTIFY delivery on commit only, and bulk COPY beyond
 * one transaction's write-set limit. Over a real single-node engine.
 */
class ImplicitTransactionAndNotifyTest extends EngineTestBase {
    @BeforeAll
    static void createTables() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "create table kv (k int primary key, v text)");
        }
    }

    private static long count(SqlSessionImpl s, String where) {
        return (Long) EngineFixture.run(s, "select count(*) from kv where " + where).get(0)[0];
    }

    @Test
    void statementsBeforeSyncShareOneTransaction() {
        try (SqlSessionImpl s = fixture.session(); SqlSessionImpl other = fixture.session()) {
            EngineFixture.runInBatch(s, "insert into kv values (100, 'a')");
            EngineFixture.runInBatch(s, "insert into kv values (101, 'b')");
            assertEquals('I', s.transactionStatus());
            assertEquals(0, count(other, "k in (100, 101)"), "nothing is visible before Sync");
            s.endImplicitTransaction(false);
            assertEquals(0, count(other, "k in (100, 101)"), "an error before Sync rolls the whole batch back");
            EngineFixture.runInBatch(s, "insert into kv values (100, 'a')");
            EngineFixture.runInBatch(s, "insert into kv values (101, 'b')");
            s.endImplicitTransaction(true);
            assertEquals(2, count(other, "k in (100, 101)"));
        }
    }

    @Test
    void beginAdoptsTheImplicitTransaction() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.runInBatch(s, "insert into kv values (200, 'before begin')");
            EngineFixture.runInBatch(s, "begin");
            EngineFixture.runInBatch(s, "insert into kv values (201, 'in block')");
            s.endImplicitTransaction(true);
            assertEquals('T', s.transactionStatus(), "the block outlives Sync");
            EngineFixture.run(s, "rollback");
            assertEquals(0, count(s, "k in (200, 201)"), "the statement before BEGIN belonged to the block");
        }
    }

    @Test
    void errorAtSyncInsideBlockMarksItFailed() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "begin");
            s.endImplicitTransaction(false);
            assertEquals('E', s.transactionStatus());
            DbException e = assertThrows(DbException.class, () -> EngineFixture.run(s, "select 1"));
            assertEquals("25P02", e.sqlState());
            EngineFixture.run(s, "rollback");
            assertEquals('I', s.transactionStatus());
        }
    }

    @Test
    void notificationsArriveOnCommitOnly() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        try (SqlSessionImpl listener = fixture.session(); SqlSessionImpl sender = fixture.session()) {
            listener.setNotificationListener(received::add);
            EngineFixture.run(listener, "listen jobs_ready");
            EngineFixture.run(sender, "begin");
            EngineFixture.run(sender, "notify jobs_ready, 'first'");
            EngineFixture.run(sender, "select pg_notify('jobs_ready', 'second')");
            EngineFixture.run(sender, "notify other_channel");
            assertNull(received.poll(), "not before commit");
            EngineFixture.run(sender, "commit");
            Notification first = received.poll(10, TimeUnit.SECONDS);
            Notification second = received.poll(10, TimeUnit.SECONDS);
            assertEquals("jobs_ready", first.channel());
            assertEquals("first", first.payload());
            assertEquals("second", second.payload());
            EngineFixture.run(sender, "begin");
            EngineFixture.run(sender, "notify jobs_ready, 'rolled back'");
            EngineFixture.run(sender, "rollback");
            EngineFixture.run(listener, "unlisten jobs_ready");
            EngineFixture.run(sender, "notify jobs_ready, 'after unlisten'");
            assertNull(received.poll(), "rolled back and unlistened notifications never arrive");
        }
    }

    @Test
    void bulkCopyInABlockWithFreezeCommitsInChunks() {
        int rows = 100_000;
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "create table accounts (aid int not null, bid int, abalance int, filler char(84))");
            EngineFixture.run(s, "begin");
            EngineFixture.run(s, "truncate table accounts");
            StatementResult r = s.execute(s.prepare("copy accounts from stdin with (freeze on)", new int[0]), new Object[0]);
            assertEquals(StatementResult.Kind.COPY_IN, r.kind());
            CopyIn in = r.copyIn();
            assertEquals(4, in.columnCount());
            StringBuilder chunk = new StringBuilder();
            long started = System.nanoTime();
            for (int aid = 1; aid <= rows; aid++) {
                chunk.append(aid).append('\t').append((aid - 1) / 100_000 + 1).append("\t0\t\n");
                if (chunk.length() > 60_000) {
                    byte[] b = chunk.toString().getBytes(StandardCharsets.UTF_8);
                    in.data(b, 0, b.length);
                    chunk.setLength(0);
                }
            }
            byte[] b = chunk.toString().getBytes(StandardCharsets.UTF_8);
            in.data(b, 0, b.length);
            assertEquals("COPY " + rows, in.done());
            s.endImplicitTransaction(true);
            EngineFixture.run(s, "commit");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals((long) rows, EngineFixture.run(s, "select count(*) from accounts").get(0)[0]);
            EngineFixture.run(s, "alter table accounts add primary key (aid)");
            assertEquals(0, EngineFixture.run(s, "select abalance from accounts where aid = 77777").get(0)[0]);
            assertTrue(millis < 60_000, "100,000 rows took " + millis + " ms");
        }
    }

    @Test
    void bulkCopyThatFailsSaysHowManyRowsStay() {
        try (SqlSessionImpl s = fixture.session()) {
            EngineFixture.run(s, "create table loaded (id int primary key, v text)");
            StatementResult r = s.execute(s.prepare("copy loaded from stdin", new int[0]), new Object[0]);
            CopyIn in = r.copyIn();
            StringBuilder data = new StringBuilder();
            for (int id = 1; id <= 40_000; id++) data.append(id).append('\t').append("y".repeat(60)).append('\n');
            data.append("not-a-number\tz\n");
            byte[] b = data.toString().getBytes(StandardCharsets.UTF_8);
            DbException e = assertThrows(DbException.class, () -> {
                in.data(b, 0, b.length);
                in.done();
            });
            s.endImplicitTransaction(false);
            assertEquals("22P02", e.sqlState());
            var stated = java.util.regex.Pattern.compile("The first (\\d+) rows of this COPY were committed").matcher(String.valueOf(e.hint()));
            assertTrue(stated.find(), "hint: " + e.hint());
            long committed = Long.parseLong(stated.group(1));
            assertTrue(committed > 0 && committed < 40_000, "committed " + committed);
            assertEquals(committed, EngineFixture.run(s, "select count(*) from loaded").get(0)[0]);
        }
    }
}
