package io.tableos.db.sys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a node is told at start, from command-line flags (see {@link #USAGE}). Parsing
 * rejects bad input with a {@link ConfigException} naming the flag, before anything starts.
 */
public record NodeConfig(
        int nodeId,
        Path dataDir,
        String host,
        int sqlPort,
        int raftPort,
        List<Peer> peers,
        String authMethod,
        String user,
        Path passwordFile,
        int maxConnections,
        String logLevel,
        Map<String, String> sessionDefaults) {

    /** One member of the Raft group: its id, the address peers reach its Raft port at, and its SQL address. */
    public record Peer(int id, String host, int raftPort, int sqlPort) {
        public String raftAddress() { return host + ":" + raftPort; }
        public String sqlAddress() { return host + ":" + sqlPort; }
    }

    public static final String USAGE = """
            usage: tableos-node --data-dir DIR [flags]
              --data-dir DIR          where the Raft log and snapshots live (required)
              --node-id N             this node's id in the group (default 1)
              --host ADDR             address to bind and to advertise (default 127.0.0.1)
              --sql-port P            PostgreSQL protocol port (default 5432; 0 = any free port)
              --raft-port P           Raft port (default 6432)
              --peers LIST            the group: id=host:raftPort:sqlPort,... (default: this node alone)
              --auth scram|trust      client authentication (default scram)
              --user NAME             the database user (default tableos)
              --password-file FILE    file holding the user's password (required with scram);
                                      the password is never logged
              --max-connections N     client connections accepted at once (default 100)
              --log-level LEVEL       error|warn|info|debug (default warn)
              --set NAME=VALUE        a session setting's default on this node, e.g.
                                      --set default_transaction_isolation=serializable
                                      (repeatable; ALTER DATABASE ... SET and the client's
                                      own startup options take precedence, as in PostgreSQL)
            A node whose Raft log entry failed to apply stops (exit 70) and will not start
            while DIR/raft/APPLY-FAILED exists; delete that file once the cause is fixed.
            """;

    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }

    public static NodeConfig parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, String> sessionDefaults = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new ConfigException("unexpected argument '" + arg + "'");
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) throw new ConfigException("--" + name + ": missing value");
                value = args[++i];
            }
            if (name.equals("set")) {
                int assign = value.indexOf('=');
                if (assign <= 0) throw new ConfigException("--set: expected NAME=VALUE, got '" + value + "'");
                sessionDefaults.put(value.substring(0, assign).trim().toLowerCase(java.util.Locale.ROOT), value.substring(assign + 1));
                continue;
            }
            if (flags.put(name, value) != null) throw new ConfigException("--" + name + " given twice");
        }
        String dataDir = flags.remove("data-dir");
        if (dataDir == null || dataDir.isBlank()) throw new ConfigException("--data-dir is required");
        int nodeId = intFlag(flags, "node-id", 1, 1, 1_000_000);
        String host = flags.getOrDefault("host", "127.0.0.1");
        flags.remove("host");
        int sqlPort = intFlag(flags, "sql-port", 5432, 0, 65535);
        int raftPort = intFlag(flags, "raft-port", 6432, 1, 65535);
        String peersText = flags.remove("peers");
        List<Peer> peers = peersText == null
                ? List.of(new Peer(nodeId, host, raftPort, sqlPort))
                : parsePeers(peersText);
        if (peers.stream().noneMatch(p -> p.id() == nodeId)) {
            throw new ConfigException("--peers does not list this node's id " + nodeId);
        }
        String auth = flags.getOrDefault("auth", "scram");
        flags.remove("auth");
        if (!auth.equals("scram") && !auth.equals("trust")) {
            throw new ConfigException("--auth: expected scram or trust, got '" + auth + "'");
        }
        String user = flags.getOrDefault("user", "tableos");
        flags.remove("user");
        String passwordFile = flags.remove("password-file");
        if (auth.equals("scram") && passwordFile == null) {
            throw new ConfigException("--password-file is required with --auth scram");
        }
        int maxConnections = intFlag(flags, "max-connections", 100, 1, 10_000);
        String logLevel = flags.getOrDefault("log-level", "warn");
        flags.remove("log-level");
        if (!List.of("error", "warn", "info", "debug").contains(logLevel)) {
            throw new ConfigException("--log-level: expected error, warn, info or debug, got '" + logLevel + "'");
        }
        if (!flags.isEmpty()) throw new ConfigException("unknown flag --" + flags.keySet().iterator().next());
        return new NodeConfig(nodeId, Path.of(dataDir), host, sqlPort, raftPort, peers, auth, user,
                passwordFile == null ? null : Path.of(passwordFile), maxConnections, logLevel, Map.copyOf(sessionDefaults));
    }

    public Peer self() {
        return peers.stream().filter(p -> p.id() == nodeId).findFirst().orElseThrow();
    }

    static List<Peer> parsePeers(String text) {
        List<Peer> peers = new ArrayList<>();
        for (String item : text.split(",")) {
            String[] idAndAddress = item.trim().split("=", 2);
            String[] parts = idAndAddress.length == 2 ? idAndAddress[1].split(":") : new String[0];
            if (parts.length != 3) {
                throw new ConfigException("--peers: expected id=host:raftPort:sqlPort, got '" + item + "'");
            }
            int id = parseInt("--peers id", idAndAddress[0], 1, 1_000_000);
            int raft = parseInt("--peers raft port", parts[1], 1, 65535);
            int sql = parseInt("--peers sql port", parts[2], 1, 65535);
            if (peers.stream().anyMatch(p -> p.id() == id)) throw new ConfigException("--peers: id " + id + " listed twice");
            peers.add(new Peer(id, parts[0], raft, sql));
        }
        return List.copyOf(peers);
    }

    private static int intFlag(Map<String, String> flags, String name, int defaultValue, int min, int max) {
        String value = flags.remove(name);
        return value == null ? defaultValue : parseInt("--" + name, value, min, max);
    }

    private static int parseInt(String what, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": expected an integer " + min + ".." + max + ", got '" + value + "'");
        }
    }
}
