package io.tableos.db.storage;

import io.tableos.db.catalog.TableDef;

/**
 * Compact binary encoding of a table row (all visible columns, in ordinal order), with
 * access to one column without decoding the rest.
 */
public final class RowCodec {
    private RowCodec() {}

    public static byte[] encode(TableDef table, Object[] row) {
        throw new UnsupportedOperationException("RowCodec.encode: storage layer in progress");
    }

    public static Object[] decode(TableDef table, byte[] encoded) {
        throw new UnsupportedOperationException("RowCodec.decode: storage layer in progress");
    }

    public static Object decodeColumn(TableDef table, byte[] encoded, int ordinal) {
        throw new UnsupportedOperationException("RowCodec.decodeColumn: storage layer in progress");
    }
}
