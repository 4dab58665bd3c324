package io.tableos.db.storage;

import static io.tableos.db.storage.StorageFixtures.index;
import static io.tableos.db.storage.StorageFixtures.items;
import static io.tableos.db.storage.StorageFixtures.pk;
import static io.tableos.db.storage.StorageFixtures.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Storage.alterTable: adding columns rewrites rows with the fill values, adding an index
 * builds it over existing rows, dropping one removes it, and a new unique index or primary
 * key that meets duplicates fails with 23505 leaving table and indexes untouched.
 */
class AlterTableTest {
    private final ChronicleStorage storage = new ChronicleStorage(StorageFixtures.config());

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void addColumnRewritesRowsWithFillValue() {
        IndexDef byA = index(201, "items_a", List.of(1), List.of(false), false, null);
        TableStore t = storage.createTable(items(byA));
        for (long id = 0; id < 100; id++) put(t, id, (int) id, "r" + id);
        List<ColumnDef> columns = new ArrayList<>(StorageFixtures.columns());
        columns.add(new ColumnDef("c", DataType.BOOL, true, "true"));
        TableDef wider = new TableDef(StorageFixtures.TABLE_ID, "public", "items", columns, List.of(0), "items_pkey", List.of(byA), 0);
        TableStore altered = storage.alterTable(wider, new Object[] {Boolean.TRUE});
        assertSame(altered, storage.table(StorageFixtures.TABLE_ID));
        assertEquals(100, altered.rowCount());
        assertArrayEquals(new Object[] {7L, 7, "r7", true}, RowCodec.decode(wider, altered.get(pk(7))));
        assertEquals(100, count(altered.indexScan(byA, KeyRange.ALL, false)));
    }

    @Test
    void addAndDropIndexes() {
        TableStore t = storage.createTable(items());
        for (long id = 0; id < 100; id++) put(t, id, (int) (id % 5), "r" + id);
        IndexDef byA = index(201, "items_a", List.of(1), List.of(false), false, "a > 0");
        TableStore indexed = storage.alterTable(items(byA), null);
        assertEquals(80, count(indexed.indexScan(byA, KeyRange.ALL, false)));
        put(indexed, 200, 3, "new");
        assertEquals(81, count(indexed.indexScan(byA, KeyRange.ALL, false)));
        TableStore dropped = storage.alterTable(items(), null);
        assertEquals(101, dropped.rowCount());
        assertThrows(IllegalArgumentException.class, () -> dropped.indexScan(byA, KeyRange.ALL, false));
    }

    @Test
    void duplicateForNewUniqueIndexFailsBeforeChangingAnything() {
        IndexDef byA = index(201, "items_a", List.of(1), List.of(false), false, null);
        TableStore t = storage.createTable(items(byA));
        for (long id = 0; id < 10; id++) put(t, id, (int) id, id == 9 ? "r1" : "r" + id);
        put(t, 10, 10, null);
        put(t, 11, 11, null); // NULLs never conflict
        IndexDef uniqueB = index(202, "items_b_key", List.of(2), List.of(false), true, null);
        DbException e = assertThrows(DbException.class, () -> storage.alterTable(items(byA, uniqueB), null));
        assertEquals(SqlState.UNIQUE_VIOLATION, e.sqlState());
        assertEquals("Key (b)=(r1) is duplicated.", e.detail());
        assertSame(t, storage.table(StorageFixtures.TABLE_ID));
        assertEquals(12, count(t.indexScan(byA, KeyRange.ALL, false)));

        t.delete(pk(9));
        TableStore ok = storage.alterTable(items(byA, uniqueB), null);
        assertEquals(11, count(ok.indexScan(uniqueB, KeyRange.ALL, false)), "9 distinct names and 2 NULLs");
    }

    @Test
    void newPrimaryKeyWithDuplicatesFails() {
        TableStore t = storage.createTable(items());
        for (long id = 0; id < 10; id++) put(t, id, 1, "r" + id);
        TableDef byA = new TableDef(StorageFixtures.TABLE_ID, "public", "items", StorageFixtures.columns(), List.of(1), "items_pkey", List.of(), 0);
        DbException e = assertThrows(DbException.class, () -> storage.alterTable(byA, null));
        assertEquals(SqlState.UNIQUE_VIOLATION, e.sqlState());
        assertSame(t, storage.table(StorageFixtures.TABLE_ID));
        assertEquals(10, t.rowCount());
    }

    private static long count(KeyValueCursor c) {
        long n = 0;
        while (c.next()) n++;
        return n;
    }
}
