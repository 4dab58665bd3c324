package io.tableos.db.storage;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * One ordered secondary index of a table: entries {@code index key ++ primary key} in a
 * {@link PackedKeySet}, each remembering where the index key ends. Keys of rows a partial
 * index's predicate rejects are absent.
 */
final class SecondaryIndex {
    /** As PostgreSQL's btree limit (about a third of a page), with room to spare. */
    static final int INDEX_KEY_BYTES_MAX = 8192;

    final IndexDef def;
    final PackedKeySet entries;
    private final TableDef table;
    private final Predicate<Object[]> predicate;
    /** Ordinals the key (and the predicate, when present) need from a row. */
    private final boolean needsWholeRow;

    SecondaryIndex(TableDef table, IndexDef def, RowPredicateCompiler compiler, PackedKeySet entries) {
        this.table = table;
        this.def = def;
        this.entries = entries;
        this.predicate = def.predicateSql() == null || compiler == null ? null : compiler.compile(table, def.predicateSql());
        this.needsWholeRow = predicate != null;
    }

    /** The index key of an encoded row, or null when the predicate excludes the row. */
    byte[] keyOfEncodedRow(byte[] row) {
        Object[] values;
        if (needsWholeRow) {
            values = RowCodec.decode(table, row);
        } else {
            values = new Object[table.columns().size()];
            for (int ordinal : def.columns()) values[ordinal] = RowCodec.decodeColumn(table, row, ordinal);
        }
        return keyOfRow(values);
    }

    byte[] keyOfRow(Object[] values) {
        if (predicate != null && !predicate.test(values)) return null;
        byte[] key = KeyCodec.encodeColumns(table, def.columns(), def.descending(), values, null);
        if (key.length > INDEX_KEY_BYTES_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size " + key.length
                    + " exceeds maximum " + INDEX_KEY_BYTES_MAX + " for index \"" + def.name() + "\"");
        }
        return key;
    }

    static byte[] entry(byte[] indexKey, byte[] primaryKey) {
        byte[] entry = Arrays.copyOf(indexKey, indexKey.length + primaryKey.length);
        System.arraycopy(primaryKey, 0, entry, indexKey.length, primaryKey.length);
        return entry;
    }

    /** True when a unique index would count this key as conflicting: SQL NULLs never conflict. */
    boolean constrains(byte[] indexKey) {
        if (!def.unique()) return false;
        KeyReader in = new KeyReader(indexKey);
        for (int i = 0; i < def.columns().size(); i++) {
            in.mask = def.descending().get(i) ? 0xFF : 0;
            if (in.get() == KeyCodec.TAG_NULL) return false;
            KeyComponentCodec.read(in, table.columns().get(def.columns().get(i)).type());
        }
        return true;
    }

    /** Another row's primary key already indexed under {@code indexKey}, or null. */
    byte[] existingOwner(byte[] indexKey, byte[] exceptPrimaryKey) {
        byte[] found = entries.ceiling(indexKey);
        while (found != null && startsWith(found, indexKey)) {
            byte[] owner = Arrays.copyOfRange(found, indexKey.length, found.length);
            if (!Arrays.equals(owner, exceptPrimaryKey)) return owner;
            found = entries.ceiling(entry(found, new byte[] {0}));
        }
        return null;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}

