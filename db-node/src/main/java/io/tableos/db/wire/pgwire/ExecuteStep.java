package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.SqlSession;

/**
 * An Execute message: runs the portal's statement on first use, then delivers up to
 * {@code rowLimit} rows; PortalSuspended when rows remain (the result stays in the portal),
 * CommandComplete when done. An error marks the batch failed (skip until Sync).
 */
final class ExecuteStep implements Step {
    private final QueryProtocol protocol;
    private final SqlSession session;
    private final Portal portal;
    private final int rowLimit;
    private final int rowsPerSlice;
    private ResultPump pump;

    ExecuteStep(QueryProtocol protocol, SqlSession session, Portal portal, int rowLimit, int rowsPerSlice) {
        this.protocol = protocol;
        this.session = session;
        this.portal = portal;
        this.rowLimit = rowLimit;
        this.rowsPerSlice = rowsPerSlice;
    }

    @Override
    public boolean run() {
        try {
            ResultPump.Progress progress;
            if (pump != null) {
                progress = pump.resume();
            } else if (portal.completedTag != null) {
                protocol.writer().commandComplete(portal.completedTag);
                return true;
            } else if (portal.result == null) {
                portal.result = session.execute(portal.statement, portal.parameters);
                pump = new ResultPump(protocol, portal.result, portal.format, rowLimit, rowsPerSlice);
                progress = pump.start(false);
            } else {
                pump = new ResultPump(protocol, portal.result, portal.format, rowLimit, rowsPerSlice);
                progress = pump.resume();
            }
            switch (progress) {
                case PAUSED, WAITING_FOR_COPY -> {
                    return false;
                }
                case SUSPENDED -> {
                    protocol.writer().portalSuspended();
                    return true;
                }
                case COMPLETE -> {
                    portal.complete(portal.result == null ? "" : String.valueOf(portal.result.commandTag()));
                    protocol.sendChangedSettings();
                    return true;
                }
                default -> {
                    portal.closeResult();
                    protocol.failBatch();
                    return true;
                }
            }
        } catch (Throwable t) {
            if (pump != null) pump.abort("statement failed");
            portal.closeResult();
            protocol.reportError(t, true, portal.statement.text());
            return true;
        }
    }

    @Override
    public void abort() {
        if (pump != null) pump.abort("connection closed");
        portal.closeResult();
    }
}
