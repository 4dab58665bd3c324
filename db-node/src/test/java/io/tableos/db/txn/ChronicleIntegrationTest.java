package io.tableos.db.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.storage.ChronicleStorage;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.StorageConfig;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit path over the real ChronicleStorage: unique index checks (NULLs never collide) and merged index scans. */
class ChronicleIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void uniqueIndexesAndIndexScansOverChronicle() throws Exception {
        Catalog catalog = new Catalog();
        ChronicleStorage storage = new ChronicleStorage(StorageConfig.defaults(null), catalog);
        TransactionManagerImpl tm = TestCluster.single(dir, storage, catalog);
        try {
            IndexDef email = new IndexDef(50_001, "users_email_key", 50_000, List.of(1), List.of(false), true, null, true);
            TableDef def = new TableDef(50_000, "public", "users",
                    List.of(new ColumnDef("id", DataType.INT8, true, null), new ColumnDef("email", DataType.TEXT, false, null)),
                    List.of(0), "users_pkey", List.of(email), 0);
            tm.applyDdl(new DdlOperation.CreateTable(def, List.of()));
            TableStore table = storage.table(def.id());
            insert(tm, table, def, 1, "a@x");
            insert(tm, table, def, 2, null);
            insert(tm, table, def, 3, null); // NULLs never collide
            DbException dup = assertThrows(DbException.class, () -> insert(tm, table, def, 4, "a@x"));
            assertEquals("23505", dup.sqlState());
            assertEquals(true, dup.getMessage().contains("users_email_key"), dup.getMessage());

            Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
            Object[] moved = {1L, "b@x"};
            t.update(table, KeyCodec.primaryKey(def, moved, 0), RowCodec.encode(def, moved));
            Object[] added = {5L, "a@x"}; // free again inside this transaction
            t.insert(table, KeyCodec.primaryKey(def, added, 0), RowCodec.encode(def, added));
            List<Long> ids = new ArrayList<>();
            try (KeyValueCursor c = t.indexScan(table, email, KeyRange.ALL, false)) {
                while (c.next()) ids.add((Long) KeyCodec.decode(c.value(), List.of(DataType.INT8), null)[0]);
            }
            assertEquals(List.of(5L, 1L, 2L, 3L), ids); // a@x, b@x, then NULLs last
            t.commit();
            assertEquals("b@x", RowCodec.decode(def, table.get(KeyCodec.primaryKey(def, moved, 0)))[1]);
        } finally {
            tm.close();
            storage.close();
        }
    }

    private static void insert(TransactionManagerImpl tm, TableStore table, TableDef def, long id, String email) {
        Object[] row = {id, email};
        Transaction t = tm.begin(Isolation.SERIALIZABLE, false);
        try {
            t.insert(table, KeyCodec.primaryKey(def, row, 0), RowCodec.encode(def, row));
            t.commit();
        } finally {
            if (!((AbstractTransaction) t).finished) t.rollback();
        }
    }
}
