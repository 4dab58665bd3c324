package io.tableos.db.sys;

import io.tableos.db.catalog.SystemTables;
import io.tableos.db.sql.engine.SqlEngineImpl;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.txn.TransactionManagerImpl;
import io.tableos.db.types.DataType;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster's SQL surface: {@code sys.nodes}, {@code sys.metrics} and the membership
 * procedures, each returning one text row describing the new membership:
 * <pre>
 *   SELECT sys.add_node(id, host, raft_port, sql_port);
 *   SELECT sys.remove_node(id);
 *   SELECT sys.replace_node(old_id, new_id, host, raft_port, sql_port);
 * </pre>
 * They must be called on the leader (25006 naming it otherwise).
 *
 * <p>Built-in procedures run on the commit path (the sequencer thread), but a membership
 * change can take seconds while a new node catches up, and must not stall commits. So the
 * body only starts the change and returns its row as a {@link DeferredRow}: the commit path
 * moves on at once, and the calling session blocks when it reads the row.
 */
public final class ClusterProcedures {
    private ClusterProcedures() {}

    /** Registers the cluster's system tables and procedures for a node's engine. Call once at start. */
    public static void install(SqlEngineImpl engine, SystemTables systemTables, TransactionManagerImpl transactions) {
        ClusterSystemTables.register(systemTables, transactions);
        register(engine.procedures(), new MembershipCommands(transactions.raftNode()));
    }

    static void register(ProcedureRegistry registry, MembershipCommands commands) {
        DataType int4 = DataType.INT4;
        DataType text = DataType.TEXT;
        registry.register("sys.add_node", List.of(int4, text, int4, int4),
                List.of(ResultColumn.of("add_node", text)),
                (ctx, args) -> new DeferredRow(commands.addNode(integer(args[0], "id"), (String) args[1],
                        integer(args[2], "raft_port"), integer(args[3], "sql_port"))));
        registry.register("sys.remove_node", List.of(int4),
                List.of(ResultColumn.of("remove_node", text)),
                (ctx, args) -> new DeferredRow(commands.removeNode(integer(args[0], "id"))));
        registry.register("sys.replace_node", List.of(int4, int4, text, int4, int4),
                List.of(ResultColumn.of("replace_node", text)),
                (ctx, args) -> new DeferredRow(commands.replaceNode(integer(args[0], "old_id"), integer(args[1], "new_id"),
                        (String) args[2], integer(args[3], "raft_port"), integer(args[4], "sql_port"))));
    }

    private static int integer(Object value, String what) {
        if (value == null) {
            throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.INVALID_PARAMETER_VALUE,
                    what + " must not be null");
        }
        return ((Number) value).intValue();
    }

    /**
     * One result row that exists once a membership change finished: reading it (size or get)
     * waits for the change, up to {@link MembershipCommands#CHANGE_TIMEOUT_MILLIS}, and throws
     * its failure as a DbException. Read by the calling session's thread, never the commit path.
     */
    static final class DeferredRow extends AbstractList<Object[]> {
        private final CompletableFuture<String> change;

        DeferredRow(CompletableFuture<String> change) {
            this.change = change;
        }

        @Override
        public Object[] get(int index) {
            if (index != 0) throw new IndexOutOfBoundsException(index);
            return new Object[] {MembershipCommands.await(change)};
        }

        @Override
        public int size() {
            MembershipCommands.await(change);
            return 1;
        }
    }
}
