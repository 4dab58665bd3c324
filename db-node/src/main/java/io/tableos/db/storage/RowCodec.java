package io.tableos.db.storage;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.types.DataType;
import java.util.List;

/**
 * Compact binary encoding of a table row (all visible columns, in ordinal order), with
 * access to one column without decoding the rest.
 *
 * <p>Layout: the column count (varint), a null bitmap of {@code ceil(count / 8)} bytes
 * (bit {@code i % 8} of byte {@code i / 8} set when column i is NULL), then each non-null
 * value in ordinal order as {@link RowValueCodec} writes it. A row encoded with fewer
 * columns than the table now has decodes with NULL in the missing ones (the storage
 * rewrites rows on ALTER TABLE anyway). {@link #decodeColumn} skips the preceding values
 * without allocating. Encoding allocates only the result.
 */
public final class RowCodec {
    private RowCodec() {}

    public static byte[] encode(TableDef table, Object[] row) {
        List<ColumnDef> columns = table.columns();
        int count = columns.size();
        if (row.length < count) throw new IllegalArgumentException("row has " + row.length + " values, table " + table.qualifiedName() + " " + count + " columns");
        ByteBuilder out = ByteBuilder.forThread();
        out.putVarLong(count);
        int bitmapStart = out.length;
        int bitmapBytes = (count + 7) >>> 3;
        out.ensure(bitmapBytes);
        for (int i = 0; i < bitmapBytes; i++) out.bytes[out.length++] = 0;
        for (int i = 0; i < count; i++) {
            Object value = row[i];
            if (value == null) {
                out.bytes[bitmapStart + (i >>> 3)] |= (byte) (1 << (i & 7));
            } else {
                DataType type = columns.get(i).type();
                RowValueCodec.write(out, type.type(), type.element(), value);
            }
        }
        byte[] encoded = out.toArrayAndRelease();
        assert roundTrips(table, row, encoded) : "row codec round trip failed for " + table.qualifiedName();
        return encoded;
    }

    public static Object[] decode(TableDef table, byte[] encoded) {
        return decodeColumns(table, encoded, null);
    }

    /**
     * The row with only the columns {@code wanted} marks (null: every column) decoded, the
     * others null: one pass that skips what it does not need (index keys read a few columns).
     */
    public static Object[] decodeColumns(TableDef table, byte[] encoded, boolean[] wanted) {
        List<ColumnDef> columns = table.columns();
        Object[] row = new Object[columns.size()];
        RowReader in = new RowReader(encoded, 0);
        int storedCount = in.getVarInt();
        int bitmapStart = in.position;
        in.position += (storedCount + 7) >>> 3;
        int stored = Math.min(storedCount, row.length);
        if (wanted != null) while (stored > 0 && !wanted[stored - 1]) stored--;
        for (int i = 0; i < stored; i++) {
            if ((encoded[bitmapStart + (i >>> 3)] & (1 << (i & 7))) == 0) {
                DataType type = columns.get(i).type();
                if (wanted == null || wanted[i]) row[i] = RowValueCodec.read(in, type.type(), type.element());
                else RowValueCodec.skip(in, type.type(), type.element());
            }
        }
        return row;
    }

    public static Object decodeColumn(TableDef table, byte[] encoded, int ordinal) {
        List<ColumnDef> columns = table.columns();
        RowReader in = new RowReader(encoded, 0);
        int stored = in.getVarInt();
        if (ordinal >= stored) return null;
        int bitmapStart = in.position;
        in.position += (stored + 7) >>> 3;
        if (isNull(encoded, bitmapStart, ordinal)) return null;
        for (int i = 0; i < ordinal; i++) {
            if (!isNull(encoded, bitmapStart, i)) {
                DataType type = columns.get(i).type();
                RowValueCodec.skip(in, type.type(), type.element());
            }
        }
        DataType type = columns.get(ordinal).type();
        return RowValueCodec.read(in, type.type(), type.element());
    }

    private static boolean isNull(byte[] encoded, int bitmapStart, int ordinal) {
        return (encoded[bitmapStart + (ordinal >>> 3)] & (1 << (ordinal & 7))) != 0;
    }

    private static boolean roundTrips(TableDef table, Object[] row, byte[] encoded) {
        Object[] decoded = decode(table, encoded);
        for (int i = 0; i < decoded.length; i++) {
            if ((decoded[i] == null) != (row[i] == null)) return false;
        }
        return true;
    }
}
