package io.tableos.db.storage;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    /** The columns the key and the predicate (when present) read from a row; the others are not decoded. */
    private final boolean[] needed;

    SecondaryIndex(TableDef table, IndexDef def, RowPredicateCompiler compiler, PackedKeySet entries) {
        this.table = table;
        this.def = def;
        this.entries = entries;
        this.predicate = def.predicateSql() == null || compiler == null ? null : compiler.compile(table, def.predicateSql());
        this.needed = neededColumns(table, def, predicate == null ? null : def.predicateSql());
    }

    /**
     * The key's columns, and every column whose name occurs in the predicate's text (a superset
     * of what the predicate reads, since it can name a column no other way; a name with a
     * double quote, which the text would spell doubled, makes it every column).
     */
    static boolean[] neededColumns(TableDef table, IndexDef def, String predicateSql) {
        boolean[] needed = new boolean[table.columns().size()];
        for (int ordinal : def.columns()) needed[ordinal] = true;
        if (predicateSql == null) return needed;
        String text = predicateSql.toLowerCase(Locale.ROOT);
        for (int i = 0; i < needed.length; i++) {
            String name = table.columns().get(i).name().toLowerCase(Locale.ROOT);
            if (text.contains(name) || name.indexOf('"') >= 0) needed[i] = true;
        }
        return needed;
    }

    /** The index key of an encoded row, or null when the predicate excludes the row. */
    byte[] keyOfEncodedRow(byte[] row) {
        return keyOfRow(RowCodec.decodeColumns(table, row, needed));
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

    /**
     * Writer only. Rebuilds the index from every row of {@code source} (bulk: collect, sort,
     * pack). For a unique index, fails with 23505 on two rows with equal non-null keys, and
     * then the index is left as it was.
     */
    void rebuildFrom(ChronicleTableStore source) {
        List<Pending> pending = new ArrayList<>((int) Math.min(source.rowCount(), Integer.MAX_VALUE - 8));
        try (KeyValueCursor c = source.scan(KeyRange.ALL, false)) {
            while (c.next()) {
                byte[] key = keyOfEncodedRow(c.value());
                if (key != null) pending.add(new Pending(entry(key, c.key()), key.length));
            }
        }
        pending.sort((a, b) -> KeyOrder.compare(a.entry, b.entry));
        byte[][] keys = new byte[pending.size()][];
        int[] splits = new int[pending.size()];
        for (int i = 0; i < keys.length; i++) {
            Pending p = pending.get(i);
            if (i > 0 && def.unique() && sameIndexKey(pending.get(i - 1), p) && constrains(Arrays.copyOf(p.entry, p.split))) {
                throw duplicate(Arrays.copyOf(p.entry, p.split));
            }
            keys[i] = p.entry;
            splits[i] = p.split;
        }
        entries.replaceWithSorted(keys, splits, keys.length);
    }

    private record Pending(byte[] entry, int split) {}

    private static boolean sameIndexKey(Pending a, Pending b) {
        return a.split == b.split && Arrays.equals(a.entry, 0, a.split, b.entry, 0, b.split);
    }

    /** 23505 as PostgreSQL words it for CREATE UNIQUE INDEX over duplicates. */
    DbException duplicate(byte[] indexKey) {
        List<DataType> types = new ArrayList<>();
        boolean[] descending = new boolean[def.columns().size()];
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < def.columns().size(); i++) {
            types.add(table.columns().get(def.columns().get(i)).type());
            descending[i] = def.descending().get(i);
            names.append(i == 0 ? "" : ", ").append(table.columns().get(def.columns().get(i)).name());
        }
        Object[] values = KeyCodec.decode(indexKey, types, descending);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) text.append(i == 0 ? "" : ", ").append(values[i]);
        return new DbException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + def.name() + "\"",
                "Key (" + names + ")=(" + text + ") is duplicated.", null, 0, null);
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
}

