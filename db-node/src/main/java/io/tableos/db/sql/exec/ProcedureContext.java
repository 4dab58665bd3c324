package io.tableos.db.sql.exec;

import io.tableos.db.txn.Transaction;
import java.util.List;

/**
 * What a procedure body may do: run SQL in the procedure's transaction. Parameters are
 * Java values ($1..$n, typed by their Java class); rows come back in the Java
 * representation of their types.
 */
public interface ProcedureContext {
    List<Object[]> query(String sql, Object... params);

    /** Runs INSERT/UPDATE/DELETE (or any statement) and returns the number of rows affected. */
    long update(String sql, Object... params);

    Transaction transaction();
}
