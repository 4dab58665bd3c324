package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.RowSink;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/**
 * Delivers one {@link StatementResult} to the client, a slice of {@code rowsPerSlice} rows per
 * call, so the worker can check writability between slices and never buffers a whole
 * result. Writes the notice, CommandComplete / EmptyQueryResponse, COPY responses, and
 * RowDescription when asked (simple query). With a row limit (Execute) it stops at the
 * limit and reports {@link Progress#SUSPENDED}; the caller keeps the result for the next Execute.
 */
final class ResultPump {
    enum Progress { PAUSED, WAITING_FOR_COPY, SUSPENDED, COMPLETE, FAILED }

    private final QueryProtocol protocol;
    private final MessageWriter writer;
    private final StatementResult result;
    private final RowFormat format;
    private final int rowLimit;
    private final int rowsPerSlice;
    private final RowSink rowSink;
    private final RowSink copySink;
    private int rowsSent;
    private CopyInState copyIn;

    /**
     * @param format   result formats (Bind) or null for text format of the result's own columns
     * @param rowLimit Execute's maximum row count, 0 = all
     */
    ResultPump(QueryProtocol protocol, StatementResult result, RowFormat format, int rowLimit, int rowsPerSlice) {
        this.protocol = protocol;
        this.writer = protocol.writer();
        this.result = result;
        this.format = format == null ? RowFormat.text(result.columns()) : format.withColumns(result.columns());
        this.rowLimit = Math.max(rowLimit, 0);
        this.rowsPerSlice = rowsPerSlice;
        this.rowSink = row -> {
            writer.dataRow(row, this.format);
            rowsSent++;
            writer.writeIfBatchFull();
        };
        this.copySink = row -> {
            writer.copyData((byte[]) row[0]);
            rowsSent++;
            writer.writeIfBatchFull();
        };
    }

    /** First delivery of a fresh result. */
    Progress start(boolean sendRowDescription) {
        String notice = result.notice();
        if (notice != null) writer.noticeResponse("NOTICE", SqlState.SUCCESSFUL_COMPLETION, notice);
        switch (result.kind()) {
            case COMMAND -> {
                writer.commandComplete(result.commandTag());
                return Progress.COMPLETE;
            }
            case EMPTY_QUERY -> {
                writer.emptyQueryResponse();
                return Progress.COMPLETE;
            }
            case COPY_IN -> {
                if (result.copyIn() == null) throw new IllegalStateException("COPY_IN result without a CopyIn");
                writer.copyInResponse(result.copyIn().columnCount());
                writer.flush();
                copyIn = protocol.beginCopyIn(result.copyIn());
                return Progress.WAITING_FOR_COPY;
            }
            case COPY_OUT -> {
                writer.copyOutResponse(result.columns().size());
                return resume();
            }
            case ROWS -> {
                if (sendRowDescription) writer.rowDescription(format);
                return resume();
            }
            default -> throw new IllegalStateException("unknown result kind " + result.kind());
        }
    }

    /** Next slice (or the outcome of the COPY FROM STDIN). */
    Progress resume() {
        if (copyIn != null) {
            if (!copyIn.finished) return Progress.WAITING_FOR_COPY;
            protocol.endCopyIn();
            return copyIn.succeeded ? Progress.COMPLETE : Progress.FAILED;
        }
        boolean copyOut = result.kind() == StatementResult.Kind.COPY_OUT;
        int want = rowsPerSlice;
        if (rowLimit > 0) want = Math.min(want, rowLimit - rowsSent);
        boolean more = result.fetch(copyOut ? copySink : rowSink, want);
        if (more) {
            if (copyOut && rowLimit > 0) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY TO STDOUT cannot be suspended");
            return rowLimit > 0 && rowsSent >= rowLimit ? Progress.SUSPENDED : Progress.PAUSED;
        }
        if (copyOut) writer.copyDone();
        writer.commandComplete(result.commandTag());
        return Progress.COMPLETE;
    }

    /** Connection lost or statement failed while waiting for COPY data. */
    void abort(String reason) {
        if (copyIn != null && !copyIn.finished) {
            copyIn.finished = true;
            protocol.endCopyIn();
            copyIn.target.fail(reason);
        }
    }
}
