package io.tableos.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Asks a node over SQL whether it serves and whether it is the leader. */
final class Readiness {
    private Readiness() {}

    enum Role { DOWN, FOLLOWER, LEADER }

    static Role probe(ClusterState cluster, ClusterState.Node node) {
        Properties props = new Properties();
        props.setProperty("user", cluster.user);
        props.setProperty("password", cluster.password());
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "5");
        props.setProperty("loginTimeout", "3");
        String url = "jdbc:postgresql://" + node.host() + ":" + node.sqlPort() + "/tableos";
        try (Connection c = DriverManager.getConnection(url, props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
            rs.next();
            return "off".equals(rs.getString(1)) ? Role.LEADER : Role.FOLLOWER;
        } catch (SQLException e) {
            return Role.DOWN;
        }
    }
}
