package io.tableos.db.replication;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Ratis state machine: hands committed entries to {@link ReplicatedLog} in log order
 * and keeps snapshots with {@link Storage#beginSnapshot}/{@link Storage#loadSnapshot} in
 * Ratis' single-file layout ({@code sm/snapshot.<term>_<index>} plus its MD5), so Ratis
 * can also ship them to lagging followers.
 *
 * <p>Snapshots are written in the background ({@link SnapshotTaker}): {@link #takeSnapshot}
 * returns the index of the latest completed one, whose file, MD5 and directory are fsynced,
 * because Ratis purges the log up to the returned index. Explicit snapshots
 * ({@link RaftNode#takeSnapshot}) and the one at stop are written before takeSnapshot returns.
 *
 * <p>Invariant: the last applied index is advanced only after the entry's effects are in storage.
 * An entry that fails to apply stops the node ({@link ApplyFailure}).
 */
final class TableStateMachine extends BaseStateMachine {
    private final SnapshotFiles snapshotStorage = new SnapshotFiles();
    private final Storage storage;
    private final Catalog catalog;
    private final ReplicatedLog log;
    private final SnapshotTaker snapshots;
    /** Explicit snapshot requests in flight: while any is, takeSnapshot writes before it returns. */
    private final AtomicInteger explicitSnapshotRequests = new AtomicInteger();
    /** Set before the server closes, so the snapshot at stop is written before takeSnapshot returns. */
    private volatile boolean stopping;
    private volatile String selfId;
    private volatile LeaderReadinessWatch readinessWatch;
    private final ApplyFailure applyFailure;

    TableStateMachine(Storage storage, Catalog catalog, ReplicatedLog log, ApplyFailure applyFailure) {
        this.storage = storage;
        this.catalog = catalog;
        this.log = log;
        this.applyFailure = applyFailure;
        this.snapshots = new SnapshotTaker(storage, catalog, snapshotStorage);
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        selfId = server.getId().toString();
        readinessWatch = new LeaderReadinessWatch(() -> {
            try {
                return server.getDivision(groupId);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        snapshotStorage.init(raftStorage);
        getLifeCycle().transition(LifeCycle.State.STARTING);
        loadLatestSnapshot();
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    /**
     * Ratis pauses the state machine before it publishes a snapshot received from the leader
     * and asserts PAUSED before calling {@link #reinitialize()}; applies stop meanwhile.
     */
    @Override
    public void pause() {
        snapshots.cancel(); // storage is about to be replaced by the leader's snapshot
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** Called after a snapshot from the leader was installed: storage is replaced by it. */
    @Override
    public void reinitialize() throws IOException {
        snapshots.cancel();
        loadLatestSnapshot();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = snapshotStorage.loadLatestSnapshot();
        if (snapshot == null) return;
        Path file = snapshot.getFile().getPath();
        if (snapshot.hasMd5()) MD5FileUtil.verifySavedMD5(file.toFile(), snapshot.getFile().getFileDigest());
        storage.loadSnapshot(catalog, file);
        setLastAppliedTermIndex(snapshot.getTermIndex());
        log.stateReloaded();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshotStorage;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        try {
            log.apply(entry.getTerm(), entry.getIndex(),
                    entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        } catch (Throwable failure) { // storage may be half-changed: nothing may run on it any more
            applyFailure.stopNode(entry.getTerm(), entry.getIndex(), failure);
            return CompletableFuture.failedFuture(failure);
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /**
     * The read barrier ({@link RaftNode#readBarrier}) is a read request with an empty message:
     * Ratis calls this once the applied index reached the read index. Reads themselves go to
     * storage directly, so there is nothing to answer.
     */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /**
     * Runs on the apply thread, so storage is exactly the state at the last applied index.
     * Automatic snapshots return the latest completed snapshot's index (-1: none) and start a
     * background write at most one at a time; explicit ones and the one at stop return only
     * once a snapshot of the applied state is durable. While the log above wants no snapshot
     * ({@link ReplicatedLog#snapshotAllowed}: staged chunks pending), every kind returns the
     * latest completed snapshot's index and writes nothing; the next trigger tries again.
     */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) return RaftLog_INVALID_INDEX;
        if (!log.snapshotAllowed()) return snapshots.latestCompleted();
        if (stopping || explicitSnapshotRequests.get() > 0) return snapshots.takeNow(last);
        return snapshots.takeInBackground(last);
    }

    private static final long RaftLog_INVALID_INDEX = -1;

    /** {@link RaftNode#takeSnapshot} brackets its request with this and {@link #explicitSnapshotEnded()}. */
    void explicitSnapshotStarting() {
        explicitSnapshotRequests.incrementAndGet();
    }

    void explicitSnapshotEnded() {
        explicitSnapshotRequests.decrementAndGet();
    }

    /** {@link RaftNode#close()} calls this before closing the server (which may snapshot at stop). */
    void stopping() {
        stopping = true;
    }

    /** True while a background snapshot write runs (for tests and metrics). */
    boolean snapshotWriting() {
        return snapshots.writing();
    }

    @Override
    public void close() throws IOException {
        if (readinessWatch != null) readinessWatch.close();
        snapshots.close();
        super.close();
    }

    @Override
    public void notifyLeaderReady() {
        getServer().thenAccept(server -> {
            try {
                log.leaderReady(server.getDivision(getGroupId()).getInfo().getCurrentTerm());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        String leader = newLeaderId == null ? null : newLeaderId.toString();
        if (leader != null && leader.equals(selfId)) readinessWatch.elected();
        else log.leaderChanged(leader);
    }
}
