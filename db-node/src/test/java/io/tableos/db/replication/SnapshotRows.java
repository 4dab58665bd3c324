package io.tableos.db.replication;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** The table the replication snapshot tests use, {@code kv(id int8 primary key, v text)}, and its rows as a comparable map. */
final class SnapshotRows {
    private SnapshotRows() {}

    static final long TABLE_ID = 100;

    static TableDef table() {
        return new TableDef(TABLE_ID, "public", "kv", List.of(new ColumnDef("id", DataType.INT8, true, null),
                new ColumnDef("v", DataType.TEXT, false, null)), List.of(0), "kv_pkey", List.of(), 0);
    }

    static ChronicleStorage storage(Catalog catalog) {
        ChronicleStorage storage = new ChronicleStorage(new StorageConfig(1024, 1000, null), catalog);
        catalog.putTable(table());
        storage.createTable(table());
        return storage;
    }

    static byte[] key(long id) {
        return KeyCodec.encode(new Object[] {id}, List.of(DataType.INT8), null);
    }

    static void put(TableStore t, long id, String v) {
        t.put(key(id), RowCodec.encode(t.def(), new Object[] {id, v}));
    }

    static TreeMap<Long, List<Object>> rows(TableStore t) {
        TreeMap<Long, List<Object>> rows = new TreeMap<>();
        try (KeyValueCursor c = t.scan(KeyRange.ALL, false)) {
            while (c.next()) {
                Object[] row = RowCodec.decode(t.def(), c.value());
                rows.put((Long) row[0], Arrays.asList(row));
            }
        }
        return rows;
    }
}
