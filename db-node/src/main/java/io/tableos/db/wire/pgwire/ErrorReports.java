package io.tableos.db.wire.pgwire;

import io.netty.handler.codec.DecoderException;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a statement threw into what ErrorResponse carries. A DbException is an
 * operating error and passes as is; anything else is a bug somewhere below: it is logged
 * once (with the statement, never with parameter values) and reported as XX000.
 */
final class ErrorReports {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReports.class);

    private ErrorReports() {}

    static DbException toDbException(Throwable error, String context) {
        if (error instanceof DbException e) return e;
        LOG.error("internal error while {}", context, error);
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new DbException(SqlState.INTERNAL_ERROR, "internal error: " + message);
    }

    /** The protocol error a decoder raised, or null when {@code cause} is not one. */
    static DbException unwrapProtocolError(Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof DbException e) return e;
        if (cause instanceof DbException e) return e;
        return null;
    }
}
