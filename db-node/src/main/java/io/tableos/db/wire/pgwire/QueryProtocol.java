package io.tableos.db.wire.pgwire;

import io.netty.buffer.ByteBuf;
import io.tableos.db.sql.session.CopyIn;
import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;
import java.util.Map;

/**
 * The protocol state of an authenticated connection, one inbound method per message:
 * simple Query, the extended protocol (Parse, Bind, Describe, Execute, Close, Flush, Sync),
 * COPY FROM STDIN data, Terminate. Worker-confined (see {@link SessionWorker}).
 *
 * <p>Error recovery as in PostgreSQL: after an error in an extended-protocol message, every
 * message up to the next Sync is discarded; Sync then ends the implicit transaction as failed
 * and sends ReadyForQuery. A message the protocol does not know is FATAL.
 */
final class QueryProtocol {
    private final SqlSession session;
    private final MessageWriter writer;
    private final PgServerConfig config;
    private final Runnable terminate;
    private final StatementRegistry registry;

    private Step step;
    private CopyInState copyIn;
    private boolean skipUntilSync;
    private boolean batchFailed;

    QueryProtocol(SqlSession session, MessageWriter writer, PgServerConfig config, Runnable terminate) {
        this.session = session;
        this.writer = writer;
        this.config = config;
        this.terminate = terminate;
        this.registry = new StatementRegistry(config.maxPreparedStatementsPerSession(), config.maxPortalsPerSession(),
                PgServerConfig.MAX_PORTAL_BYTES_PER_SESSION, PgServerConfig.MAX_OPEN_RESULTS_PER_SESSION);
    }

    MessageWriter writer() {
        return writer;
    }

    /** A step exists and is not waiting for COPY data from the client. */
    boolean hasRunnableStep() {
        return step != null && (copyIn == null || copyIn.finished);
    }

    /** A statement is in progress (notifications wait). */
    boolean busy() {
        return step != null;
    }

    void runStep() {
        if (step.run()) step = null;
    }

    // ---- dispatch --------------------------------------------------------------------------

