package io.tableos.db.storage;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * Order-preserving, prefix-free encoding of key tuples: for values of the same types,
 * {@code compare(encode(a), encode(b))} under {@link KeyOrder} equals SQL comparison of a
 * and b column by column (NULL sorts last ascending, first descending, as PostgreSQL's
 * default), and the encoding of a prefix of the columns is a byte prefix of the whole.
 * Values must already be of the column's type (the executor casts before encoding).
 *
 * <p>Each component is a tag byte, {@link #TAG_VALUE} followed by the value's bytes
 * ({@link KeyComponentCodec} lists the layouts) or {@link #TAG_NULL} alone; a DESC
 * component has all its bytes inverted, which also puts NULL first. Components are
 * self-delimiting, so {@code KeyRange.prefix(encode(firstColumns))} selects every key
 * starting with those values. Decoding returns normalized values (NUMERIC without trailing
 * zeros). Encoding allocates only the result (a per-thread scratch buffer is reused).
 */
public final class KeyCodec {
    private KeyCodec() {}

    static final int TAG_VALUE = 0x01;
    static final int TAG_NULL = 0xFF;

    /** Encodes {@code values} (which may be fewer than {@code types}: a prefix). {@code descending} may be null. */
    public static byte[] encode(Object[] values, List<DataType> types, boolean[] descending) {
        if (values.length > types.size()) throw new IllegalArgumentException(values.length + " values for " + types.size() + " key types");
        ByteBuilder out = ByteBuilder.forThread();
        for (int i = 0; i < values.length; i++) {
            DataType type = types.get(i);
            writeComponent(out, type, values[i], descending != null && descending[i]);
        }
        return out.toArrayAndRelease();
    }

    /**
     * Decodes up to {@code types.size()} leading components; bytes after them (such as the
     * primary-key suffix of an index entry) are ignored. When the key holds fewer components
     * (a prefix), the result is that shorter array.
     */
    public static Object[] decode(byte[] key, List<DataType> types, boolean[] descending) {
        KeyReader in = new KeyReader(key);
        Object[] values = new Object[types.size()];
        int count = 0;
        while (count < values.length && in.hasMore()) {
            in.mask = descending != null && descending[count] ? 0xFF : 0;
            int tag = in.get();
            if (tag != TAG_NULL && tag != TAG_VALUE) throw new IllegalArgumentException("bad key tag " + tag + " at component " + count);
            values[count] = tag == TAG_NULL ? null : KeyComponentCodec.read(in, types.get(count));
            count++;
        }
        return count == values.length ? values : Arrays.copyOf(values, count);
    }

    /** The primary key of a full row of {@code table} (for a hidden key, pass the row id as {@code hiddenRowId}). */
    public static byte[] primaryKey(TableDef table, Object[] row, long hiddenRowId) {
        ByteBuilder out = ByteBuilder.forThread();
        if (table.hasHiddenKey()) {
            writeComponent(out, DataType.INT8, hiddenRowId, false);
        } else {
            for (int ordinal : table.primaryKey()) writeComponent(out, table.columns().get(ordinal).type(), row[ordinal], false);
        }
        return out.toArrayAndRelease();
    }

    /**
     * Encodes the columns {@code ordinals} of a full {@code row} of {@code table} (an index
     * key), each DESC when {@code descending} says so ({@code descending} may be null).
     * {@code suffix}, when not null, is appended: the primary key of an index entry.
     */
    public static byte[] encodeColumns(TableDef table, List<Integer> ordinals, List<Boolean> descending, Object[] row, byte[] suffix) {
        ByteBuilder out = ByteBuilder.forThread();
        for (int i = 0; i < ordinals.size(); i++) {
            int ordinal = ordinals.get(i);
            boolean desc = descending != null && descending.get(i);
            writeComponent(out, table.columns().get(ordinal).type(), row[ordinal], desc);
        }
        if (suffix != null) out.put(suffix, 0, suffix.length);
        return out.toArrayAndRelease();
    }

    /** Length in bytes of the first {@code componentCount} components of {@code key}. */
    public static int prefixLength(byte[] key, List<DataType> types, boolean[] descending, int componentCount) {
        KeyReader in = new KeyReader(key);
        for (int i = 0; i < componentCount; i++) {
            in.mask = descending != null && descending[i] ? 0xFF : 0;
            if (in.get() != TAG_NULL) KeyComponentCodec.read(in, types.get(i));
        }
        return in.position;
    }

    private static void writeComponent(ByteBuilder out, DataType type, Object value, boolean descending) {
        int start = out.length;
        if (value == null) {
            out.put(TAG_NULL);
        } else {
            out.put(TAG_VALUE);
            KeyComponentCodec.write(out, type.type(), type.element(), value);
        }
        if (descending) out.invertFrom(start);
    }
}
