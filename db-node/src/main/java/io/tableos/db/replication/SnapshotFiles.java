package io.tableos.db.replication;

import java.io.IOException;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;

/**
 * Ratis's single-file snapshot layout ({@code sm/snapshot.<term>_<index>} plus MD5), whose
 * clean-up runs only when a newer snapshot has completed since the last clean-up.
 *
 * <p>Why: Ratis (3.3.0 StateMachineUpdater.takeSnapshot) cleans up old snapshots after
 * every {@code takeSnapshot} call, listing the directory and reading each MD5 file. While a
 * background write runs, {@code takeSnapshot} returns the older completed index, Ratis's
 * snapshot index does not advance, and it calls {@code takeSnapshot} again after every
 * batch of applied entries: without this, each batch would pay for a directory listing.
 */
final class SnapshotFiles extends SimpleStateMachineStorage {
    /**
     * Index of the latest completed snapshot, or -1: kept here because Ratis's
     * {@code getLatestSnapshot()} lists the directory every time while there is none.
     */
    private volatile long latestIndex = -1;
    /** Index of the latest snapshot when clean-up last ran; written by the apply thread only. */
    private long cleanedUpAtIndex = Long.MIN_VALUE;

    @Override
    public SingleFileSnapshotInfo updateLatestSnapshot(SingleFileSnapshotInfo info) {
        SingleFileSnapshotInfo latest = super.updateLatestSnapshot(info);
        if (latest != null) latestIndex = latest.getIndex();
        return latest;
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        long latest = latestIndex;
        if (latest == cleanedUpAtIndex) return;
        super.cleanupOldSnapshots(policy);
        cleanedUpAtIndex = latest;
    }

    /** Index of the latest completed (durable) snapshot, or -1 when there is none. */
    long latestIndex() {
        return latestIndex;
    }
}
