package io.tableos.db.sql.engine;

import io.tableos.db.sql.func.AdvisoryLocks;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.Map;

/**
 * The node's advisory locks, shared by its sessions. Writes go to the leader, so a lock is
 * taken where the work it guards commits; a leader change ends every session and so every
 * lock. Each session holds at most {@link #PER_SESSION_MAX} distinct keys (53200 beyond), so
 * no client can grow the table without bound.
 */
final class AdvisoryLockTable {
    static final int PER_SESSION_MAX = 10_000;
    /** A waiter re-checks cancel and statement_timeout at least this often. */
    private static final long WAIT_SLICE_MILLIS = 50;

    private record Key(boolean pair, long value) {}

    private static final class Hold {
        final int session;
        /** Session-level holds. */
        int count;
        /** Transaction-level holds, all released when the holder's transaction ends. */
        int transactionCount;

        Hold(int session) {
            this.session = session;
        }
    }

    private final Map<Key, Hold> held = new HashMap<>();  // guarded by this
    private final Map<Integer, Integer> keysPerSession = new HashMap<>();  // guarded by this

    AdvisoryLocks forSession(int session) {
        return new AdvisoryLocks() {
            @Override
            public boolean lock(boolean pairKey, long key, boolean forTransaction, boolean wait, Runnable checkInterrupts) {
                return AdvisoryLockTable.this.lock(session, new Key(pairKey, key), forTransaction, wait, checkInterrupts);
            }

            @Override
            public boolean unlock(boolean pairKey, long key) {
                return AdvisoryLockTable.this.unlock(session, new Key(pairKey, key));
            }

            @Override
            public void unlockAll() {
                AdvisoryLockTable.this.release(session, false);
            }

            @Override
            public void releaseTransactionLocks() {
                AdvisoryLockTable.this.release(session, true);
            }
        };
    }

    /** Sessions waiting for an advisory lock now (pg_stat_activity). */
    private final java.util.Set<Integer> waiters = java.util.concurrent.ConcurrentHashMap.newKeySet();

    boolean isWaiting(int session) {
        return waiters.contains(session);
    }

    private synchronized boolean lock(int session, Key key, boolean forTransaction, boolean wait, Runnable checkInterrupts) {
        while (true) {
            Hold hold = held.get(key);
            if (hold == null) {
                int keys = keysPerSession.getOrDefault(session, 0);
                if (keys >= PER_SESSION_MAX) {
                    throw new DbException(SqlState.OUT_OF_MEMORY, "a session may hold at most " + PER_SESSION_MAX + " advisory locks");
                }
                hold = new Hold(session);
                held.put(key, hold);
                keysPerSession.put(session, keys + 1);
            }
            if (hold.session == session) {
                if (forTransaction) hold.transactionCount++;
                else hold.count++;
                return true;
            }
            if (!wait) return false;
            checkInterrupts.run();
            waiters.add(session);
            try {
                wait(WAIT_SLICE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            } finally {
                waiters.remove(session);
            }
        }
    }

    private synchronized boolean unlock(int session, Key key) {
        Hold hold = held.get(key);
        if (hold == null || hold.session != session || hold.count == 0) return false;
        hold.count--;
        if (hold.count == 0 && hold.transactionCount == 0) {
            held.remove(key);
            keysPerSession.merge(session, -1, (a, b) -> a + b == 0 ? null : a + b);
            notifyAll();
        }
        return true;
    }

    /** Drops the session's transaction-level holds, or its session-level ones; frees keys left with neither. */
    private synchronized void release(int session, boolean transactionLevel) {
        boolean freed = false;
        var holds = held.values().iterator();
        while (holds.hasNext()) {
            Hold hold = holds.next();
            if (hold.session != session) continue;
            if (transactionLevel) hold.transactionCount = 0;
            else hold.count = 0;
            if (hold.count == 0 && hold.transactionCount == 0) {
                holds.remove();
                keysPerSession.merge(session, -1, (a, b) -> a + b == 0 ? null : a + b);
                freed = true;
            }
        }
        if (freed) notifyAll();
    }
}
