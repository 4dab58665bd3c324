package io.tableos.db.wire.pgwire.codec;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** Helpers for the 22P03 errors every codec raises. */
final class BinaryFormatException {
    private BinaryFormatException() {}

    static DbException of(String message) {
        return new DbException(SqlState.INVALID_BINARY_REPRESENTATION, message);
    }

    static void expectLength(int actual, int expected, String typeName) {
        if (actual != expected) throw of("incorrect binary data format: " + typeName + " needs " + expected + " bytes, got " + actual);
    }
}
