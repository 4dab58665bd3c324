package io.tableos.db.sql.func;

/**
 * One session's advisory locks (pg_advisory_lock and friends): exclusive and re-entrant.
 * A session-level hold lasts until unlocked as often as locked or until the session ends; a
 * transaction-level hold (pg_advisory_xact_lock) until the session's transaction ends, and
 * cannot be unlocked before. Both kinds of hold of one key by one session are one lock to
 * other sessions. Keys of the one-bigint and the two-integer functions are separate spaces,
 * as in PostgreSQL.
 */
public interface AdvisoryLocks {
    /**
     * Takes the lock at session level, or at transaction level when {@code forTransaction};
     * if another session holds it, waits when {@code wait} (calling {@code checkInterrupts}
     * while waiting, which throws on cancel or statement timeout) or returns false.
     */
    boolean lock(boolean pairKey, long key, boolean forTransaction, boolean wait, Runnable checkInterrupts);

    /** Releases one session-level hold; false when this session holds none of the lock. */
    boolean unlock(boolean pairKey, long key);

    /** Releases every session-level hold (pg_advisory_unlock_all); transaction-level ones stay. */
    void unlockAll();

    /** The session's transaction ended (committed or rolled back): releases its transaction-level holds. */
    void releaseTransactionLocks();
}
