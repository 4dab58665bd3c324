package io.tableos.db.storage;

import io.tableos.db.catalog.TableDef;

/**
 * One table as a snapshot cut sees it: its definition, its primary keys frozen at the cut,
 * and the before-images of rows changed since. {@link #rows()} yields exactly the rows the
 * table held at the cut, read from the live store while the apply thread changes it.
 */
final class FrozenTable {
    final TableDef def;
    private final ChronicleTableStore store;
    private final PackedKeySet keysAtCut;
    final SnapshotBeforeImages beforeImages;

    FrozenTable(ChronicleTableStore store, PackedKeySet keysAtCut, SnapshotBeforeImages beforeImages) {
        this.def = store.def();
        this.store = store;
        this.keysAtCut = keysAtCut;
        this.beforeImages = beforeImages;
    }

    long rowCount() {
        return keysAtCut.size();
    }

    /** The rows at the cut in primary-key order. Writer thread. */
    KeyValueCursor rows() {
        PackedKeySet.Cursor keys = keysAtCut.cursor(null, false);
        return new KeyValueCursor() {
            private byte[] key;
            private byte[] value;

            @Override
            public boolean next() {
                if (!keys.next()) return false;
                key = keys.key();
                value = valueAtCut(key);
                return true;
            }

            @Override
            public byte[] key() {
                return key;
            }

            @Override
            public byte[] value() {
                return value;
            }
        };
    }

    /**
     * The value of a row present at the cut. Order matters: the live value first, then the
     * before-image. The apply thread saves a row's before-image (a ConcurrentHashMap put)
     * before its first change to the live row (a Chronicle Map write under the segment's
     * lock). If the live read returns a value written after the cut, or finds the row
     * deleted, that write happened before the read (the segment lock orders them), hence so
     * did the save, and the before-image lookup that follows sees it and wins. Reading the
     * before-images first would let a change landing between the two reads slip its new
     * value in. A live value with no before-image is still the cut's value.
     */
    private byte[] valueAtCut(byte[] key) {
        byte[] live = store.rows.get(key);
        byte[] atCut = beforeImages.valueAtCut(key);
        if (atCut != null) return atCut;
        if (live == null) {
            throw new IllegalStateException("row of table " + def.qualifiedName() + " deleted after the snapshot cut without a before-image");
        }
        return live;
    }
}
