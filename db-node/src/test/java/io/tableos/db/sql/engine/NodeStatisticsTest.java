package io.tableos.db.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ANALYZE's distinct-count estimate from a sample (Haas-Stokes), on samples of known tables. */
class NodeStatisticsTest {

    private static Object[][] sample(int rows, java.util.function.IntFunction<Object> value) {
        Object[][] out = new Object[rows][];
        for (int i = 0; i < rows; i++) out[i] = new Object[] {value.apply(i)};
        return out;
    }

    @Test
    void wholeTableSampledIsExact() {
        assertEquals(7, NodeStatistics.estimateDistinct(sample(700, i -> i % 7), 700, 0, 700));
        assertEquals(0, NodeStatistics.estimateDistinct(sample(10, i -> null), 10, 0, 10));
    }

    @Test
    void fewValuesSeenOftenStayFew() {
        // 4 states in a 30,000-row sample of a million rows: every value seen many times
        assertEquals(4, NodeStatistics.estimateDistinct(sample(30_000, i -> "s" + i % 4), 30_000, 0, 1_000_000));
    }

    @Test
    void allDistinctSampleScalesToTheTable() {
        // a key column: every sampled value seen once, so the estimate is the table's row count
        long estimate = NodeStatistics.estimateDistinct(sample(30_000, i -> (long) i), 30_000, 0, 1_000_000);
        assertEquals(1_000_000, estimate);
        // half the values repeat: somewhere between what the sample shows and the row count
        long mixed = NodeStatistics.estimateDistinct(sample(30_000, i -> i < 15_000 ? (Object) (long) i : "dup" + i % 100), 30_000, 0, 1_000_000);
        assertTrue(mixed > 15_100 && mixed < 1_000_000, Long.toString(mixed));
    }
}
