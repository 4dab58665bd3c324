package io.tableos.db.txn;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.TableStore;

/**
 * A transaction as the executor uses it. Reads see this transaction's own writes over the
 * applied state and are recorded for validation; writes are buffered until {@link #commit()}.
 *
 * <p>Concurrency control (see txn/ARCHITECTURE.md): reads see a snapshot of committed state
 * (per statement under READ COMMITTED, per transaction above it; see {@link Isolation}).
 * Rows written by UPDATE/DELETE/INSERT and rows locked FOR UPDATE hold an exclusive row lock
 * on the leader until the holder is sequenced; {@link #lockRow} then returns the row's newest
 * version (READ COMMITTED re-checks it) or fails with 40001 when a snapshot-per-transaction
 * level finds it changed since its snapshot. SERIALIZABLE also validates its reads at commit.
 *
 * <p>Keys are encoded primary keys; rows are encoded rows (storage's codecs). Not
 * thread-safe: one session uses it.
 */
public interface Transaction {

    enum LockWait { WAIT, NOWAIT, SKIP_LOCKED }

    boolean readOnly();

    Isolation isolation();

    /** SET TRANSACTION ISOLATION LEVEL: only before the first query (25001 after it). */
    void setIsolation(Isolation level);

    /** Run while waiting for a row lock; throws to end the wait (the session's cancel and statement_timeout). */
    void setInterruptCheck(Runnable check);

    /** True while this transaction waits for a row lock another transaction holds. */
    boolean waitingForLock();

    /**
     * A statement starts: under READ COMMITTED its reads take a new snapshot. Returns the
     * statement's snapshot, for {@link #resumeStatement}.
     */
    long startStatement();

    /**
     * Rows of an earlier statement are pulled again (a portal fetched after later statements
     * ran): its reads go back to that statement's snapshot. A no-op above READ COMMITTED.
     */
    void resumeStatement(long statementSnapshot);

    /** The row as this transaction sees it, or null. */
    byte[] get(TableStore table, byte[] primaryKey);

    /** Rows in primary-key order within the range, merged with this transaction's writes. */
    KeyValueCursor scan(TableStore table, KeyRange range, boolean descending);

    /**
     * Index entries in index order within the range of index keys, merged with this
     * transaction's writes: key() is the index key, value() the primary key.
     */
    KeyValueCursor indexScan(TableStore table, IndexDef index, KeyRange range, boolean descending);

    /**
     * Locks a row exclusively until this transaction ends (FOR UPDATE; UPDATE and DELETE call
     * it for each row they change). Returns the row as it is now that the lock is held (null
     * when it no longer exists), or {@link #SKIPPED} when SKIP_LOCKED found it locked.
     * NOWAIT on a locked row fails with 55P03; WAIT waits (40P01 on deadlock, 55P03 on lock_timeout).
     */
    byte[] lockRow(TableStore table, byte[] primaryKey, LockWait wait);

    /**
     * While on, scans and index scans opened are not recorded in the read set. For the row
     * source of FOR UPDATE SKIP LOCKED only: PostgreSQL defines its result as an inconsistent
     * view, and the rows it does return are protected by their locks instead, so concurrent
     * queue claimers do not conflict with each other's commits.
     */
    void setSkipLockedScan(boolean on);

    /** Marker returned by {@link #lockRow} for a skipped row. */
    byte[] SKIPPED = new byte[0];

    /** Inserts a new row; 23505 when the primary key or a unique index key exists (or is being inserted concurrently and commits). */
    void insert(TableStore table, byte[] primaryKey, byte[] row);

    /** Replaces an existing row (locks it first if not locked); unique indexes are checked. */
    void update(TableStore table, byte[] primaryKey, byte[] newRow);

    /** Deletes a row (locks it first if not locked). */
    void delete(TableStore table, byte[] primaryKey);

    /** Removes every row of the table, as seen by this transaction from now on. */
    void truncate(TableStore table);

    /** True when this transaction has buffered rows (inserted, updated or deleted) of the table. */
    boolean hasRowWrites(long tableId);

    /** True when this transaction changes the table's rows at commit: buffered rows or a TRUNCATE. */
    boolean writesTable(long tableId);

    /** Next value of a sequence; not rolled back on abort, as in PostgreSQL. */
    long nextval(SequenceDef sequence);

    /** Sets a sequence's value (setval); {@code called} as in PostgreSQL. */
    void setval(SequenceDef sequence, long value, boolean called);

    /**
     * Queues a notification, delivered to listeners on every node when this transaction commits.
     * {@code senderProcessId}: the notifying session's backend PID, which listeners receive.
     */
    void notify(int senderProcessId, String channel, String payload);

    /** Marks a savepoint; returns its id. */
    int savepoint();

    /** Undoes writes made after the savepoint (the savepoint stays). */
    void rollbackToSavepoint(int savepointId);

    void releaseSavepoint(int savepointId);

    /**
     * Validates, replicates and applies; returns once the commit is durable on a majority
     * and applied locally. Throws 40001 on a conflict, 25006 on a follower.
     */
    void commit();

    /**
     * A commit sequenced but perhaps not yet durable: {@link #await} returns once it is applied
     * locally, or throws what {@link #commit()} would have.
     */
    interface PendingCommit {
        void await();
    }

    /**
     * Hands the transaction to the commit path (validation, sequencing, replication, apply) and
     * returns without waiting for it, so the caller can prepare the next transaction meanwhile
     * (bulk COPY commits one chunk while it parses the next). The write set stays locked until
     * the commit is applied, so a later transaction touching the same rows waits for it; a
     * conflict or any other failure is thrown by {@link PendingCommit#await}, which the caller
     * must call before it reports success. By default the commit is simply synchronous.
     */
    default PendingCommit commitPipelined() {
        commit();
        return () -> {};
    }

    void rollback();
}
