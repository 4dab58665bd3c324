package io.tableos.db.storage;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.TableDef;
import java.io.IOException;
import java.nio.file.Path;

/**
 * All tables' rows and all sequences' values of one replica. Mutated only by the apply
 * thread; read by any thread.
 */
public interface Storage extends AutoCloseable {

    /** The store of a table, or null when the table does not exist. */
    TableStore table(long tableId);

    /** Creates the (empty) store of a new table. */
    TableStore createTable(TableDef def);

    /**
     * Replaces a table's definition: rewrites rows when columns were added (appending
     * {@code fillValues}), rebuilds indexes that were added or changed, drops removed ones.
     * Fails with 23505 (before changing anything) when a new unique index or primary key finds duplicates.
     */
    default TableStore alterTable(TableDef newDef, Object[] fillValues) {
        return alterTable(newDef, fillValues, java.util.List.of());
    }

    /**
     * {@link #alterTable(TableDef, Object[])} where {@code conversions} give columns whose type
     * changed their new values (every row is rewritten then). A row one cannot convert fails the
     * change with its DbException before anything changed.
     */
    TableStore alterTable(TableDef newDef, Object[] fillValues, java.util.List<ColumnConversion> conversions);

    /**
     * {@link #alterTable} with {@code conversions} (not empty), keeping the rows it replaces, as
     * they are, as the new table {@code kept}: its columns and key are the replaced definition's,
     * it has no indexes. What makes a retype inside a transaction block undoable ({@link #restoreKept}).
     */
    TableStore alterTableKeeping(TableDef newDef, java.util.List<ColumnConversion> conversions, TableDef kept);

    /**
     * Gives table {@code restored.id()} the rows of table {@code keptTableId} (which
     * {@link #alterTableKeeping} kept) under {@code restored}, its definition before that change,
     * with its indexes rebuilt; the kept table no longer exists.
     */
    TableStore restoreKept(TableDef restored, long keptTableId);

    void dropTable(long tableId);

    /** The last value a sequence handed out (or its start - increment when never used). */
    long sequenceValue(long sequenceId);

    void setSequenceValue(long sequenceId, long value);

    void dropSequence(long sequenceId);

    /**
     * Writes the catalog, every table and every sequence to {@code file} (atomically: a
     * temporary file, fsync, rename) and returns its size in bytes.
     */
    long writeSnapshot(Catalog catalog, Path file) throws IOException;

    /**
     * Apply thread only. Captures the catalog, rows and sequence values as they are now, for
     * a snapshot into {@code file} that {@link SnapshotCut#write()} writes later, on any
     * thread, while applies continue; the written file equals what {@link #writeSnapshot}
     * would have written now. At most one cut is open at a time. This default writes the
     * file at once (storages without background snapshots).
     */
    default SnapshotCut beginSnapshot(Catalog catalog, Path file) throws IOException {
        return SnapshotCut.written(writeSnapshot(catalog, file));
    }

    /** Rows whose before-image the open snapshot cut keeps (0 when none is open), for metrics. */
    default long snapshotBeforeImageCount() {
        return 0;
    }

    /** Replaces all state (this storage's and the catalog's) with a snapshot's. */
    void loadSnapshot(Catalog catalog, Path file) throws IOException;

    @Override
    void close();
}
