package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.StatementResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound statement: parameters and result formats fixed by Bind; the result is created by
 * the first Execute and kept open between Executes of a suspended portal.
 */
final class Portal {
    private static final Logger LOG = LoggerFactory.getLogger(Portal.class);

    final String name;
    final PreparedStatement statement;
    final Object[] parameters;
    final RowFormat format;
    /** Size of the Bind message: what the parameters occupy, counted against the session's portal bytes. */
    final int bindBytes;
    /** Null before the first Execute and after completion. */
    StatementResult result;
    /** Set when the result was delivered whole: a further Execute only repeats CommandComplete. */
    String completedTag;

    Portal(String name, PreparedStatement statement, Object[] parameters, RowFormat format, int bindBytes) {
        this.name = name;
        this.statement = statement;
        this.parameters = parameters;
        this.format = format;
        this.bindBytes = bindBytes;
    }

    void complete(String tag) {
        completedTag = tag;
        closeResult();
    }

    void closeResult() {
        StatementResult r = result;
        result = null;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the result of portal \"{}\" failed", name, e);
            }
        }
    }
}
