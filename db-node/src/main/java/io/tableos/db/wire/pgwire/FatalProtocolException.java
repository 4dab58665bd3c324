package io.tableos.db.wire.pgwire;

import io.tableos.db.types.DbException;

/** An error after which the connection cannot continue: reported with severity FATAL, then closed. */
final class FatalProtocolException extends DbException {
    private static final long serialVersionUID = 1L;

    FatalProtocolException(String sqlState, String message) {
        super(sqlState, message);
    }
}
