package io.tableos.db.sql.exec;

import io.tableos.db.sql.session.ResultColumn;
import java.util.List;

/**
 * Runs one SQL statement inside an open transaction for server-side code (a PL/pgSQL body, a
 * trigger): plans come from the engine's cache, parameters are $1..$n typed by the given OIDs
 * (0: inferred), and a query's rows come back whole, bounded by {@link Limits#DML_ROWS_MAX}.
 */
public interface StatementRunner {

    /**
     * A statement's outcome: its result columns and rows (RETURNING's for DML), and the rows it processed. For a CALL,
     * {@code outputArguments} says which of its arguments each result column belongs to (see PlannedStatement.Call); else null.
     */
    record Outcome(List<ResultColumn> columns, List<Object[]> rows, long rowCount, int[] outputArguments) {
        public Outcome(List<ResultColumn> columns, List<Object[]> rows, long rowCount) {
            this(columns, rows, rowCount, null);
        }
    }

    Outcome run(String sql, int[] parameterOids, Object[] parameters);
}
