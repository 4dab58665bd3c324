package io.tableos.db.sys;

import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import java.util.List;

/**
 * {@code SELECT sys.shutdown()}: stops this node cleanly, as SIGTERM does (the JVM's shutdown
 * hook closes the node, which in a VM then flushes the data disk and powers the VM off).
 * Returns true at once; the exit starts {@link #REPLY_GRACE_MILLIS} later so the reply
 * reaches the client first. Procedures run on the commit path, so only the leader accepts
 * it; a follower VM is stopped by the launcher (ctrl-alt-delete, which the JVM sees as SIGINT).
 */
final class ShutdownProcedure {
    static final String NAME = "sys.shutdown";
    static final long REPLY_GRACE_MILLIS = 300;

    private ShutdownProcedure() {}

    static void register(ProcedureRegistry procedures) {
        procedures.register(NAME, List.of(), List.of(ResultColumn.of("shutdown", DataType.BOOL)), (context, arguments) -> {
            Thread exit = new Thread(ShutdownProcedure::exitSoon, "tableos-sys-shutdown");
            exit.setDaemon(false);
            exit.start();
            return List.<Object[]>of(new Object[] {Boolean.TRUE});
        });
    }

    private static void exitSoon() {
        try {
            Thread.sleep(REPLY_GRACE_MILLIS);  // not synchronisation: only lets the reply leave first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }
}
