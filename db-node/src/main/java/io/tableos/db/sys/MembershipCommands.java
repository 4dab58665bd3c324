package io.tableos.db.sys;

import io.tableos.db.replication.MembershipException;
import io.tableos.db.replication.RaftNode;
import io.tableos.db.replication.RaftPeerAddress;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Adds, removes and replaces members of the Raft group, asked of the leader. These are not
 * transactions: they go to Ratis directly, never through the commit path, so commits keep
 * flowing while a new node catches up. The new node must already run, started with the new
 * peer list ({@code --peers} naming every member and itself).
 *
 * <p>A node whose data was lost must rejoin as a new member (remove it, wipe, start, add):
 * Raft assumes a member never forgets its log or its vote, and Ratis' leader would otherwise
 * keep probing a log position the wiped node no longer has.
 */
public final class MembershipCommands {
    /** Longest wait for a change: a new node must catch up (log or snapshot) within it. */
    public static final long CHANGE_TIMEOUT_MILLIS = 120_000;
    static final int NODE_ID_MAX = 1_000_000;

    private final RaftNode raft;

    public MembershipCommands(RaftNode raft) {
        this.raft = raft;
    }

    public CompletableFuture<String> addNode(int id, String host, int raftPort, int sqlPort) {
        RaftPeerAddress peer = peer(id, host, raftPort, sqlPort);
        return describe(raft.changeMembership(List.of(peer), List.of()), "node " + id + " added");
    }

    public CompletableFuture<String> removeNode(int id) {
        checkId(id);
        return describe(raft.changeMembership(List.of(), List.of(Integer.toString(id))), "node " + id + " removed");
    }

    /** Swaps a (dead) member for a new one in a single configuration change. */
    public CompletableFuture<String> replaceNode(int oldId, int newId, String host, int raftPort, int sqlPort) {
        checkId(oldId);
        RaftPeerAddress peer = peer(newId, host, raftPort, sqlPort);
        return describe(raft.changeMembership(List.of(peer), List.of(Integer.toString(oldId))),
                "node " + oldId + " replaced by node " + newId);
    }

    /** Waits for a change started by one of the methods above, as a SQL caller does. */
    public static String await(CompletableFuture<String> change) {
        try {
            return change.get(CHANGE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw toDbException(e.getCause());
        } catch (TimeoutException e) {
            throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "the membership change did not finish within "
                    + CHANGE_TIMEOUT_MILLIS / 1000 + " s; check sys.nodes (it may still complete)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbException(SqlState.QUERY_CANCELED, "canceled while waiting for the membership change");
        }
    }

    private CompletableFuture<String> describe(CompletableFuture<Void> change, String done) {
        return change.thenApply(ignored -> done + "; members: " + raft.members().stream()
                .map(RaftPeerAddress::id).collect(Collectors.joining(",")));
    }

    private static RaftPeerAddress peer(int id, String host, int raftPort, int sqlPort) {
        checkId(id);
        if (host == null || host.isBlank() || host.contains(":") || host.contains(",")) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "host must be a name or IPv4 address, got '" + host + "'");
        }
        checkPort("raft_port", raftPort);
        checkPort("sql_port", sqlPort);
        return new RaftPeerAddress(Integer.toString(id), host, raftPort, host + ":" + sqlPort);
    }

    private static void checkId(int id) {
        if (id < 1 || id > NODE_ID_MAX) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "node id must be 1.." + NODE_ID_MAX + ", got " + id);
        }
    }

    private static void checkPort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, what + " must be 1..65535, got " + port);
        }
    }

    static DbException toDbException(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) error = error.getCause();
        if (error instanceof DbException d) return d;
        if (!(error instanceof MembershipException m)) {
            return new DbException(SqlState.INTERNAL_ERROR, "membership change failed: " + error, error);
        }
        return switch (m.reason()) {
            case NOT_LEADER -> new DbException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot change membership on this node: "
                    + m.getMessage(), null, m.leaderSqlAddress() == null ? null : "connect to " + m.leaderSqlAddress(), 0, m);
            case INVALID -> new DbException(SqlState.INVALID_PARAMETER_VALUE, m.getMessage(), m);
            case UNKNOWN_MEMBER -> new DbException(SqlState.UNDEFINED_OBJECT, m.getMessage(), m);
            case ALREADY_MEMBER -> new DbException(SqlState.DUPLICATE_OBJECT, m.getMessage(), m);
            case IN_PROGRESS, FAILED -> new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, m.getMessage(), m);
        };
    }
}
