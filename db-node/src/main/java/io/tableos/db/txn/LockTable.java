package io.tableos.db.txn;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Exclusive row locks on the leader (primary keys, and unique index keys while inserting).
 * A lock is held until its transaction is sequenced (its writes are then readable through
 * the pending layer: see {@link Sequencer}) or ends, so whoever acquires it next reads the
 * latest state and commits after it.
 *
 * <p>Deadlocks are found when a waiter would close a cycle in the wait-for graph (each
 * transaction waits for at most one lock): the transaction about to wait fails with 40P01.
 * One monitor guards everything; waits are bounded by the lock timeout (55P03).
 */
final class LockTable {

    /** A lock holder: a session transaction. */
    static final class Owner {
        final Set<TableKey> held = new HashSet<>();
        final String name;
        /** True while this owner waits for a lock another holds (pg_stat_activity). */
        volatile boolean waiting;

        Owner(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A waiter checks for cancel and statement_timeout at least this often. */
    static final long WAIT_SLICE_MILLIS = 50;

    private final Map<TableKey, Owner> owners = new HashMap<>();
    private final Map<Owner, TableKey> waitingFor = new HashMap<>();

    /**
     * Acquires {@code key} for {@code owner}. Returns false when {@code skipLocked} and
     * another transaction holds it.
     *
     * @param waitNanos  how long to wait for a held lock; 0 fails at once with 55P03 (NOWAIT)
     * @param interrupts run at least every {@link #WAIT_SLICE_MILLIS} while waiting: throws to end the
     *                   wait (cancel, statement_timeout)
     */
    synchronized boolean acquire(Owner owner, TableKey key, boolean skipLocked, long waitNanos, Runnable interrupts) {
        long deadline = System.nanoTime() + waitNanos;
        while (true) {
            Owner holder = owners.get(key);
            if (holder == null) {
                owners.put(key, owner);
                owner.held.add(key);
                return true;
            }
            if (holder == owner) return true;
            if (skipLocked) return false;
            long remaining = deadline - System.nanoTime();
            if (waitNanos == 0) {
                throw new DbException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row");
            }
            if (remaining <= 0) {
                throw new DbException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
            }
            if (closesCycle(owner, holder)) {
                throw new DbException(SqlState.DEADLOCK_DETECTED, "deadlock detected",
                        "Transaction " + owner + " waits for " + holder + ", which waits for it.", null, 0, null);
            }
            interrupts.run();
            waitingFor.put(owner, key);
            owner.waiting = true;
            try {
                long millis = Math.max(1, Math.min(WAIT_SLICE_MILLIS, remaining / 1_000_000));
                wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            } finally {
                waitingFor.remove(owner);
                owner.waiting = false;
            }
        }
    }

    /** True when following who-waits-for-whom from {@code holder} leads back to {@code waiter}. */
    private boolean closesCycle(Owner waiter, Owner holder) {
        Owner current = holder;
        for (int steps = 0; current != null && steps <= waitingFor.size(); steps++) {
            if (current == waiter) return true;
            TableKey awaited = waitingFor.get(current);
            current = awaited == null ? null : owners.get(awaited);
        }
        return false;
    }

    synchronized boolean isHeldByOther(TableKey key, Owner owner) {
        Owner holder = owners.get(key);
        return holder != null && holder != owner;
    }

    synchronized void releaseAll(Owner owner) {
        if (owner.held.isEmpty()) return;
        for (TableKey key : owner.held) owners.remove(key, owner);
        owner.held.clear();
        notifyAll();
    }

    synchronized boolean isWaiting(Owner owner) {
        return waitingFor.containsKey(owner);
    }

    synchronized int size() {
        return owners.size();
    }
}
