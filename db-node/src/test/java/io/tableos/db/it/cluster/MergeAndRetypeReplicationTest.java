package io.tableos.db.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a 3-node cluster, a MERGE's writes and an ALTER COLUMN TYPE ... USING reach every replica:
 * each node ends with the same rows and the same column type. MERGE replicates as the leader's
 * row writes; the retyping replicates as a table change whose conversion each replica evaluates
 * over its own copy of the rows, so equal rows on every node are what shows it deterministic.
 * A retype inside a transaction block that rolls back is undone on every replica (each puts back
 * the rows it kept), and one that commits leaves no kept rows on any. A timestamptz retyped to
 * text under TimeZone America/New_York reads New York time on every replica (the log entry
 * carries the zone; the replicas' own zone is not consulted).
 */
class MergeAndRetypeReplicationTest {
    @TempDir
    Path dir;

    private static final String EXPECTED = "bigint|1:11,2:20,3:30|0|2024-01-01 19:00:00-05";

    @Test
    void everyNodeSeesTheMergedAndRetypedRows() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 3)) {
            cluster.executeOnLeader(
                    "CREATE TABLE IF NOT EXISTS mr_items (id int PRIMARY KEY, qty text)",
                    "CREATE INDEX IF NOT EXISTS mr_items_qty ON mr_items (qty)",
                    "CREATE TABLE IF NOT EXISTS mr_times (id int PRIMARY KEY, at timestamptz)",
                    "INSERT INTO mr_times VALUES (1, '2024-01-02 00:00:00+00') ON CONFLICT DO NOTHING");
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO mr_items VALUES (1, '10'), (2, '99')");
                assertEquals(3, s.executeUpdate("MERGE INTO mr_items t USING (VALUES (1, '11'), (2, '20'), (3, '30')) v(id, qty) ON t.id = v.id"
                        + " WHEN MATCHED THEN UPDATE SET qty = v.qty WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.qty)"));
                s.execute("ALTER TABLE mr_items ALTER COLUMN qty TYPE int USING qty::int");
                c.setAutoCommit(false);
                s.execute("ALTER TABLE mr_items ALTER COLUMN qty TYPE text USING qty || 'x'");
                c.rollback();
                s.execute("ALTER TABLE mr_items ALTER COLUMN qty TYPE bigint");
                c.commit();
                c.setAutoCommit(true);
                s.execute("SET TimeZone = 'America/New_York'");
                s.execute("ALTER TABLE mr_times ALTER COLUMN at TYPE text");
            }
            for (int id : cluster.members().keySet()) {
                TestCluster.eventually(() -> EXPECTED.equals(stateOn(cluster, id)), "the merged, retyped rows on node " + id, 60);
            }
        }
    }

    private static String stateOn(TestCluster cluster, int id) {
        try (Connection c = cluster.connect(id); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT data_type FROM information_schema.columns WHERE table_name = 'mr_items'"
                     + " AND column_name = 'qty'), string_agg(id || ':' || qty, ',' ORDER BY id),"
                     + " (SELECT count(*) FROM pg_class WHERE relname LIKE 'pg_retyped%'), (SELECT at FROM mr_times)"
                     + " FROM mr_items WHERE qty >= 11")) {
            return rs.next() ? rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) : null;
        } catch (SQLException e) {
            return null; // the table may not have reached this follower yet
        }
    }
}
