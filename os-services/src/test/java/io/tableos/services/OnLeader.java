package io.tableos.services;

import io.tableos.db.it.cluster.TestCluster;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs a call on a cluster's leader, again while leadership or a service's schema settles (08xxx, 25006, 55000, 57P01). */
public final class OnLeader {
    private OnLeader() {}

    /** A call over a fresh leader connection, which the call may close. */
    public interface Call<T> {
        T run(Connection leader) throws SQLException;
    }

    /** Errors of a cluster whose leadership or service schema is settling: a lost or stopping node, a deposed leader, a schema not yet migrated. */
    public static boolean settling(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("25006") || state.equals("55000") || state.equals("57P01");
    }

    public static <T> T run(TestCluster cluster, Call<T> call) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try (Connection c = cluster.connect()) {
                return call.run(c);
            } catch (SQLException e) {
                if (!settling(e) || System.nanoTime() > deadline) throw e;
                Thread.sleep(100);  // leadership or migration is settling in other processes: a bounded retry pause
            }
        }
    }
}
