package io.tableos.db.it.isolation;

import static io.tableos.db.it.isolation.Session.SERIALIZATION_FAILURE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;

/**
 * Issue 11's cases 1-4 as its reporter ran them with pgJDBC, compared with PostgreSQL 15:
 * (1) read-then-increment of one counter from 4 SERIALIZABLE sessions loses no update, in each
 * of pgJDBC's query modes; (2) a SERIALIZABLE writer that waited for a concurrent writer of a row
 * it had read fails with 40001; (3) a REPEATABLE READ count does not see a concurrent insert;
 * (4) INSERT then count from 8 pooled connections at the default level never fails.
 */
@Tag(IsolationAcceptance.TAG)
class IssueElevenCasesTest {
    private static final int COUNTER_SESSIONS = 4;
    private static final int INCREMENTS_PER_SESSION = 50;
    private static final int POOL_SIZE = 8;
    private static final int POOLED_TRANSACTIONS = 2_000;

    @OnBothDatabases
    void serializableIncrementsLoseNothing(Database db) throws Exception {
        incrementConcurrently(db);
    }

    @OnBothDatabases
    void serializableIncrementsLoseNothingWithoutServerPreparedStatements(Database db) throws Exception {
        incrementConcurrently(db, "prepareThreshold=0");
    }

    @OnBothDatabases
    void serializableIncrementsLoseNothingInSimpleQueryMode(Database db) throws Exception {
        incrementConcurrently(db, "preferQueryMode=simple");
    }

    private static void incrementConcurrently(Database db, String... urlParameters) throws Exception {
        try (Connection setup = db.connect(); Statement s = setup.createStatement()) {
            s.execute("DROP TABLE IF EXISTS iso_counter");
            s.execute("CREATE TABLE iso_counter (id int PRIMARY KEY, v int NOT NULL)");
            s.execute("INSERT INTO iso_counter VALUES (1, 0)");
            AtomicLong retries = new AtomicLong();
            ConcurrentClients.run(COUNTER_SESSIONS, client -> {
                try (Connection c = db.connect(urlParameters);
                        PreparedStatement read = c.prepareStatement("SELECT v FROM iso_counter WHERE id = 1");
                        PreparedStatement write = c.prepareStatement("UPDATE iso_counter SET v = ? WHERE id = 1")) {
                    c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                    c.setAutoCommit(false);
                    for (int i = 0; i < INCREMENTS_PER_SESSION; i++) {
                        Retrying.transaction(c, retries, tx -> {
                            int v = single(read);
                            write.setInt(1, v + 1);
                            assertEquals(1, write.executeUpdate());
                            return null;
                        });
                    }
                }
            });
            try (ResultSet rs = s.executeQuery("SELECT v FROM iso_counter WHERE id = 1")) {
                rs.next();
                assertEquals(COUNTER_SESSIONS * INCREMENTS_PER_SESSION, rs.getInt(1),
                        "committed increments lost (" + retries + " attempts failed with 40001 and were retried)");
            }
            s.execute("DROP TABLE iso_counter");
        }
    }

    @OnBothDatabases
    void serializableWriterOfARowReadBeforeAConcurrentWriteFails(Database db) throws SQLException {
        try (Session setup = Session.open(db, "setup"); Session a = Session.open(db, "A"); Session b = Session.open(db, "B");
                LockWaits waits = new LockWaits(db)) {
            setup.execute("DROP TABLE IF EXISTS iso_read_write");
            setup.execute("CREATE TABLE iso_read_write (id int PRIMARY KEY, v int NOT NULL)");
            setup.execute("INSERT INTO iso_read_write VALUES (1, 0)");
            a.begin(Level.SERIALIZABLE);
            b.begin(Level.SERIALIZABLE);
            assertEquals(0, a.value("SELECT v FROM iso_read_write WHERE id = 1"));
            assertEquals(0, b.value("SELECT v FROM iso_read_write WHERE id = 1"));
            assertEquals(1, a.execute("UPDATE iso_read_write SET v = v + 1 WHERE id = 1"));
            Session.Pending bUpdate = b.blocked("UPDATE iso_read_write SET v = v + 10 WHERE id = 1", waits);
            a.commit();
            assertEquals(SERIALIZATION_FAILURE, bUpdate.failure());
            b.rollback();
            assertEquals(1, setup.value("SELECT v FROM iso_read_write WHERE id = 1"));
            setup.execute("DROP TABLE iso_read_write");
        }
    }

    @OnBothDatabases
    void repeatableReadCountIgnoresConcurrentInsert(Database db) throws SQLException {
        try (Session reader = Session.open(db, "reader"); Session writer = Session.open(db, "writer")) {
            writer.execute("DROP TABLE IF EXISTS iso_rr_count");
            writer.execute("CREATE TABLE iso_rr_count (id int PRIMARY KEY)");
            writer.execute("INSERT INTO iso_rr_count VALUES (1)");
            reader.begin(Level.REPEATABLE_READ);
            assertEquals(1, reader.value("SELECT count(*) FROM iso_rr_count"));
            assertEquals(1, writer.execute("INSERT INTO iso_rr_count VALUES (2)"));
            assertEquals(1, reader.value("SELECT count(*) FROM iso_rr_count"));
            reader.commit();
            assertEquals(2, reader.value("SELECT count(*) FROM iso_rr_count"));
            writer.execute("DROP TABLE iso_rr_count");
        }
    }

    @OnBothDatabases
    void defaultIsolationIsReadCommitted(Database db) throws SQLException {
        try (Session s = Session.open(db, "default")) {
            try (Connection c = db.connect()) {
                assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
            }
            s.execute("BEGIN");
            assertEquals("read committed", s.text("SHOW transaction_isolation"));
            s.commit();
        }
    }

    @OnBothDatabases
    void pooledInsertThenCountNeverFailsAtTheDefaultLevel(Database db) throws Exception {
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(POOL_SIZE);
        try (Connection setup = db.connect(); Statement s = setup.createStatement()) {
            s.execute("DROP TABLE IF EXISTS iso_pool_items");
            // no index on worker: each count reads the whole table, which the other workers insert into
            s.execute("CREATE TABLE iso_pool_items (id int PRIMARY KEY, worker int NOT NULL, seq int NOT NULL)");
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection c = db.connect();
                c.setAutoCommit(false);
                pool.add(c);
            }
            ConcurrentClients.run(POOL_SIZE, worker -> {
                for (int seq = 0; seq < POOLED_TRANSACTIONS / POOL_SIZE; seq++) {
                    Connection c = pool.take();
                    try {
                        insertThenCount(c, worker, seq);
                    } finally {
                        pool.add(c);
                    }
                }
            });
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM iso_pool_items")) {
                rs.next();
                assertEquals(POOLED_TRANSACTIONS, rs.getInt(1));
            }
            s.execute("DROP TABLE iso_pool_items");
        } finally {
            for (Connection c : pool) c.close();
        }
    }

    /** One transaction, no retry: any failure fails the test. Sees its own insert and the worker's earlier ones. */
    private static void insertThenCount(Connection c, int worker, int seq) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO iso_pool_items (id, worker, seq) VALUES (?, ?, ?)");
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM iso_pool_items WHERE worker = ?")) {
            insert.setInt(1, worker * POOLED_TRANSACTIONS + seq);
            insert.setInt(2, worker);
            insert.setInt(3, seq);
            assertEquals(1, insert.executeUpdate());
            count.setInt(1, worker);
            assertEquals(seq + 1, single(count), "worker " + worker + "'s rows seen by its transaction " + seq);
            c.commit();
        }
    }

    static int single(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
