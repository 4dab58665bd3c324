package io.tableos.db.sql.exec.harness;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** COPY FROM STDIN / TO STDOUT. */
final class CopyCommands {
    private final HarnessSession session;

    CopyCommands(HarnessSession session) {
        this.session = session;
    }

    StatementResult execute(UtilityStatement.Copy c) {
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY is not supported yet");
    }
}
