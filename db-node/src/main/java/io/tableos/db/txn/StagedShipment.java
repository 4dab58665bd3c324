package io.tableos.db.txn;

import io.tableos.db.txn.log.LogEntry;
import io.tableos.db.txn.log.LogEntryCodec;
import io.tableos.db.txn.log.LogItem;
import io.tableos.db.txn.log.LogItem.TableWrites;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A large transaction's rows, shipped ahead of its commit as staged chunks ({@link StagedWrites}
 * on every replica), so its commit item is small and no entry has to hold the whole write set.
 *
 * <p>The committing session ships the chunks itself, before its commit request reaches the
 * sequencer, straight to Raft: they interleave with the sequencer's group-commit entries, so a
 * small commit waits behind at most {@link TransactionManagerConfig#STAGE_CHUNKS_IN_FLIGHT}
 * chunks, not the whole transaction. The transaction keeps its row locks meanwhile; validation
 * (conflict log, lock epoch) happens when the commit is sequenced, as for any commit.
 *
 * <p>Failures: a chunk that is not applied (leadership lost, timeout) fails the commit with
 * 40001 before anything is sequenced, so the client knows it did not commit and may retry, as
 * PostgreSQL's clients do for a serialization failure (PostgreSQL itself cancels a standby's
 * conflicting transactions with 40001 too). The session then sends a discard entry; should that
 * fail, replicas drop the stage when an entry of a later term arrives.
 *
 * @param stageId     this origin's name for the stage
 * @param chunkCount  chunks shipped, all applied on this node before the commit is requested
 * @param term        the Raft term they were shipped in
 * @param writes      the whole write set, for the conflict log and the pending layer
 */
record StagedShipment(long stageId, int chunkCount, long term, LogItem.TxnWrites writes) {
    private static final Logger LOG = LoggerFactory.getLogger(StagedShipment.class);

    static DbException leadershipChanged() {
        return new DbException(SqlState.SERIALIZATION_FAILURE,
                "could not serialize access: leadership changed while the transaction's rows were replicated;"
                        + " it did not commit, retry it");
    }

    /** Ships {@code writes}' rows in chunks and waits until every chunk is staged on this node. */
    static StagedShipment ship(TransactionManagerImpl manager, LogItem.TxnWrites writes) {
        Sequencer sequencer = manager.sequencer;
        long term = sequencer.leadingTerm();
        if (!sequencer.leading()) throw manager.notLeaderError("a commit");
        long stageId = sequencer.nextStageId();
        long started = System.nanoTime();
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        int chunks = 0;
        try {
            for (List<TableWrites> chunk : cut(writes.tables(), manager.config().stageBytesMin())) {
                byte[] entry = LogEntryCodec.encode(new LogEntry(sequencer.nonce(), 0, 0,
                        List.of(new LogItem.StageChunk(stageId, chunk))));
                inFlight.addLast(manager.raft.submit(entry));
                chunks++;
                if (inFlight.size() >= TransactionManagerConfig.STAGE_CHUNKS_IN_FLIGHT) await(manager, inFlight.pollFirst());
            }
            while (!inFlight.isEmpty()) await(manager, inFlight.pollFirst());
        } catch (RuntimeException | Error e) {
            // Not only DbException: a chunk not encoded (heap) must not leave the stage pending on
            // every replica, which would keep them from taking snapshots until the term ends.
            discard(manager, stageId);
            throw e;
        }
        LOG.info("stage {}: {} chunks shipped in {} ms", stageId, chunks, (System.nanoTime() - started) / 1_000_000);
        return new StagedShipment(stageId, chunks, term, writes);
    }

    /** Tells the replicas to drop a stage whose commit will not come; best effort (see the class comment). */
    static void discard(TransactionManagerImpl manager, long stageId) {
        manager.raft.submit(LogEntryCodec.encode(new LogEntry(manager.sequencer.nonce(), 0, 0,
                List.of(new LogItem.StageDiscard(stageId)))));
    }

    /**
     * Splits rows into chunks of at most {@code chunkBytes} encoded bytes (a larger row alone in
     * its chunk; a row fits an entry, {@link TransactionManagerConfig#rowBytesMax}), keeping each
     * table's order, its truncation on its first part.
     */
    static List<List<TableWrites>> cut(List<TableWrites> tables, int chunkBytes) {
        List<List<TableWrites>> chunks = new ArrayList<>();
        List<TableWrites> chunk = new ArrayList<>();
        long bytes = 0;
        for (TableWrites t : tables) {
            int from = 0;
            boolean truncate = t.truncate();
            int count = t.keys().size();
            for (int i = 0; i < count; i++) {
                byte[] row = t.rows().get(i);
                long size = t.keys().get(i).length + (row == null ? 0 : row.length) + ROW_FRAMING_BYTES;
                if (bytes > 0 && bytes + size > chunkBytes) {
                    if (i > from) {
                        chunk.add(part(t, truncate, from, i));
                        truncate = false;
                        from = i;
                    }
                    chunks.add(chunk);
                    chunk = new ArrayList<>();
                    bytes = 0;
                }
                bytes += size;
            }
            if (from < count || truncate) chunk.add(part(t, truncate, from, count));
        }
        if (!chunk.isEmpty()) chunks.add(chunk);
        return chunks;
    }

    /** Operation byte and two length varints, at most, per row in the log format. */
    private static final int ROW_FRAMING_BYTES = 12;

    private static TableWrites part(TableWrites t, boolean truncate, int from, int to) {
        return new TableWrites(t.tableId(), truncate, t.keys().subList(from, to), t.rows().subList(from, to));
    }

    private static void await(TransactionManagerImpl manager, CompletableFuture<Void> chunk) {
        try {
            chunk.get(manager.config().commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw leadershipChanged();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbException(SqlState.QUERY_CANCELED, "canceled while replicating the transaction's rows");
        }
    }
}
