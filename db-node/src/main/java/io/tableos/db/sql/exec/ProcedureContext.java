package io.tableos.db.sql.exec;

import io.tableos.db.txn.Transaction;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a procedure body may do: run SQL in the procedure's transaction. Parameters are
 * Java values ($1..$n, typed by their Java class); rows come back in the Java
 * representation of their types.
 *
 * <p>Determinism: a body runs once, on the leader, and only its writes replicate; still, it
 * takes time only from {@link #now()} (read once per call, so every row one call writes
 * carries the same instant) and ids from sequences or tables, so that what it wrote is a
 * function of the state it read and that instant.
 */
public interface ProcedureContext {
    List<Object[]> query(String sql, Object... params);

    /** Runs INSERT/UPDATE/DELETE (or any statement) and returns the number of rows affected. */
    long update(String sql, Object... params);

    Transaction transaction();

    /** The leader's clock when this call started (UTC, microsecond precision). */
    OffsetDateTime now();

    /**
     * The result of a long-polling call that found nothing: the caller runs the body again
     * once a commit wrote one of {@code qualifiedTables} ({@code schema.table}) or at
     * {@code wakeAt} (null: only on commit), until its wait argument runs out.
     */
    CommitWait waitForCommit(List<String> qualifiedTables, OffsetDateTime wakeAt);
}
