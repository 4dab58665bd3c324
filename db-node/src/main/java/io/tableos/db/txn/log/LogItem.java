package io.tableos.db.txn.log;

import io.tableos.db.txn.DdlOperation;
import java.util.List;

/** One element of a log entry; each consumes one commit sequence number when applied. */
public sealed interface LogItem {

    /**
     * The write set of one committed transaction (or procedure).
     *
     * @param tables         per table: truncation and row writes, in the order to apply
     * @param sequences      sequence values to persist
     * @param notifications  NOTIFYs to deliver after the writes are applied
     */
    record TxnWrites(List<TableWrites> tables, List<SequenceWrite> sequences, List<NotifyMessage> notifications)
            implements LogItem {
        public boolean isEmpty() {
            return tables.isEmpty() && sequences.isEmpty() && notifications.isEmpty();
        }
    }

    /** A catalog change. */
    record Ddl(DdlOperation operation) implements LogItem {}

    /**
     * Part of a large transaction's rows, shipped ahead of its commit: every replica keeps it
     * aside (not visible, not applied, no commit sequence) until the transaction's
     * {@link StagedCommit} installs it or the stage is discarded. Alone in its entry.
     *
     * @param stageId  the origin's stage counter; (origin nonce, stage id) names the stage
     * @param tables   rows in apply order; a table's truncation rides on its first chunk
     */
    record StageChunk(long stageId, List<TableWrites> tables) implements LogItem {}

    /** The origin gave up a stage (its commit failed before it was sequenced). Alone in its entry. */
    record StageDiscard(long stageId) implements LogItem {}

    /**
     * The commit of a transaction whose rows were staged: applies the stage's chunks in order,
     * then {@code tail}, all at this item's commit sequence.
     *
     * @param stageId     the stage, of this entry's origin
     * @param chunkCount  chunks the stage must hold; fewer (or no stage) fails the item on every replica alike
     * @param tail        the rest of the write set: sequences and notifications (its tables are empty)
     */
    record StagedCommit(long stageId, int chunkCount, TxnWrites tail) implements LogItem {}

    /**
     * Writes to one table. {@code rows.get(i) == null} deletes {@code keys.get(i)}; when
     * {@code truncate} the table is cleared before the row writes.
     */
    record TableWrites(long tableId, boolean truncate, List<byte[]> keys, List<byte[]> rows) {
        public TableWrites {
            if (keys.size() != rows.size()) throw new IllegalArgumentException("keys and rows differ in length");
        }
    }

    enum SequenceWriteKind {
        /** nextval handed out {@code value}: the stored value moves forward to it, never back. */
        ADVANCE,
        /** setval(value, true): the next nextval returns value + increment. */
        SET_CALLED,
        /** setval(value, false): the next nextval returns value. */
        SET_NOT_CALLED
    }

    record SequenceWrite(long sequenceId, SequenceWriteKind kind, long value) {}

    /** {@code senderProcessId}: the notifying session's backend PID on the node it ran on (0 in version-1 entries). */
    record NotifyMessage(int senderProcessId, String channel, String payload) {}
}
