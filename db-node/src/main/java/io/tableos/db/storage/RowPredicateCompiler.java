package io.tableos.db.storage;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns a partial index's WHERE text into a test on decoded rows, and a column conversion's
 * expression into the new value of a decoded row. Implemented by the SQL layer and handed to
 * storage at start, so storage stays free of SQL.
 */
@FunctionalInterface
public interface RowPredicateCompiler {
    Predicate<Object[]> compile(TableDef table, String predicateSql);

    /**
     * {@code conversion}'s expression over rows of {@code table}, its value cast to {@code to}
     * under its TimeZone; the function fails with a DbException (22P02, 22001, ...) for a row it cannot convert.
     */
    default Function<Object[], Object> compileConversion(TableDef table, ColumnConversion conversion, DataType to) {
        // A DbException, not a fatal error: the change then fails alike on every replica.
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "this node converts no column values");
    }
}
