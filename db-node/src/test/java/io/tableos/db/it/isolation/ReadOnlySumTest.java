package io.tableos.db.it.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;

/**
 * A read-only transaction summing 100 balances while transfers commit around it never fails and
 * always totals the bank's money (issue 11, case 3's cluster half, here on one node), at
 * REPEATABLE READ and at SERIALIZABLE. The summing session runs {@link #SUMS} transactions and
 * goes on until at least {@link #TRANSFERS_DURING_SUMS_MIN} transfers committed after its first
 * sum began, so the sums really ran under load; {@link #LIMIT_MILLIS} bounds that.
 *
 * <p>At SERIALIZABLE the transactions are READ ONLY DEFERRABLE: that is the form PostgreSQL
 * documents as never failing (it waits for a snapshot no concurrent writer can invalidate);
 * a plain READ ONLY serializable transaction may still fail there with 40001 when it would
 * observe a write skew.
 */
@Tag(IsolationAcceptance.TAG)
class ReadOnlySumTest {
    private static final int ACCOUNTS = 100;
    private static final long OPENING_BALANCE = 100;
    private static final int TRANSFER_CLIENTS = 4;
    private static final int SUMS = 100;
    private static final long TRANSFERS_DURING_SUMS_MIN = 200;
    private static final long LIMIT_MILLIS = 20_000;

    @OnBothDatabases
    void repeatableReadSumsNeverFail(Database db) throws Exception {
        sumUnderTransfers(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }

    @OnBothDatabases
    void serializableSumsNeverFail(Database db) throws Exception {
        sumUnderTransfers(db, "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE");
    }

    private static void sumUnderTransfers(Database db, String begin) throws Exception {
        HistoryTable bank = new HistoryTable(ACCOUNTS, OPENING_BALANCE);
        try (Connection setup = db.connect()) {
            bank.create(setup);
        }
        AtomicBoolean summing = new AtomicBoolean(true);
        AtomicLong transfers = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicLong ids = new AtomicLong();
        ConcurrentClients.run(1 + TRANSFER_CLIENTS, client -> {
            if (client == 0) {
                try {
                    sum(db, begin, transfers);
                } finally {
                    summing.set(false);
                }
                return;
            }
            Random random = new Random(client);
            try (Connection c = db.connect(); HistoryTable.Access access = bank.new Access(c)) {
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setAutoCommit(false);
                while (summing.get()) {
                    Retrying.transaction(c, retries, tx -> {
                        Workload.transfer(bank, access, new RecordedTransaction(ids.incrementAndGet(), client), random);
                        return null;
                    });
                    transfers.incrementAndGet();
                }
            }
        });
    }

    private static void sum(Database db, String begin, AtomicLong transfers) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIMIT_MILLIS);
        long transfersBefore = -1;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (int done = 0; done < SUMS || transfers.get() - transfersBefore < TRANSFERS_DURING_SUMS_MIN; done++) {
                assertTrue(System.nanoTime() < deadline, "only " + (transfers.get() - transfersBefore)
                        + " transfers committed during " + done + " sums in " + LIMIT_MILLIS + " ms");
                if (transfersBefore < 0) transfersBefore = transfers.get();
                s.execute(begin);
                try (ResultSet rs = s.executeQuery("SELECT sum(v) FROM " + HistoryTable.NAME)) {
                    rs.next();
                    assertEquals(ACCOUNTS * OPENING_BALANCE, rs.getLong(1), "sum " + done);
                }
                s.execute("COMMIT");
            }
        }
    }
}
