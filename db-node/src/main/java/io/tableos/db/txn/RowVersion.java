package io.tableos.db.txn;

/**
 * One replaced version of a row: the row as it was before the commit numbered
 * {@code sequence} changed it ({@code row} null: the row did not exist). Chains run newest
 * first; a snapshot taken at sequence S reads, from the oldest version newer than S, its
 * {@code row}. Only the apply thread links and cuts chains; readers follow {@link #older}.
 */
final class RowVersion {
    final long sequence;
    final byte[] row;
    volatile RowVersion older;

    RowVersion(long sequence, byte[] row, RowVersion older) {
        this.sequence = sequence;
        this.row = row;
        this.older = older;
    }
}
