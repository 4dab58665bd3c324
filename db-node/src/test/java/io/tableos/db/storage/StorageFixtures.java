package io.tableos.db.storage;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import java.util.List;

/** Tables the storage tests share: {@code items(id int8 pk, a int4, b text)} with optional indexes. */
final class StorageFixtures {
    private StorageFixtures() {}

    static final long TABLE_ID = 100;

    static StorageConfig config() {
        // Partial predicate "a > 0" stands in for the SQL layer's compiler.
        return new StorageConfig(1024, 1000, (table, sql) -> row -> row[1] != null && (Integer) row[1] > 0);
    }

    static List<ColumnDef> columns() {
        return List.of(new ColumnDef("id", DataType.INT8, true, null), new ColumnDef("a", DataType.INT4, false, null),
                new ColumnDef("b", DataType.TEXT, false, null));
    }

    static TableDef items(IndexDef... indexes) {
        return new TableDef(TABLE_ID, "public", "items", columns(), List.of(0), "items_pkey", List.of(indexes), 0);
    }

    static IndexDef index(long id, String name, List<Integer> columns, List<Boolean> descending, boolean unique, String predicate) {
        return new IndexDef(id, name, TABLE_ID, columns, descending, unique, predicate, false);
    }

    static byte[] pk(long id) {
        return KeyCodec.encode(new Object[] {id}, List.of(DataType.INT8), null);
    }

    static void put(TableStore store, long id, Integer a, String b) {
        Object[] row = {id, a, b};
        store.put(KeyCodec.primaryKey(store.def(), row, 0), RowCodec.encode(store.def(), row));
    }

    static long idOf(byte[] primaryKey) {
        return (Long) KeyCodec.decode(primaryKey, List.of(DataType.INT8), null)[0];
    }
}
