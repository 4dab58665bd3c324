package io.tableos.db.sql.engine;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.constraint.DeferredChecks;
import io.tableos.db.sql.exec.constraint.TableConstraints;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.session.CopyIn;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.TextFormat;
import java.util.List;

/**
 * COPY ... FROM STDIN: parses records as chunks arrive ({@link CopyRecordReader}) and inserts
 * each row straight into the session's transaction — no SQL planning per row: fields are
 * parsed with TextFormat, missing columns take their DEFAULT, rows are encoded with storage's
 * codecs. Memory stays bounded by one record plus the transaction's write set.
 *
 * <p>Bulk loads: a transaction's write set is limited (the leader's memory, tableos.txn.maxbytes). When the COPY runs
 * outside a transaction block, or with the FREEZE option (pgbench -i sends it inside its
 * BEGIN ... COMMIT), the transaction commits every {@code copyCommitBytes} of rows and
 * continues in a new one, so a COPY of any size fits. A chunk's commit is not waited for until
 * the next chunk is parsed and inserted (one chunk in flight), so replication and apply overlap
 * the parsing. The price is atomicity: a failure
 * part-way leaves the chunks committed so far (and, with FREEZE in a block, what the block
 * wrote before the COPY), and the error's hint says how many rows stay. Without FREEZE inside
 * a block the COPY stays atomic (its rows ship as staged chunks at COMMIT) and fails with 54000
 * if it exceeds the write-set limit.
 */
final class CopyInImpl implements CopyIn {
    static final String BAD_COPY_FILE_FORMAT = "22P04";

    /** Per-row bytes of framing the write set adds beyond key and row. */
    private static final int ROW_OVERHEAD_BYTES = 32;

    private final SqlSessionImpl session;
    private final TableDef table;
    private final TableStore store;
    private final int[] targets;
    private final Expr[] defaults;
    private final boolean chunkedCommit;
    private final long commitBytes;
    private final CopyRecordReader reader;
    private final SequenceDef rowIds;
    /** Null when the table has no CHECK or FOREIGN KEY (and none references it). */
    private final TableConstraints constraints;
    /** Foreign-key checks of the rows since the last chunk commit; run before each commit and at the end. */
    private DeferredChecks work;
    private ExecContext defaultsContext;
    private long rows;
    /** Rows of this COPY already committed by chunk commits: a failure does not take them back, and says so. */
    private long rowsCommitted;
    private long bytesSinceCommit;
    /** The last chunk's commit, not yet known durable, and the row count it brings the committed rows to. */
    private Transaction.PendingCommit chunkInFlight;
    private long rowsInFlight;
    private boolean finished;

    CopyInImpl(SqlSessionImpl session, TableDef table, TableStore store, int[] targets, Expr[] defaults, CopyFormat format,
               boolean chunkedCommit, TableConstraints constraints) {
        this.constraints = constraints;
        this.session = session;
        this.table = table;
        this.store = store;
        this.targets = targets;
        this.defaults = defaults;
        this.chunkedCommit = chunkedCommit;
        this.commitBytes = session.engine.settings().copyCommitBytes();
        this.reader = new CopyRecordReader(format, session.engine.settings().copyLineBytesMax(), this::insert);
        this.rowIds = table.hasHiddenKey() ? session.engine.transactionManager().catalog().sequence(table.hiddenKeySequenceId()) : null;
        if (table.hasHiddenKey() && rowIds == null) throw new IllegalStateException("hidden key sequence missing for " + table.qualifiedName());
    }

    @Override
    public int columnCount() {
        return targets.length;
    }

    @Override
    public void data(byte[] chunk, int offset, int length) {
        if (finished) return;
        try {
            reader.data(chunk, offset, length);
        } catch (RuntimeException e) {
            finished = true;
            settleChunkInFlight();
            throw session.failed(sayingWhatStays(e));
        }
    }

    @Override
    public String done() {
        if (finished) throw new DbException(SqlState.IN_FAILED_SQL_TRANSACTION, "COPY already failed");
        try {
            reader.finish();
            finishConstraintChecks();
            awaitChunkInFlight();
        } catch (RuntimeException e) {
            settleChunkInFlight();
            throw session.failed(sayingWhatStays(e));
        } finally {
            finished = true;
        }
        return "COPY " + rows;
    }

    @Override
    public void fail(String reason) {
        if (finished) return;
        finished = true;
        session.transactionState.statementFailed();
    }

