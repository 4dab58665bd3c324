package io.tableos.db.sql.func;

/**
 * One session's advisory locks (pg_advisory_lock and friends): exclusive, re-entrant, held
 * until unlocked as often as locked or until the session ends. Keys of the one-bigint and the
 * two-integer functions are separate spaces, as in PostgreSQL.
 */
public interface AdvisoryLocks {
    /**
     * Takes the lock; if another session holds it, waits when {@code wait} (calling
     * {@code checkInterrupts} while waiting, which throws on cancel or statement timeout)
     * or returns false.
     */
    boolean lock(boolean pairKey, long key, boolean wait, Runnable checkInterrupts);

    /** Releases one hold; false when this session does not hold the lock. */
    boolean unlock(boolean pairKey, long key);

    void unlockAll();
}
