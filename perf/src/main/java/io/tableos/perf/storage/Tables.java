package io.tableos.perf.storage;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import java.util.List;

/** The narrow table the storage benchmarks use: {@code (id bigint primary key, a int, b text)}. */
final class Tables {
    private Tables() {}

    static final long NARROW_ID = 1000;
    static final IndexDef NARROW_BY_A = new IndexDef(1001, "narrow_a", NARROW_ID, List.of(1), List.of(false), false, null, false);

    static TableDef narrow(IndexDef... indexes) {
        return new TableDef(NARROW_ID, "public", "narrow", List.of(
                new ColumnDef("id", DataType.INT8, true, null),
                new ColumnDef("a", DataType.INT4, false, null),
                new ColumnDef("b", DataType.TEXT, false, null)), List.of(0), "narrow_pkey", List.of(indexes), 0);
    }

    static Object[] narrowRow(long id) {
        return new Object[] {id, (int) (id * 31 % 100_000), "b-" + (100_000_000L + Math.floorMod(id, 100_000_000L))};
    }
}
