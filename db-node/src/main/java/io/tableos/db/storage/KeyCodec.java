package io.tableos.db.storage;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import java.util.List;

/**
 * Order-preserving, prefix-free encoding of key tuples: for values of the same types,
 * {@code compare(encode(a), encode(b))} under {@link KeyOrder} equals SQL comparison of a
 * and b column by column (NULL sorts last ascending, first descending, as PostgreSQL's
 * default), and the encoding of a prefix of the columns is a byte prefix of the whole.
 * Values must already be of the column's type (the executor casts before encoding).
 */
public final class KeyCodec {
    private KeyCodec() {}

    /** Encodes {@code values} (which may be fewer than {@code types}: a prefix). {@code descending} may be null. */
    public static byte[] encode(Object[] values, List<DataType> types, boolean[] descending) {
        throw new UnsupportedOperationException("KeyCodec.encode: storage layer in progress");
    }

    public static Object[] decode(byte[] key, List<DataType> types, boolean[] descending) {
        throw new UnsupportedOperationException("KeyCodec.decode: storage layer in progress");
    }

    /** The primary key of a full row of {@code table} (for a hidden key, pass the row id as {@code hiddenRowId}). */
    public static byte[] primaryKey(TableDef table, Object[] row, long hiddenRowId) {
        throw new UnsupportedOperationException("KeyCodec.primaryKey: storage layer in progress");
    }
}
