package io.tableos.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the launcher remembers about a cluster between commands, in DIR/cluster.properties:
 * the mode, the user and each node's ports. The password lives apart in DIR/password (mode
 * 0600) and is never printed except inside the JDBC URL that {@code up} prints.
 */
final class ClusterState {
    static final String FILE_NAME = "cluster.properties";

    record Node(int id, String host, int sqlPort, int raftPort) {
        String peerSpec() { return id + "=" + host + ":" + raftPort + ":" + sqlPort; }
    }

    final Path dir;
    final String mode;
    final String user;
    final List<Node> nodes;

    ClusterState(Path dir, String mode, String user, List<Node> nodes) {
        this.dir = dir;
        this.mode = mode;
        this.user = user;
        this.nodes = List.copyOf(nodes);
    }

    Path nodeDir(int id) { return dir.resolve("node" + id); }

    Path passwordFile() { return dir.resolve("password"); }

    Node node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new LauncherException("no node " + id + " in " + dir + " (nodes: " + ids() + ")"));
    }

    String ids() {
        return String.join(",", nodes.stream().map(n -> Integer.toString(n.id())).toList());
    }

    /** The same cluster with {@code node} added (ids stay unique). */
    ClusterState with(Node node) {
        List<Node> more = new ArrayList<>(nodes);
        more.add(node);
        return new ClusterState(dir, mode, user, more);
    }

    ClusterState without(int id) {
        return new ClusterState(dir, mode, user, nodes.stream().filter(n -> n.id() != id).toList());
    }

    String peers() {
        return String.join(",", nodes.stream().map(Node::peerSpec).toList());
    }

    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE_NAME));
    }

    static ClusterState load(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) throw new LauncherException("no cluster in " + dir + " (run: tableos-cluster up --dir " + dir + ")");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new LauncherException("cannot read " + file + ": " + e.getMessage());
        }
        // "ids" lists the members (they change with add and remove); older files had "nodes=N" for 1..N.
        List<Integer> ids = new ArrayList<>();
        String idList = p.getProperty("ids");
        if (idList != null) {
            for (String id : idList.split(",")) if (!id.isBlank()) ids.add(Integer.parseInt(id.trim()));
        } else {
            int count = Integer.parseInt(p.getProperty("nodes"));
            for (int i = 1; i <= count; i++) ids.add(i);
        }
        List<Node> nodes = new ArrayList<>();
        for (int i : ids) {
            nodes.add(new Node(i, p.getProperty("node." + i + ".host"),
                    Integer.parseInt(p.getProperty("node." + i + ".sqlPort")),
                    Integer.parseInt(p.getProperty("node." + i + ".raftPort"))));
        }
        return new ClusterState(dir, p.getProperty("mode"), p.getProperty("user"), nodes);
    }

    void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("mode", mode);
        p.setProperty("user", user);
        p.setProperty("ids", ids());
        for (Node n : nodes) {
            p.setProperty("node." + n.id() + ".host", n.host());
            p.setProperty("node." + n.id() + ".sqlPort", Integer.toString(n.sqlPort()));
            p.setProperty("node." + n.id() + ".raftPort", Integer.toString(n.raftPort()));
        }
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "TableOS cluster (written by tableos-cluster)");
        }
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    String password() {
        try {
            return Files.readString(passwordFile()).trim();
        } catch (IOException e) {
            throw new LauncherException("cannot read " + passwordFile() + ": " + e.getMessage());
        }
    }

    /** The URL pgJDBC connects with: every node, leader routing, credentials. */
    String jdbcUrl() {
        return jdbcUrlWithoutPassword() + "&password=" + password();
    }

    /** {@link #jdbcUrl()} without the password, for a command line others may read (the password goes in a file). */
    String jdbcUrlWithoutPassword() {
        StringBuilder hosts = new StringBuilder();
        for (Node n : nodes) {
            if (hosts.length() > 0) hosts.append(',');
            hosts.append(n.host()).append(':').append(n.sqlPort());
        }
        String routing = nodes.size() > 1 ? "targetServerType=primary&" : "";
        return "jdbc:postgresql://" + hosts + "/tableos?" + routing + "user=" + user;
    }
}
