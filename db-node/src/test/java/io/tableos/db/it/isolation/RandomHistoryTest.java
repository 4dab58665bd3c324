package io.tableos.db.it.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import org.junit.jupiter.api.Tag;

/**
 * Randomized multi-session histories (issue 11): at SERIALIZABLE, read-modify-write counters and
 * bank transfers must commit only serializable histories (a serial order exists and replays to
 * the final table); at REPEATABLE READ, transfers (which write every row they read, so snapshot
 * isolation serializes them) with read-only audits must be serializable too, so every audit read
 * one consistent state, and every audit sums to the bank's total.
 */
@Tag(IsolationAcceptance.TAG)
class RandomHistoryTest {
    private static final int COUNTERS = 8;
    private static final int ACCOUNTS = 8;
    private static final long OPENING_BALANCE = 100;

    @OnBothDatabases
    void serializableCountersHaveASerialOrder(Database db) throws Exception {
        RandomHistory history = RandomHistory.run(db, Level.SERIALIZABLE, new HistoryTable(COUNTERS, 0), Workload.counters());
        System.out.println(db + " counters at SERIALIZABLE: " + history);
    }

    @OnBothDatabases
    void serializableTransfersHaveASerialOrder(Database db) throws Exception {
        transfers(db, Level.SERIALIZABLE);
    }

    @OnBothDatabases
    void repeatableReadAuditsReadConsistentSnapshots(Database db) throws Exception {
        transfers(db, Level.REPEATABLE_READ);
    }

    private static void transfers(Database db, Level level) throws Exception {
        RandomHistory history = RandomHistory.run(db, level, new HistoryTable(ACCOUNTS, OPENING_BALANCE), Workload.transfersAndAudits());
        System.out.println(db + " transfers at " + level + ": " + history);
        for (RecordedTransaction t : history.committed) {
            if (t.readOnly() && t.reads().size() == ACCOUNTS) {
                long sum = t.reads().values().stream().mapToLong(Version::value).sum();
                assertEquals(ACCOUNTS * OPENING_BALANCE, sum, "audit " + t + " (seed " + history.seed + ")");
            }
        }
    }
}
