package io.tableos.db.txn;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.Storage;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.function.Function;

/** Starts transactions and runs DDL and built-in procedures on the node's commit path. */
public interface TransactionManager {

    Catalog catalog();

    Storage storage();

    /** A client transaction at {@code isolation}; {@code readOnly} refuses writes (25006). */
    Transaction begin(Isolation isolation, boolean readOnly);

    /**
     * Applies a catalog change through the replicated log and waits until it is applied
     * here. DDL is not part of the surrounding transaction (it commits on its own).
     */
    void applyDdl(DdlOperation operation);

    /**
     * Runs {@code body} whole on the single ordered commit path (VoltDB-style): it sees the
     * latest state including sequenced but not yet applied commits, never conflicts, and its
     * writes commit with it. The body must be deterministic in the state it reads and short.
     */
    <R> R runProcedure(Function<Transaction, R> body);

    /** True when this node may accept writes (it is the Raft leader and has applied its term's first entry). */
    boolean isLeader();

    /** The SQL address (host:port) of the current leader, or null when unknown. */
    String leaderAddress();

    /** The 25006 error for a write attempted on a follower: it names the leader's SQL address. */
    default DbException notLeaderError(String what) {
        String leader = leaderAddress();
        String where = leader == null ? "no leader is known yet; retry shortly" : "the leader is at " + leader;
        return new DbException(SqlState.READ_ONLY_SQL_TRANSACTION,
                "cannot execute " + what + " on this node: it is not the leader; " + where, null,
                leader == null ? null : "connect to " + leader, 0, null);
    }

    /** Wakes callers waiting for commits to given tables (long-polling procedures). */
    CommitWatch commitWatch();

    /** Registers the receiver of NOTIFYs applied from the log. */
    void setNotificationSink(NotificationSink sink);

    @FunctionalInterface
    interface NotificationSink {
        void deliver(int senderProcessId, String channel, String payload);
    }
}
