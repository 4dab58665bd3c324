package io.tableos.db.sql.engine;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** COPY FROM STDIN and COPY TO STDOUT. */
final class CopyCommands {
    private final SqlSessionImpl session;

    CopyCommands(SqlSessionImpl session) {
        this.session = session;
    }

    StatementResult execute(UtilityStatement.Copy copy) {
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY is not supported yet");
    }
}
