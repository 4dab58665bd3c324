package io.tableos.db.txn;

import io.tableos.db.replication.RaftNode;
import io.tableos.db.txn.log.LogEntryCodec;
import io.tableos.db.txn.log.LogItem;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's single ordered commit path. One thread takes commit requests, procedures
 * and DDL in arrival order, validates each commit against the {@link ConflictLog}, gives it
 * the next commit sequence, records its writes as pending, and appends it to the open
 * batch. A batch becomes one Raft entry as soon as fewer than {@code entriesInFlightMax}
 * entries are in flight, so everything validated while earlier entries replicate shares one
 * entry and one fsync (group commit). Waiters complete when the entry is applied locally
 * ({@link LogApplier}).
 *
 * <p>Early lock release: a transaction's row locks are released as soon as it is sequenced
 * (its writes are then in {@link PendingWrites} and the conflict log, and {@link #published()}
 * covers them), not when it is applied, so a hot row allows more than one commit per Raft
 * round trip. The next holder reads the row through the pending layer and is sequenced
 * after it. Should a sequenced item fail instead of committing, whatever read its writes must
 * fail too: every such failure bumps the {@link #epoch()} and the sequencer drains (defers new
 * requests until nothing is in flight, then drops the pending writes and renumbers from the
 * applied sequence, bumping the epoch again); a transaction that took a lock in an older
 * epoch fails with 40001. A failed Raft entry is either not in the log (Ratis rejects before
 * appending synchronously: {@link #submit} sees it before submitting anything else) or
 * appended, and then no later entry commits without it (log prefix).
 *
 * <p>Flat combining: requests go into the inbox, and whoever holds the {@link #combiner} lock
 * drains it. A committing session tries the lock itself and, when free, sequences its own
 * commit (and whatever else waits) on its own thread, submitting the entry to Raft directly:
 * a hand-off to another thread cost ~80 us of a ~0.8 ms commit on a busy 2-core host. Events
 * from Raft's threads (entry done, leadership) never drain inline (a procedure body must not
 * run on the apply thread): they wake the sequencer thread, which drains under the same
 * lock; only an applied entry is counted where it happens, submitting the next batch. A
 * holder re-checks the inbox after unlocking, so no request is left behind.
 *
 * <p>State below is guarded by the combiner lock; other threads talk to it through the inbox.
 */
final class Sequencer {

    /** Who waits for one item of a batch, and what to hand back. */
    record Completion(CompletableFuture<Object> future, LockTable.Owner owner, Object result) {}

    static final class Batch {
        final long id;
        final long firstSequence;
        final LogEntryCodec.Builder builder;
        final List<Completion> completions = new ArrayList<>();
        /** When it went to Raft (System.nanoTime), for {@link CommitTimings}. */
        long submittedNanos;

        Batch(long nonce, long id, long firstSequence) {
            this.id = id;
            this.firstSequence = firstSequence;
            this.builder = new LogEntryCodec.Builder(nonce, id, firstSequence, 4096);
        }
    }

    private record CommitRequest(SessionTransaction txn, CompletableFuture<Object> done) {}

    private record ProcedureRequest(Function<io.tableos.db.txn.Transaction, ?> body, CompletableFuture<Object> done) {}

    private record DdlRequest(io.tableos.db.txn.DdlOperation operation, long tableId, long layoutTableId,
                              CompletableFuture<Object> done) {}

    private record EntryDone(Batch batch, Throwable error) {}

    private record LeaderReady(long term) {}

    private record DrainCheck() {}

    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    private static final Object STEPPED_DOWN = new Object();
    private static final Object STOP = new Object();

    private final TransactionManagerImpl manager;
    private final RaftNode raft;
    private final TransactionManagerConfig config;
    private final long nonce = ThreadLocalRandom.current().nextLong();
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final ReentrantLock combiner = new ReentrantLock();
    /** Wakes the sequencer thread to drain the inbox. */
    private final Semaphore wakeups = new Semaphore(0);
    /** Submitted batches by id, until applied (completed by the apply thread) or failed. */
    final Map<Long, Batch> submitted = new ConcurrentHashMap<>();
    private final Thread thread;

    // ---- written under the combiner lock only ----
    private volatile boolean leading;
    /** Last sequence whose writes are in the pending layer and the conflict log (read by lock takers). */
    private volatile long published;
    /** Changes whenever sequenced-but-unapplied writes are dropped or may have failed. */
    private volatile long epoch = 1;
    /** The Raft term this node leads in (meaningful while {@link #leading}); a stage is committed only in its own. */
    private volatile long leadingTerm;
    private final AtomicLong nextStageId = new AtomicLong(1);

    // ---- sequencer thread only ----
    private long lastSequenced;
    /** True after a sequenced item failed, until nothing is in flight; requests wait in {@link #deferred}. */
    private boolean draining;
    private final ArrayDeque<Object> deferred = new ArrayDeque<>();
    private long nextBatchId = 1;
    private Batch open;
    private final ArrayDeque<Batch> sealed = new ArrayDeque<>();
    private int inFlight;
    /** STOP was handled (under the lock): later requests are refused. */
    private boolean stopped;
    /**
     * Set before STOP is queued, and what ends the sequencer thread's loop: {@link #stopped}
     * alone could not, since a session may take STOP from the inbox and the thread, finding
     * the inbox empty before that session set the flag, would wait for a wake-up that never comes.
     */
    private volatile boolean stopRequested;

    // ---- statistics ----
    final AtomicLong entriesSubmitted = new AtomicLong();
    final AtomicLong itemsSequenced = new AtomicLong();

    Sequencer(TransactionManagerImpl manager, RaftNode raft, TransactionManagerConfig config) {
        this.manager = manager;
        this.raft = raft;
        this.config = config;
        this.thread = new Thread(this::run, "tableos-sequencer");
        this.thread.setDaemon(true);
    }

    long nonce() {
        return nonce;
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopRequested = true;
        post(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once this node's sequencer has taken over as leader (and not stepped down since). */
    boolean leading() {
        return leading;
    }

    /** True inside a procedure body or any other work done while draining the inbox. */
    boolean holdsSequencerLock() {
        return combiner.isHeldByCurrentThread();
    }

    /** Sequences up to this one are visible through the pending layer or storage. */
    long published() {
        return published;
    }

    /** Read before reading pending writes; a commit from an older epoch fails (see class comment). */
    long epoch() {
        return epoch;
    }

    /** The term a stage shipped now belongs to; the commit fails (40001) if leadership changes before it. */
    long leadingTerm() {
        return leadingTerm;
    }

    /** Names a new stage of this origin. */
    long nextStageId() {
        return nextStageId.getAndIncrement();
    }

    // ---- requests from other threads ----

    CompletableFuture<Object> commit(SessionTransaction txn) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        drainHere(new CommitRequest(txn, done));
        return done;
    }

    CompletableFuture<Object> procedure(Function<io.tableos.db.txn.Transaction, ?> body) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        drainHere(new ProcedureRequest(body, done));
        return done;
    }

    CompletableFuture<Object> ddl(io.tableos.db.txn.DdlOperation operation, long tableId, long layoutTableId) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        drainHere(new DdlRequest(operation, tableId, layoutTableId, done));
        return done;
    }

    void leaderReady(long term) {
        post(new LeaderReady(term));
    }

    void steppedDown() {
        post(STEPPED_DOWN);
    }

    // ---- draining ----

    /** Queues a request and drains here when no one else is: the caller's thread does the work. */
    private void drainHere(Object request) {
        if (combiner.isHeldByCurrentThread()) {
            throw new IllegalStateException("a commit path request from inside a procedure would wait for itself");
        }
        inbox.add(request);
        // When the lock is taken, its holder sees the request: it re-checks the inbox after unlocking.
        while (!inbox.isEmpty() && combiner.tryLock()) {
            try {
                drainLocked();
            } finally {
                combiner.unlock();
            }
        }
    }

    /** Queues an event for the sequencer thread. */
    private void post(Object event) {
        inbox.add(event);
        wakeups.release();
    }

    private void run() {
        try {
            while (!stopRequested) {
                wakeups.acquire();
                wakeups.drainPermits();
                try {
                    drainAll();
                } catch (RuntimeException | AssertionError e) {
                    // A bug in handling one event must not end the thread: later events (a
                    // LeaderReady among them) would wait in the inbox forever, unwritable.
                    LOG.error("sequencer event failed", e);
                }
            }
            drainAll(); // STOP itself, unless a session drained it already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainAll() {
        while (!inbox.isEmpty()) {
            combiner.lock();
            try {
                drainLocked();
            } finally {
                combiner.unlock();
            }
        }
    }

    private void drainLocked() {
        manager.pending.prune(manager.applier.appliedSequence());
        for (Object event; (event = inbox.poll()) != null; ) {
            if (event == STOP) {
                stopped = true;
                failUnsubmitted(notLeader());
            } else if (stopped) {
                refuse(event);
            } else {
                handle(event);
            }
        }
        if (!stopped) submitReady();
    }

    /** After stop: requests fail at once instead of waiting for their commit timeout. */
    private void refuse(Object event) {
        if (event instanceof CommitRequest c) c.done().completeExceptionally(notLeader());
        else if (event instanceof ProcedureRequest p) p.done().completeExceptionally(notLeader());
        else if (event instanceof DdlRequest d) d.done().completeExceptionally(notLeader());
    }

    private void handle(Object event) {
        if (draining && (event instanceof CommitRequest || event instanceof ProcedureRequest
                || event instanceof DdlRequest)) {
            deferred.addLast(event);
            return;
        }
        if (event instanceof CommitRequest c) {
            handleCommit(c);
        } else if (event instanceof EntryDone d) {
            handleEntryDone(d);
        } else if (event instanceof ProcedureRequest p) {
            handleProcedure(p);
        } else if (event instanceof DdlRequest d) {
            handleDdl(d);
        } else if (event instanceof LeaderReady r) {
            LOG.info("leading in term {}: commits are sequenced here", r.term());
            failUnsubmitted(notLeader());
            leadingTerm = r.term();
            leading = true;
            restartNumbering();
            manager.counters.clear();
            endDrain();
        } else if (event == STEPPED_DOWN) {
            if (leading) LOG.info("stepped down from term {}", leadingTerm);
            leading = false;
            failUnsubmitted(notLeader());
            restartNumbering();
            manager.counters.clear();
            endDrain();
        } else if (event instanceof DrainCheck) {
            if (draining && inFlight == 0) {
                restartNumbering();
                endDrain();
            }
        } else {
            throw new IllegalStateException("unknown sequencer event " + event);
        }
    }

    private void handleCommit(CommitRequest request) {
        SessionTransaction txn = request.txn();
        if (!leading) {
            request.done().completeExceptionally(notLeader());
            return;
        }
        if (txn.lockEpoch != 0 && txn.lockEpoch != epoch) {
            request.done().completeExceptionally(new DbException(SqlState.SERIALIZATION_FAILURE,
                    "could not serialize access: a transaction whose writes this one read did not commit"));
            return;
        }
        String conflict = manager.conflicts.findConflict(txn.reads);
        if (conflict == null) conflict = txn.lockedRowConflict(lastProcedureWrite);
        if (conflict != null) {
            request.done().completeExceptionally(new DbException(SqlState.SERIALIZATION_FAILURE,
                    "could not serialize access due to concurrent update", conflict, null, 0, null));
            return;
        }
        StagedShipment staged = txn.staged;
        if (staged != null) {
            if (staged.term() != leadingTerm) {
                // Replicas drop stages of older terms, so this commit could not find its rows.
                request.done().completeExceptionally(StagedShipment.leadershipChanged());
                return;
            }
            LogItem.TxnWrites tail = new LogItem.TxnWrites(List.of(), staged.writes().sequences(),
                    staged.writes().notifications());
            sequence(new LogItem.StagedCommit(staged.stageId(), staged.chunkCount(), tail),
                    new Completion(request.done(), txn.owner, null), staged.writes());
            return;
        }
        LogItem.TxnWrites writes = txn.buffer.toLogItem();
        if (writes.isEmpty() && lastSequenced == manager.applier.appliedSequence()) {
            // Read-only (it locked rows): everything it read is applied, so committed.
            request.done().complete(null);
            return;
        }
        // Without writes it still waits for what it read to be applied (and so committed).
        sequence(writes, new Completion(request.done(), txn.owner, null), writes);
    }

    /**
     * The commit sequence of the newest procedure that wrote rows (procedures take no row locks:
     * see SessionTransaction#lockedRowConflict). Sequencer thread only.
     */
    private long lastProcedureWrite;

    private void handleProcedure(ProcedureRequest request) {
        if (!leading) {
            request.done().completeExceptionally(notLeader());
            return;
        }
        ProcedureTransaction view = new ProcedureTransaction(manager);
        Object result;
        try {
            result = request.body().apply(view);
        } catch (Throwable t) {
            request.done().completeExceptionally(t);
            return;
        } finally {
            view.close();
        }
        LogItem.TxnWrites writes = view.buffer.toLogItem();
        if (writes.isEmpty() && lastSequenced == manager.applier.appliedSequence()) {
            request.done().complete(result);
            return;
        }
        // Even without writes it waits for what it read to be applied (and so durable).
        long sequence = sequence(writes, new Completion(request.done(), null, result), writes);
        if (sequence > 0 && !writes.isEmpty()) lastProcedureWrite = sequence;
    }

    private void handleDdl(DdlRequest request) {
        if (!leading) {
            request.done().completeExceptionally(notLeader());
            return;
        }
        long sequence = sequence(new LogItem.Ddl(request.operation()), new Completion(request.done(), null, null), null);
        if (sequence > 0 && request.tableId() != 0) manager.conflicts.recordTableWrite(request.tableId(), sequence);
        if (sequence > 0 && request.layoutTableId() != 0) manager.conflicts.recordLayoutChange(request.layoutTableId(), sequence);
    }

    /**
     * Appends an item to the open batch; returns its commit sequence, or 0 when rejected.
     * {@code writes}: the rows it writes (a staged commit's are in its chunks, not in the item).
     */
    private long sequence(LogItem item, Completion completion, LogItem.TxnWrites writes) {
        Batch batch = openBatch();
        int position = batch.builder.position();
        batch.builder.add(item);
        if (tooBig(batch)) {
            batch.builder.removeLastItem(position);
            if (batch.completions.isEmpty()) {
                rejectTooLarge(completion);
                return 0;
            }
            sealed.addLast(batch);
            open = null;
            batch = openBatch();
            int first = batch.builder.position();
            batch.builder.add(item);
            if (tooBig(batch)) {
                batch.builder.removeLastItem(first);
                rejectTooLarge(completion);
                return 0;
            }
        }
        long sequence = ++lastSequenced;
        assert sequence == batch.firstSequence + batch.completions.size();
        batch.completions.add(completion);
        itemsSequenced.incrementAndGet();
        if (writes != null && !writes.tables().isEmpty()) {
            manager.conflicts.recordWrites(writes, sequence);
            manager.pending.add(writes, sequence);
        }
        published = sequence;
        // Early lock release: its writes are visible to the next holder through the pending layer.
        if (completion.owner() != null) manager.locks.releaseAll(completion.owner());
        return sequence;
    }

    private boolean tooBig(Batch batch) {
        return batch.builder.sizeBytes() > raft.config().entryBytesMax()
                || batch.builder.itemCount() > config.itemsPerEntryMax();
    }

    private static void rejectTooLarge(Completion completion) {
        if (completion.owner() != null) completion.future().completeExceptionally(new DbException(
                SqlState.PROGRAM_LIMIT_EXCEEDED, "transaction too large for one log entry"));
        else completion.future().completeExceptionally(new DbException(
                SqlState.PROGRAM_LIMIT_EXCEEDED, "procedure or DDL too large for one log entry"));
    }

    private Batch openBatch() {
        if (open == null) open = new Batch(nonce, nextBatchId++, lastSequenced + 1);
        return open;
    }

    private void submitReady() {
        while (!draining && inFlight < config.entriesInFlightMax()) {
            Batch next = sealed.pollFirst();
            if (next == null) {
                if (open == null || open.completions.isEmpty()) return;
                next = open;
                open = null;
            }
            submit(next);
        }
    }

    private void submit(Batch batch) {
        byte[] entry = batch.builder.finish();
        batch.submittedNanos = System.nanoTime(); // before the map publishes the batch to the apply thread
        submitted.put(batch.id, batch);
        inFlight++;
        entriesSubmitted.incrementAndGet();
        CompletableFuture<Void> result = raft.submit(entry);
        // Ratis rejects an entry it does not append (not leader, no room) before returning; one
        // appended completes later. Nothing more may go out after a rejected entry: later
        // batches may hold transactions that read its writes.
        if (result.isCompletedExceptionally()) startDrain();
        result.whenComplete((ignored, error) -> entryDone(batch, error));
    }

    /**
     * On a Raft thread: Ratis' apply thread, once the entry is applied (its waiters are woken
     * already). The common case is handled here under the lock when it is free: the entry is
     * counted out and whatever batch waits for its turn goes to Raft at once, instead of waking
     * the sequencer thread to do it, a hand-off per round that competed for a core with the
     * sessions the apply just woke. Submitting from here is safe: Ratis calls us after taking
     * the request out of its pending map, holding no lock that its append path takes. Failures
     * and a busy lock go to the sequencer thread as an event.
     */
    private void entryDone(Batch batch, Throwable error) {
        if (error == null && combiner.tryLock()) {
            try {
                inFlight--;
                if (draining) {
                    if (inFlight == 0) inbox.add(new DrainCheck());
                } else if (!stopped) {
                    submitReady();
                }
            } finally {
                combiner.unlock();
            }
            if (!inbox.isEmpty()) wakeups.release(); // what arrived while we held the lock (see drainHere)
            return;
        }
        post(new EntryDone(batch, error));
    }

    private void handleEntryDone(EntryDone done) {
        inFlight--;
        if (done.error() != null) {
            Batch batch = submitted.remove(done.batch().id);
            if (batch != null) { // else applied after all (completed there)
                Throwable cause = done.error().getCause() != null ? done.error().getCause() : done.error();
                fail(batch, new DbException(SqlState.TRANSACTION_RESOLUTION_UNKNOWN,
                        "the commit may or may not have happened: " + cause.getClass().getSimpleName(), cause));
                startDrain();
            }
        }
        if (draining && inFlight == 0) inbox.add(new DrainCheck());
    }

    /** A sequenced item failed: whatever read its writes must not commit (see class comment). */
    private void startDrain() {
        epoch++;
        if (draining) return;
        draining = true;
        failUnsubmitted(new DbException(SqlState.SERIALIZATION_FAILURE,
                "could not serialize access: an earlier commit failed; retry the transaction"));
        if (inFlight == 0) inbox.add(new DrainCheck());
    }

    /** Numbering restarts from storage: nothing sequenced is unapplied any more. */
    private void restartNumbering() {
        lastSequenced = manager.applier.appliedSequence();
        manager.pending.clear();
        published = lastSequenced;
        epoch++;
    }

    private void endDrain() {
        draining = false;
        for (Object request; (request = deferred.pollFirst()) != null; ) handle(request);
    }

    private void failUnsubmitted(DbException error) {
        if (open != null) {
            fail(open, error);
            open = null;
        }
        for (Batch b; (b = sealed.pollFirst()) != null; ) fail(b, error);
    }

    private void fail(Batch batch, DbException error) {
        epoch++;
        for (Completion c : batch.completions) {
            if (c.owner() != null) manager.locks.releaseAll(c.owner());
            c.future().completeExceptionally(error);
        }
    }

    DbException notLeader() {
        return manager.notLeaderError("a commit");
    }
}
