package io.tableos.db.storage;

import io.tableos.db.catalog.TableDef;
import java.util.function.Predicate;

/**
 * Turns a partial index's WHERE text into a test on decoded rows. Implemented by the SQL
 * layer and handed to storage at start, so storage stays free of SQL.
 */
@FunctionalInterface
public interface RowPredicateCompiler {
    Predicate<Object[]> compile(TableDef table, String predicateSql);
}
