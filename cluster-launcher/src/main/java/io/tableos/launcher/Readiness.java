package io.tableos.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Asks a node over SQL whether it serves, whether it is the leader, and its Raft figures. */
final class Readiness {
    private Readiness() {}

    enum Role { DOWN, FOLLOWER, LEADER }

    /**
     * What a node says about itself; Raft figures are null when its sys.nodes could not be read.
     *
     * @param lag              log entries it has not applied yet of those it knows committed
     * @param lastContactMillis since the leader last reached it (followers), 0 on the leader
     */
    record Report(Role role, Long term, Long commitIndex, Long appliedIndex, Long lag, Long lastContactMillis) {
        static final Report DOWN = new Report(Role.DOWN, null, null, null, null, null);
    }

    static Properties credentials(ClusterState cluster) {
        Properties props = new Properties();
        props.setProperty("user", cluster.user);
        props.setProperty("password", cluster.password());
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "5");
        props.setProperty("loginTimeout", "3");
        return props;
    }

    static Connection connect(ClusterState cluster, ClusterState.Node node) throws SQLException {
        String url = "jdbc:postgresql://" + node.host() + ":" + node.sqlPort() + "/tableos";
        return DriverManager.getConnection(url, credentials(cluster));
    }

    static Role probe(ClusterState cluster, ClusterState.Node node) {
        try (Connection c = connect(cluster, node);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
            rs.next();
            return "off".equals(rs.getString(1)) ? Role.LEADER : Role.FOLLOWER;
        } catch (SQLException e) {
            return Role.DOWN;
        }
    }

    static Report report(ClusterState cluster, ClusterState.Node node) {
        try (Connection c = connect(cluster, node); Statement s = c.createStatement()) {
            Role role;
            try (ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
                rs.next();
                role = "off".equals(rs.getString(1)) ? Role.LEADER : Role.FOLLOWER;
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT term, commit_index, applied_index, lag, last_contact_ms FROM sys.nodes WHERE is_self")) {
                if (!rs.next()) return new Report(role, null, null, null, null, null);
                return new Report(role, longOrNull(rs, 1), longOrNull(rs, 2), longOrNull(rs, 3), longOrNull(rs, 4),
                        longOrNull(rs, 5));
            } catch (SQLException e) {
                return new Report(role, null, null, null, null, null);
            }
        } catch (SQLException e) {
            return Report.DOWN;
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
