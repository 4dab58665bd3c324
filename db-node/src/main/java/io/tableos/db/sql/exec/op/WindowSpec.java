package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.types.DataType;
import java.util.List;

/**
 * One window function call: the function, its arguments, PARTITION BY and ORDER BY, and the
 * frame its aggregate sees: an explicit {@link WindowFrame}, or (null) PostgreSQL's default
 * (with ORDER BY: from the partition start to the current row's last peer; without: the whole
 * partition). Non-aggregate window functions ignore frames, as in PostgreSQL.
 *
 * @param function row_number, rank, dense_rank, lag, lead, ntile, first_value, last_value, nth_value, or an aggregate name
 * @param filter an aggregate's FILTER condition (rows where it is not true are not aggregated), or null
 */
public record WindowSpec(String function, List<Expr> args, List<Expr> partitionBy, List<SortKey> orderBy, Expr filter,
                         WindowFrame frame, DataType type) {}