    /** At most one chunk in flight: memory stays bounded and {@link #rowsCommitted} exact. */
    private void awaitChunkInFlight() {
        Transaction.PendingCommit pending = chunkInFlight;
        if (pending == null) return;
        chunkInFlight = null;
        pending.await();
        rowsCommitted = rowsInFlight;
    }

    /** After a failure: learn whether the chunk in flight stays; its own error is not the one to report. */
    private void settleChunkInFlight() {
        try {
            awaitChunkInFlight();
        } catch (RuntimeException chunkFailed) {
            // Not committed: rowsCommitted stays at the chunks before it.
        }
    }

    /** A failure after chunk commits tells the client how many rows stay (PostgreSQL's COPY would leave none). */
    private RuntimeException sayingWhatStays(RuntimeException e) {
        if (rowsCommitted == 0 || !(e instanceof DbException db)) return e;
        String stays = "The first " + rowsCommitted + " rows of this COPY were committed before the error: a bulk COPY"
                + " commits every " + commitBytes + " bytes of rows. Delete them, or fix the data and load the rest.";
        return new DbException(db.sqlState(), db.getMessage(), db.detail(), db.hint() == null ? stays : db.hint() + "\n" + stays,
                0, db);
    }

    private Transaction transaction() {
        return session.transactionState.openTransaction();
    }

    private void insert(List<String> fields, long lineNumber) {
        if (fields.size() != targets.length) {
            String message = fields.size() < targets.length ? "missing data for column \"" + table.columns().get(targets[fields.size()]).name() + "\""
                    : "extra data after last expected column";
            throw new DbException(BAD_COPY_FILE_FORMAT, message, context(lineNumber, null), null, 0, null);
        }
        int width = table.columns().size();
        Object[] row = new Object[width];
        boolean[] given = new boolean[width];
        for (int i = 0; i < targets.length; i++) {
            int ordinal = targets[i];
            ColumnDef column = table.columns().get(ordinal);
            String text = fields.get(i);
            given[ordinal] = true;
            if (text == null) continue;
            try {
                row[ordinal] = Casts.cast(TextFormat.parse(text, column.type()), column.type());
            } catch (DbException e) {
                throw new DbException(e.sqlState(), e.getMessage(), context(lineNumber, column.name() + ": \"" + text + "\""), null, 0, e);
            }
        }
        for (int c = 0; c < width; c++) {
            if (!given[c] && defaults[c] != null) {
                row[c] = Casts.cast(defaults[c].eval(row, defaultsContext()), table.columns().get(c).type());
            }
            if (row[c] == null && (table.columns().get(c).notNull() || table.primaryKey().contains(c))) {
                throw new DbException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + table.columns().get(c).name()
                        + "\" of relation \"" + table.name() + "\" violates not-null constraint", context(lineNumber, null), null, 0, null);
            }
        }
        Transaction txn = transaction();
        if (constraints != null) checkRow(row);
        byte[] key = table.hasHiddenKey() ? KeyCodec.primaryKey(table, row, txn.nextval(rowIds)) : KeyCodec.primaryKey(table, row, 0);
        byte[] encoded = RowCodec.encode(table, row);
        try {
            txn.insert(store, key, encoded);
        } catch (DbException e) {
            throw new DbException(e.sqlState(), e.getMessage(), e.detail() != null ? e.detail() : context(lineNumber, null), null, 0, e);
        }
        if (constraints != null) constraints.inserted(work, row);
        rows++;
        session.checkInterrupts();
        bytesSinceCommit += key.length + encoded.length + ROW_OVERHEAD_BYTES;
        if (chunkedCommit && bytesSinceCommit >= commitBytes) {
            finishConstraintChecks();
            awaitChunkInFlight();
            chunkInFlight = session.transactionState.commitAndContinue();
            rowsInFlight = rows;
            defaultsContext = null;
            bytesSinceCommit = 0;
        }
    }

    private void checkRow(Object[] row) {
        if (work == null) work = constraints.startStatement();
        constraints.checkRow(defaultsContext(), row);
    }

    /** Runs the queued foreign-key checks (before a chunk commits and at the end of the COPY). */
    private void finishConstraintChecks() {
        if (work == null) return;
        work.finish(defaultsContext());
        work = null;
    }

    private ExecContext defaultsContext() {
        if (defaultsContext == null) defaultsContext = session.newContext(transaction(), new Object[0]);
        return defaultsContext;
    }

    private String context(long lineNumber, String column) {
        return "COPY " + table.name() + ", line " + lineNumber + (column == null ? "" : ", column " + column);
    }
}
