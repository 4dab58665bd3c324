package io.tableos.db.storage;

/**
 * Sizing of {@link ChronicleStorage}.
 *
 * @param expectedRowsPerTable rows each table's Chronicle Map is sized for at creation; it
 *                             grows past this by {@link #growthFactorMax} (Chronicle's
 *                             maxBloatFactor), so it is a starting size, not a limit
 * @param growthFactorMax      how many times {@code expectedRowsPerTable} a table may reach
 * @param predicateCompiler    compiles partial-index predicates; null treats every
 *                             predicate as true (all rows indexed)
 * @param fault                a test's injected failure ({@link StorageFault#NONE} in production)
 */
public record StorageConfig(long expectedRowsPerTable, int growthFactorMax, RowPredicateCompiler predicateCompiler,
                            StorageFault fault) {
    /** 64 Ki rows x 1000 = 65 M rows per table before a map is full; about 3 MB off heap per empty table. */
    public static final long DEFAULT_EXPECTED_ROWS_PER_TABLE = 1 << 16;
    public static final int DEFAULT_GROWTH_FACTOR_MAX = 1000;

    public StorageConfig {
        if (expectedRowsPerTable < 16) throw new IllegalArgumentException("expectedRowsPerTable must be >= 16");
        if (growthFactorMax < 1 || growthFactorMax > 1000) throw new IllegalArgumentException("growthFactorMax must be 1..1000");
        if (fault == null) throw new IllegalArgumentException("fault: use StorageFault.NONE");
    }

    public StorageConfig(long expectedRowsPerTable, int growthFactorMax, RowPredicateCompiler predicateCompiler) {
        this(expectedRowsPerTable, growthFactorMax, predicateCompiler, StorageFault.NONE);
    }

    public StorageConfig withFault(StorageFault injected) {
        return new StorageConfig(expectedRowsPerTable, growthFactorMax, predicateCompiler, injected);
    }

    public static StorageConfig defaults(RowPredicateCompiler predicateCompiler) {
        return new StorageConfig(DEFAULT_EXPECTED_ROWS_PER_TABLE, DEFAULT_GROWTH_FACTOR_MAX, predicateCompiler);
    }
}