    void dispatch(Frame frame) {
        byte type = frame.type;
        ByteBuf body = frame.content();
        if (type == 'X') {
            terminate.run();
            return;
        }
        if (copyIn != null && !copyIn.finished) {
            onCopyMessage(type, body);
            return;
        }
        if (skipUntilSync && type != 'S') return;
        try {
            switch (type) {
                case 'Q' -> onQuery(body);
                case 'P' -> onParse(body);
                case 'B' -> onBind(body);
                case 'D' -> onDescribe(body);
                case 'E' -> onExecute(body);
                case 'C' -> onClose(body);
                case 'H' -> writer.flush();
                case 'S' -> onSync(body);
                // Copy messages outside COPY: ignored, as PostgreSQL does after a failed COPY.
                case 'd', 'c', 'f' -> { }
                case 'F' -> throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "function call messages are not supported");
                default -> throw new FatalProtocolException(SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + (type & 0xff));
            }
        } catch (FatalProtocolException e) {
            writer.errorResponse("FATAL", e);
            terminate.run();
        } catch (Throwable t) {
            reportError(t, true, null);
        }
    }

    // ---- simple query ----------------------------------------------------------------------

    private void onQuery(ByteBuf body) {
        String query = MessageReader.cString(body);
        MessageReader.end(body);
        // A simple query destroys the unnamed statement and portal, as in PostgreSQL.
        registry.closeStatement("");
        registry.closePortal("");
        step = new SimpleQueryStep(this, session, query, config.rowsPerSlice());
    }

    // ---- extended protocol -----------------------------------------------------------------

    private void onParse(ByteBuf body) {
        String name = MessageReader.cString(body);
        String query = MessageReader.cString(body);
        int count = MessageReader.uint16(body);
        MessageReader.expectAtLeast(body, count, 4);
        int[] typeOids = new int[count];
        for (int i = 0; i < count; i++) typeOids[i] = body.readInt();
        MessageReader.end(body);
        if (count > config.maxParametersPerStatement()) throw tooManyParameters(count);
        registry.checkStatementName(name);
        PreparedStatement statement = session.prepare(query, typeOids);
        if (statement.parameterTypes().size() > config.maxParametersPerStatement()) {
            throw tooManyParameters(statement.parameterTypes().size());
        }
        registry.putStatement(name, statement);
        writer.parseComplete();
    }

    private DbException tooManyParameters(int count) {
        return new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many parameters: " + count
                + " (maximum " + config.maxParametersPerStatement() + ")");
    }

    private void onBind(ByteBuf body) {
        int bindBytes = body.readableBytes();
        String portalName = MessageReader.cString(body);
        String statementName = MessageReader.cString(body);
        short[] parameterFormats = formatCodes(body);
        int count = MessageReader.uint16(body);
        PreparedStatement statement = registry.statement(statementName);
        List<DataType> types = statement.parameterTypes();
        if (count != types.size()) {
            throw new DbException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + count
                    + " parameters, but prepared statement \"" + statementName + "\" requires " + types.size());
        }
        Object[] parameters = ParameterDecoder.decode(body, parameterFormats, types, count);
        short[] resultFormats = formatCodes(body);
        MessageReader.end(body);
        RowFormat format = RowFormat.of(statement.columns(), resultFormats);
        registry.checkPortalName(portalName);
        registry.putPortal(new Portal(portalName, statement, parameters, format, bindBytes));
        writer.bindComplete();
    }

    private static short[] formatCodes(ByteBuf body) {
        int count = MessageReader.uint16(body);
        MessageReader.expectAtLeast(body, count, 2);
        short[] codes = new short[count];
        for (int i = 0; i < count; i++) {
            codes[i] = body.readShort();
            if (codes[i] != ProtocolCodes.FORMAT_TEXT && codes[i] != ProtocolCodes.FORMAT_BINARY) {
                throw new DbException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + codes[i]);
            }
        }
        return codes;
    }

    private void onDescribe(ByteBuf body) {
        byte kind = MessageReader.int8(body);
        String name = MessageReader.cString(body);
        MessageReader.end(body);
        if (kind == 'S') {
            PreparedStatement statement = registry.statement(name);
            writer.parameterDescription(statement.parameterTypes());
            if (statement.columns().isEmpty()) writer.noData();
            else writer.rowDescription(RowFormat.text(statement.columns()));
        } else if (kind == 'P') {
            Portal portal = registry.portal(name);
            if (portal.format.columns.isEmpty()) writer.noData();
            else writer.rowDescription(portal.format);
        } else {
            throw new DbException(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + kind);
        }
    }

    private void onExecute(ByteBuf body) {
        String name = MessageReader.cString(body);
        int rowLimit = MessageReader.int32(body);
        MessageReader.end(body);
        Portal portal = registry.portal(name);
        registry.checkCanOpenResult(portal);
        step = new ExecuteStep(this, session, portal, rowLimit, config.rowsPerSlice());
    }

    private void onClose(ByteBuf body) {
        byte kind = MessageReader.int8(body);
        String name = MessageReader.cString(body);
        MessageReader.end(body);
        if (kind == 'S') registry.closeStatement(name);
        else if (kind == 'P') registry.closePortal(name);
        else throw new DbException(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + kind);
        writer.closeComplete();
    }

    private void onSync(ByteBuf body) {
        skipUntilSync = false;
        boolean succeeded = !batchFailed;
        batchFailed = false;
        endImplicitTransaction(succeeded);
    }

    /** End of a simple query or Sync: commit or roll back, then ReadyForQuery. */
    void endImplicitTransaction(boolean succeeded) {
        try {
            session.endImplicitTransaction(succeeded);
        } catch (Throwable t) {
            reportError(t, false, "end of transaction");
        }
        char status = session.transactionStatus();
        if (status == 'I') registry.closeAllPortals();
        sendChangedSettings();
        writer.readyForQuery(status);
        writer.flush();
    }

    // ---- COPY FROM STDIN -------------------------------------------------------------------

    CopyInState beginCopyIn(CopyIn target) {
        copyIn = new CopyInState(target);
        return copyIn;
    }

    void endCopyIn() {
        copyIn = null;
    }

    private void onCopyMessage(byte type, ByteBuf body) {
        CopyInState copy = copyIn;
        try {
            switch (type) {
                case 'd' -> {
                    byte[] chunk = new byte[body.readableBytes()];
                    body.readBytes(chunk);
                    copy.target.data(chunk, 0, chunk.length);
                }
                case 'c' -> {
                    String tag = copy.target.done();
                    copy.finished = true;
                    copy.succeeded = true;
                    writer.commandComplete(tag);
                }
                case 'f' -> {
                    String reason = MessageReader.cString(body);
                    copy.finished = true;
                    copy.target.fail(reason);
                    reportError(new DbException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + reason), false, null);
                }
                case 'H', 'S' -> { } // ignored during copy-in, per the protocol
                default -> {
                    copy.finished = true;
                    copy.target.fail("unexpected message");
                    reportError(new DbException(SqlState.PROTOCOL_VIOLATION,
                            "unexpected message type 0x" + Integer.toHexString(type & 0xff) + " during COPY from stdin"), false, null);
                }
            }
        } catch (Throwable t) {
            if (!copy.finished) {
                copy.finished = true;
                try {
                    copy.target.fail("error during COPY");
                } catch (RuntimeException ignored) {
                    // The original error is the one to report.
                }
            }
            copy.succeeded = false;
            reportError(t, false, "COPY FROM STDIN");
        }
    }

    // ---- shared by the steps ---------------------------------------------------------------

    /**
     * Sends an ErrorResponse; for an extended-protocol message also starts discarding until Sync.
     *
     * @param context the statement text for the log of an unexpected error, or null
     */
    void reportError(Throwable error, boolean extended, String context) {
        DbException e = ErrorReports.toDbException(error, context == null ? "processing a message" : "running: " + context);
        writer.errorResponse("ERROR", e);
        if (extended) failBatch();
    }

    /** The current extended-protocol batch failed: skip to Sync, which rolls back. */
    void failBatch() {
        skipUntilSync = true;
        batchFailed = true;
    }

    void sendChangedSettings() {
        Map<String, String> changed = session.takeChangedReportedSettings();
        if (changed == null) return;
        for (Map.Entry<String, String> e : changed.entrySet()) writer.parameterStatus(e.getKey(), e.getValue());
    }

    /** Connection gone: release results and fail a COPY in progress. */
    void abort() {
        if (step != null) {
            step.abort();
            step = null;
        }
        if (copyIn != null && !copyIn.finished) {
            copyIn.finished = true;
            copyIn.target.fail("connection closed");
        }
        copyIn = null;
        registry.closeAll();
    }
}
