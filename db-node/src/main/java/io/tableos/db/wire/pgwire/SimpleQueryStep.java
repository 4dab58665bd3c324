package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.sql.session.StatementResult;
import java.util.List;

/**
 * A simple Query message: split into statements, each prepared and executed in turn with a
 * RowDescription, its rows and CommandComplete; stops at the first error; ends the implicit
 * transaction and sends ReadyForQuery. An empty string gets EmptyQueryResponse.
 */
final class SimpleQueryStep implements Step {
    private static final int[] NO_PARAMETER_TYPES = new int[0];
    private static final Object[] NO_PARAMETERS = new Object[0];

    private final QueryProtocol protocol;
    private final SqlSession session;
    private final String query;
    private final int rowsPerSlice;
    private List<String> statements;
    private int next;
    private StatementResult result;
    private ResultPump pump;

    SimpleQueryStep(QueryProtocol protocol, SqlSession session, String query, int rowsPerSlice) {
        this.protocol = protocol;
        this.session = session;
        this.query = query;
        this.rowsPerSlice = rowsPerSlice;
    }

    @Override
    public boolean run() {
        try {
            if (statements == null) {
                statements = session.split(query);
                if (statements.isEmpty()) {
                    protocol.writer().emptyQueryResponse();
                    return finish(true);
                }
                if (statements.size() > 1) session.beginImplicitBlock();
            }
            while (true) {
                if (pump != null) {
                    ResultPump.Progress progress = pump.resume();
                    if (progress == ResultPump.Progress.PAUSED || progress == ResultPump.Progress.WAITING_FOR_COPY) return false;
                    if (!statementEnded(progress)) return finish(false);
                    continue;
                }
                if (next >= statements.size()) return finish(true);
                String text = statements.get(next++);
                PreparedStatement statement = session.prepare(text, NO_PARAMETER_TYPES);
                result = session.execute(statement, NO_PARAMETERS);
                pump = new ResultPump(protocol, result, null, 0, rowsPerSlice);
                ResultPump.Progress progress = pump.start(true);
                if (progress == ResultPump.Progress.PAUSED || progress == ResultPump.Progress.WAITING_FOR_COPY) return false;
                if (!statementEnded(progress)) return finish(false);
            }
        } catch (Throwable t) {
            abort("statement failed");
            protocol.reportError(t, false, query);
            return finish(false);
        }
    }

    /** @return false when the statement failed (its error was already sent) */
    private boolean statementEnded(ResultPump.Progress progress) {
        closeResult();
        pump = null;
        if (progress == ResultPump.Progress.FAILED) return false;
        protocol.sendChangedSettings();
        return true;
    }

    private boolean finish(boolean succeeded) {
        protocol.endImplicitTransaction(succeeded);
        return true;
    }

    private void closeResult() {
        StatementResult r = result;
        result = null;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException ignored) {
                // The statement's outcome was already reported; a failing close must not hide it.
            }
        }
    }

    @Override
    public void abort() {
        abort("connection closed");
    }

    private void abort(String reason) {
        if (pump != null) pump.abort(reason);
        pump = null;
        closeResult();
    }
}
