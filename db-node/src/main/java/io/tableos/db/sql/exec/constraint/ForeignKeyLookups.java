package io.tableos.db.sql.exec.constraint;

import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Limits;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.KeyValueCursor;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finding the child rows that hold a parent key: through an index of the child whose
 * leading columns are the foreign-key columns (in any order), else through the child's
 * primary key when it starts with them, else by scanning the child (PostgreSQL does not
 * create an index for a foreign key either). Values are compared by their key encoding, so
 * 1.0 and 1.00 are the same key, as they are for the parent's unique index.
 */
final class ForeignKeyLookups {
    private ForeignKeyLookups() {}

    /** How the child rows of one foreign key are found. */
    record Access(IndexDef index, boolean primaryKeyPrefix) {
        static final Access SCAN = new Access(null, false);
    }

    /** The cheapest access to the child rows of {@code fk}; chosen at plan time. */
    static Access choose(TableDef child, ForeignKeyDef fk) {
        List<Integer> sorted = sorted(fk.columns());
        int k = sorted.size();
        if (child.primaryKey().size() >= k && sorted(child.primaryKey().subList(0, k)).equals(sorted)) return new Access(null, true);
        for (IndexDef index : child.indexes()) {
            if (index.predicateSql() == null && index.columns().size() >= k && sorted(index.columns().subList(0, k)).equals(sorted)) {
                return new Access(index, false);
            }
        }
        return Access.SCAN;
    }

    private static List<Integer> sorted(List<Integer> values) {
        List<Integer> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }

    /**
     * Primary keys of the child rows whose foreign-key columns equal {@code key} (values in
     * foreign-key column order, already of the child column types), as this transaction sees them.
     */
    static List<byte[]> childKeys(ExecContext ctx, TableStore store, ForeignKeyDef fk, Access access, Object[] key) {
        TableDef child = store.def();
        Object[] probe = new Object[child.columns().size()];
        for (int i = 0; i < key.length; i++) probe[fk.columns().get(i)] = key[i];
        byte[] wanted = KeyCodec.encodeColumns(child, fk.columns(), null, probe, null);
        List<byte[]> out = new ArrayList<>();
        if (access.index() != null) {
            IndexDef index = access.index();
            byte[] prefix = KeyCodec.encodeColumns(child, index.columns().subList(0, key.length), index.descending().subList(0, key.length), probe, null);
            try (KeyValueCursor c = ctx.transaction().indexScan(store, index, KeyRange.prefix(prefix), false)) {
                while (c.next()) add(ctx, out, c.value());
            }
            return out;
        }
        KeyRange range = KeyRange.ALL;
        if (access.primaryKeyPrefix()) range = KeyRange.prefix(KeyCodec.encodeColumns(child, child.primaryKey().subList(0, key.length), null, probe, null));
        try (KeyValueCursor c = ctx.transaction().scan(store, range, false)) {
            while (c.next()) {
                ctx.checkInterrupts();
                Object[] row = RowCodec.decode(child, c.value());
                if (Arrays.equals(KeyCodec.encodeColumns(child, fk.columns(), null, row, null), wanted)) add(ctx, out, c.key());
            }
        }
        return out;
    }

    private static void add(ExecContext ctx, List<byte[]> out, byte[] primaryKey) {
        ctx.checkInterrupts();
        Limits.check(out.size() + 1, Limits.DML_ROWS_MAX, "rows referencing one key");
        out.add(primaryKey);
    }

    /** True when the row still holds {@code key} in the foreign-key columns (it may have changed since it was found). */
    static boolean holdsKey(TableDef child, ForeignKeyDef fk, Object[] row, Object[] key) {
        for (int i = 0; i < key.length; i++) {
            int c = fk.columns().get(i);
            if (row[c] == null || !sameValue(child, c, row[c], key[i])) return false;
        }
        return true;
    }

    /** Equality as the key encoding sees it (NULL equals NULL here). */
    static boolean sameValue(TableDef table, int ordinal, Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a.equals(b)) return true;
        List<DataType> type = List.of(table.columns().get(ordinal).type());
        return Arrays.equals(KeyCodec.encode(new Object[] {a}, type, null), KeyCodec.encode(new Object[] {b}, type, null));
    }
}
