package io.tableos.db.replication;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.storage.Storage;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Ratis state machine: hands committed entries to {@link ReplicatedLog} in log order
 * and keeps snapshots with {@link Storage#writeSnapshot}/{@link Storage#loadSnapshot} in
 * Ratis' single-file layout ({@code sm/snapshot.<term>_<index>} plus its MD5), so Ratis
 * can also ship them to lagging followers.
 *
 * <p>Invariants: the snapshot file is durable (file and directory fsynced) before
 * {@link #takeSnapshot} returns, because Ratis purges the log up to its index afterwards;
 * the last applied index is advanced only after the entry's effects are in storage.
 */
final class TableStateMachine extends BaseStateMachine {
    private final SimpleStateMachineStorage snapshotStorage = new SimpleStateMachineStorage();
    private final Storage storage;
    private final Catalog catalog;
    private final ReplicatedLog log;
    private volatile String selfId;

    TableStateMachine(Storage storage, Catalog catalog, ReplicatedLog log) {
        this.storage = storage;
        this.catalog = catalog;
        this.log = log;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        selfId = server.getId().toString();
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
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** Called after a snapshot from the leader was installed: storage is replaced by it. */
    @Override
    public void reinitialize() throws IOException {
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
        log.apply(entry.getTerm(), entry.getIndex(),
                entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
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

    /** Runs on the apply thread, so storage is exactly the state at the last applied index. */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) return RaftLog_INVALID_INDEX;
        File file = snapshotStorage.getSnapshotFile(last.getTerm(), last.getIndex());
        storage.writeSnapshot(catalog, file.toPath());
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        syncDirectory(file.toPath().getParent());
        snapshotStorage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        return last.getIndex();
    }

    private static final long RaftLog_INVALID_INDEX = -1;

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
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
        if (leader == null || !leader.equals(selfId)) log.leaderChanged(leader);
    }
}
