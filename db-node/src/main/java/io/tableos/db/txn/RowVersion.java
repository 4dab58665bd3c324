package io.tableos.db.txn;

/**
 * One replaced version of a row: the row as it was before the commit numbered
 * {@code sequence} changed it (null: the row did not exist). Chains run newest first; a
 * snapshot taken at sequence S reads, from the oldest version newer than S, its {@link #row()}.
 * Only the apply thread links and cuts chains; readers follow {@link #older}.
 *
 * <p>The row is on the heap ({@code inHeap}) or, when large, in a {@link VersionSpill} segment
 * ({@code spilled}); exactly one of them is set when the row existed.
 */
final class RowVersion {
    final long sequence;
    private final byte[] inHeap;
    private final VersionSpill.Spilled spilled;
    volatile RowVersion older;

    RowVersion(long sequence, byte[] inHeap, VersionSpill.Spilled spilled, RowVersion older) {
        this.sequence = sequence;
        this.inHeap = inHeap;
        this.spilled = spilled;
        this.older = older;
    }

    /** The row (a copy read from its segment when spilled), or null when it did not exist. */
    byte[] row() {
        return spilled != null ? spilled.read() : inHeap;
    }
}
