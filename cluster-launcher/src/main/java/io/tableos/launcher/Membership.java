package io.tableos.launcher;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code add}, {@code remove I} and {@code replace I}: start or stop the node process and
 * ask the leader to change the Raft configuration through SQL ({@code sys.add_node},
 * {@code sys.remove_node}, {@code sys.replace_node}). The cluster file changes only when the
 * leader confirmed the change, so a failed command leaves it as it was.
 */
final class Membership {
    private final LocalNodes nodes;
    private final int timeoutSeconds;

    Membership(LocalNodes nodes, int timeoutSeconds) {
        this.nodes = nodes;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Starts a new node on the next free ports and adds it; returns its id. */
    int add(ClusterState cluster) throws IOException {
        ClusterState.Node node = nextNode(cluster);
        ClusterState grown = cluster.with(node);
        long pid = nodes.start(grown, node);
        System.out.println("node " + node.id() + ": started pid " + pid + ", SQL " + node.host() + ":" + node.sqlPort()
                + ", log " + cluster.nodeDir(node.id()).resolve("node.log"));
        try {
            Main.waitUntil(grown, java.util.List.of(node), false, timeoutSeconds);
            String result = callOnLeader(cluster, "SELECT sys.add_node(?, ?, ?, ?)",
                    node.id(), node.host(), node.raftPort(), node.sqlPort());
            grown.save();
            System.out.println(result);
        } catch (RuntimeException e) {
            stop(grown, node.id());
            throw e;
        }
        return node.id();
    }

    void remove(ClusterState cluster, int id) throws IOException {
        cluster.node(id);
        if (cluster.nodes.size() == 1) throw new LauncherException("cannot remove the last node (use down)");
        String result = callOnLeader(cluster, "SELECT sys.remove_node(?)", id);
        cluster.without(id).save();
        stop(cluster, id);
        System.out.println(result);
    }

    /** Replaces (typically dead) node {@code id} by a new node with a fresh id and data directory. */
    int replace(ClusterState cluster, int id) throws IOException {
        cluster.node(id);
        ClusterState.Node node = nextNode(cluster);
        ClusterState swapped = cluster.without(id).with(node);
        long pid = nodes.start(swapped, node);
        System.out.println("node " + node.id() + ": started pid " + pid + ", SQL " + node.host() + ":" + node.sqlPort());
        try {
            Main.waitUntil(swapped, java.util.List.of(node), false, timeoutSeconds);
            String result = callOnLeader(cluster.without(id), "SELECT sys.replace_node(?, ?, ?, ?, ?)",
                    id, node.id(), node.host(), node.raftPort(), node.sqlPort());
            swapped.save();
            stop(cluster, id);
            System.out.println(result);
        } catch (RuntimeException e) {
            stop(swapped, node.id());
            throw e;
        }
        return node.id();
    }

    private ClusterState.Node nextNode(ClusterState cluster) {
        int id = cluster.nodes.stream().mapToInt(ClusterState.Node::id).max().orElse(0) + 1;
        int sqlPort = cluster.nodes.stream().mapToInt(ClusterState.Node::sqlPort).max().orElse(15431) + 1;
        int raftPort = cluster.nodes.stream().mapToInt(ClusterState.Node::raftPort).max().orElse(15531) + 1;
        String host = cluster.nodes.isEmpty() ? "127.0.0.1" : cluster.nodes.get(0).host();
        LocalNodes.requireFreePort(host, sqlPort);
        LocalNodes.requireFreePort(host, raftPort);
        return new ClusterState.Node(id, host, sqlPort, raftPort);
    }

    private void stop(ClusterState cluster, int id) {
        Optional<ProcessHandle> p = nodes.process(cluster, id);
        if (p.isEmpty()) return;
        nodes.signal(p.get(), "TERM");
        try {
            p.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            nodes.signal(p.get(), "KILL");
        }
    }

    /**
     * Runs a membership procedure on the leader (found by pgJDBC with targetServerType=primary),
     * retrying while no leader answers (an election) until the timeout.
     */
    private String callOnLeader(ClusterState members, String sql, Object... args) {
        StringBuilder hosts = new StringBuilder();
        for (ClusterState.Node n : members.nodes) {
            if (hosts.length() > 0) hosts.append(',');
            hosts.append(n.host()).append(':').append(n.sqlPort());
        }
        String url = "jdbc:postgresql://" + hosts + "/tableos?targetServerType=primary";
        java.util.Properties props = Readiness.credentials(members);
        props.setProperty("socketTimeout", "150"); // a change waits for the new node to catch up
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
            try (Connection c = DriverManager.getConnection(url, props); PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                boolean retryable = e.getSQLState() == null || e.getSQLState().startsWith("08")
                        || "25006".equals(e.getSQLState());
                if (!retryable || System.nanoTime() > deadline) {
                    throw new LauncherException("the leader refused the change: " + e.getMessage()
                            + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"));
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("interrupted");
            }
        }
    }
}
