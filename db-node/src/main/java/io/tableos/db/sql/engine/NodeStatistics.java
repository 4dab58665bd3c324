package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Statistics;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TableStatistics;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.Storage;
import io.tableos.db.storage.TableStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's table statistics. Row counts are always the live count of the table's store
 * (cheap: the store keeps it); distinct counts per column come from the last ANALYZE, which
 * reads the committed rows once, keeps a uniform sample of at most {@link #SAMPLE_ROWS_MAX}
 * of them and estimates each column's distinct values from the sample as PostgreSQL does
 * (Haas and Stokes' estimator). Statistics are estimates and stay on this node: they are not
 * part of the replicated state, and a restart forgets them until the next ANALYZE.
 */
final class NodeStatistics implements Statistics {
    /** Rows ANALYZE keeps in memory per table (PostgreSQL samples 300 x default_statistics_target = 30,000). */
    static final int SAMPLE_ROWS_MAX = 30_000;

    private final Storage storage;
    /** Distinct counts by table id; a dropped table's entry is never read again (ids are not reused). */
    private final Map<Long, long[]> distinctByTable = new ConcurrentHashMap<>();

    NodeStatistics(Storage storage) {
        this.storage = storage;
    }

    @Override
    public TableStatistics of(TableDef table) {
        TableStore store = storage.table(table.id());
        long[] distinct = distinctByTable.get(table.id());
        if (distinct != null && distinct.length != table.columns().size()) distinct = null;
        if (store == null) return distinct == null ? TableStatistics.UNKNOWN : new TableStatistics(TableStatistics.UNKNOWN_ROW_COUNT, distinct);
        return new TableStatistics(store.rowCount(), distinct);
    }

    /** Samples the table's committed rows and records per-column distinct estimates. */
    void analyze(TableDef table, long seed) {
        TableStore store = storage.table(table.id());
        if (store == null) return;
        Object[][] sample = new Object[SAMPLE_ROWS_MAX][];
        Random random = new Random(seed);
        long seen = 0;
        int kept = 0;
        try (KeyValueCursor c = store.scan(KeyRange.ALL, false)) {
            while (c.next()) {
                seen++;
                if (kept < SAMPLE_ROWS_MAX) {
                    sample[kept++] = RowCodec.decode(table, c.value());
                } else {
                    long slot = (long) (random.nextDouble() * seen);
                    if (slot < SAMPLE_ROWS_MAX) sample[(int) slot] = RowCodec.decode(table, c.value());
                }
            }
        }
        long[] distinct = new long[table.columns().size()];
        for (int column = 0; column < distinct.length; column++) distinct[column] = estimateDistinct(sample, kept, column, seen);
        distinctByTable.put(table.id(), distinct);
    }

    /**
     * Haas-Stokes: D = n*d / (n - f1 + f1*n/N), where the sample of n non-null values holds d
     * distinct values, f1 of them seen once, out of N rows. A sample holding the whole table is exact.
     */
    static long estimateDistinct(Object[][] sample, int sampleRows, int column, long tableRows) {
        Map<Object, Integer> counts = new HashMap<>();
        int nonNull = 0;
        for (int i = 0; i < sampleRows; i++) {
            Object v = sample[i][column];
            if (v == null) continue;
            nonNull++;
            counts.merge(v instanceof byte[] b ? java.nio.ByteBuffer.wrap(b) : v, 1, Integer::sum);
        }
        long d = counts.size();
        if (d == 0 || sampleRows >= tableRows) return d;
        long f1 = counts.values().stream().filter(n -> n == 1).count();
        double n = nonNull;
        double estimate = n * d / (n - f1 + f1 * n / tableRows);
        return Math.max(d, Math.min(tableRows, Math.round(estimate)));
    }
}
