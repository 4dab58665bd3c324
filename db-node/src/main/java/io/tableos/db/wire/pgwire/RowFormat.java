package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.wire.pgwire.codec.BinaryCodec;
import io.tableos.db.wire.pgwire.codec.BinaryCodecs;
import io.tableos.db.types.DataType;
import java.util.List;

/**
 * The columns of a result with the format the client asked for each (Bind's result format
 * codes): resolved once per portal, so encoding a row looks nothing up.
 */
final class RowFormat {
    static final RowFormat NONE = new RowFormat(List.of(), new short[0]);

    final List<ResultColumn> columns;
    final DataType[] types;
    /** Null for a text-format column. */
    final BinaryCodec[] binaryCodecs;

    private RowFormat(List<ResultColumn> columns, short[] formatCodes) {
        this.columns = columns;
        int n = columns.size();
        types = new DataType[n];
        binaryCodecs = new BinaryCodec[n];
        for (int i = 0; i < n; i++) {
            types[i] = columns.get(i).type();
            int format = formatCodes.length == 0 ? ProtocolCodes.FORMAT_TEXT
                    : formatCodes.length == 1 ? formatCodes[0] : formatCodes[i];
            if (format == ProtocolCodes.FORMAT_BINARY) {
                binaryCodecs[i] = BinaryCodecs.forType(types[i]);
            } else if (format != ProtocolCodes.FORMAT_TEXT) {
                throw new DbException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + format);
            }
        }
    }

    /**
     * @param formatCodes none (all text), one (for all columns) or one per column
     */
    static RowFormat of(List<ResultColumn> columns, short[] formatCodes) {
        if (formatCodes.length > 1 && formatCodes.length != columns.size()) {
            throw new DbException(SqlState.PROTOCOL_VIOLATION, "bind message has " + formatCodes.length
                    + " result formats but query has " + columns.size() + " columns");
        }
        return new RowFormat(columns, formatCodes);
    }

    static RowFormat text(List<ResultColumn> columns) {
        return new RowFormat(columns, new short[0]);
    }

    int formatCode(int column) {
        return binaryCodecs[column] == null ? ProtocolCodes.FORMAT_TEXT : ProtocolCodes.FORMAT_BINARY;
    }

    /** The same formats for the columns an execution actually returned (same count, possibly refined types). */
    RowFormat withColumns(List<ResultColumn> actual) {
        if (actual.equals(columns) || actual.size() != columns.size()) return this;
        short[] codes = new short[actual.size()];
        for (int i = 0; i < codes.length; i++) codes[i] = (short) formatCode(i);
        return new RowFormat(actual, codes);
    }
}
